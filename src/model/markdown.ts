/**
 * Markdown from PagerDuty text, in one place: the tree's tooltips and the post-incident review. PagerDuty text is
 * untrusted (anyone who can send an event writes titles), so it can neither open a link, an image, HTML nor a
 * command URI, nor end the line, table cell or code span it is put in. No `vscode`.
 */

/** Inline text: every character Markdown or GFM gives meaning to is escaped, and line breaks become spaces. */
export function escapeMarkdown(text: string): string {
  return String(text)
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&:]/g, (c) => `\\${c}`);
}

/** Several lines of untrusted text as a block quote: each line escaped, none can leave the quote. */
export function quoteMarkdown(text: string): string {
  return String(text)
    .split(/\r?\n|\r/)
    .map((line) => `> ${escapeMarkdown(line)}`)
    .join('\n');
}

/** A link whose text is untrusted and whose target we made (a relative path in the repository). */
export function markdownLink(text: string, target: string): string {
  const safeTarget = target
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/')
    .replace(/%23L(\d+)$/, '#L$1');
  return `[${escapeMarkdown(text)}](${safeTarget})`;
}
