// Which web links the extension opens for the incident page and the card (their view model, the page's messages, commit links).

/**
 * The only links the extension opens for the page: http(s) to a host, nothing else (no command:, file:, javascript:),
 * written as VS Code's Uri.parse reads them. The WHATWG parser forgives spaces and controls around a link, tabs and
 * newlines in it, a missing `//` and backslashes; Uri.parse then throws ("Scheme contains illegal characters"), so
 * such a link is not safe as it is: `safeLink` gives its normalised form.
 */
export function isSafeLink(url: unknown): url is string {
  return safeLink(url) === url;
}

/** The link as the browser would open it (WHATWG-normalised, so Uri.parse takes it), or undefined if it is not http(s). */
export function safeLink(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.length > 2048) return undefined;
  try {
    const parsed = new URL(url);
    if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || !parsed.hostname) return undefined;
    return isCleanWebLink(url) ? url : parsed.href;
  } catch {
    return undefined;
  }
}

/** Already in the form Uri.parse reads the same way: http(s)://, then no space, control or backslash. */
function isCleanWebLink(url: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  return /^https?:\/\/[^\u0000-\u0020\u007F-\u009F\\]+$/i.test(url);
}
