export type Region = 'us' | 'eu';

export const API_HOSTS: Record<Region, string> = {
  us: 'https://api.pagerduty.com',
  eu: 'https://api.eu.pagerduty.com',
};

export const HOSTED_MCP_URLS: Record<Region, string> = {
  us: 'https://mcp.pagerduty.com/mcp',
  eu: 'https://mcp.eu.pagerduty.com/mcp',
};

/** An explicit base URL wins over the region; trailing slashes are dropped so paths join cleanly. */
export function resolveApiBaseUrl(region: Region = 'us', baseUrl?: string): string {
  const chosen = baseUrl?.trim() || API_HOSTS[region];
  let url: URL;
  try {
    url = new URL(chosen);
  } catch {
    throw new Error(`PagerDuty API base URL "${chosen}" is not a valid URL; expected e.g. https://api.eu.pagerduty.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`PagerDuty API base URL must use https (or http for a local simulator), got "${url.protocol}"`);
  }
  return chosen.replace(/\/+$/, '');
}

export function isRegion(value: unknown): value is Region {
  return value === 'us' || value === 'eu';
}
