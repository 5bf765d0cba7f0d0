export type Region = 'us' | 'eu';

export const API_HOSTS: Record<Region, string> = {
  us: 'https://api.pagerduty.com',
  eu: 'https://api.eu.pagerduty.com',
};

export const HOSTED_MCP_URLS: Record<Region, string> = {
  us: 'https://mcp.pagerduty.com/mcp',
  eu: 'https://mcp.eu.pagerduty.com/mcp',
};

/**
 * Loopback hosts (127.0.0.0/8, ::1, exactly `localhost`): the only ones a token may be sent to over cleartext http.
 * Not `*.localhost` nor `localhost.`: Node resolves those through DNS, which may answer with any address.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * An explicit base URL wins over the region; trailing slashes are dropped so paths join cleanly. http is refused
 * except for loopback (a local simulator or proxy): one typo must not send the token unencrypted.
 */
export function resolveApiBaseUrl(region: Region = 'us', baseUrl?: string): string {
  const chosen = baseUrl?.trim() || API_HOSTS[region];
  let url: URL;
  try {
    url = new URL(chosen);
  } catch {
    throw new Error(`PagerDuty API base URL "${chosen.slice(0, 200)}" is not a valid URL; expected e.g. https://api.eu.pagerduty.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`PagerDuty API base URL must use https (or http for a local simulator), got "${url.protocol}"`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new Error(
      `PagerDuty API base URL "${url.origin}" uses cleartext http, which would send the API token unencrypted; ` +
        'use https (http is accepted only for loopback hosts: localhost, 127.0.0.0/8, ::1).',
    );
  }
  if (url.username || url.password) {
    throw new Error('PagerDuty API base URL must not contain a user name or password.');
  }
  return chosen.replace(/\/+$/, '');
}

export function isRegion(value: unknown): value is Region {
  return value === 'us' || value === 'eu';
}
