/** What a clean answer must not contain, and a way to look at every string of one. */

/** Tag characters, soft hyphen, U+180E, line/paragraph separators and variation selectors. */
// eslint-disable-next-line no-misleading-character-class -- the characters the tests look for
export const HIDDEN_TAGS = /[\u00AD\u180E\u2028\u2029\uFE00-\uFE0F\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/u;

/** Characters that hide, reorder or control text (untrusted.ts strips them from everything it cleans). */
// eslint-disable-next-line no-control-regex, no-misleading-character-class -- the characters the tests look for
export const HIDDEN_CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFE00-\uFE0F\uFEFF]/u;

/** Every key and string value of a JSON-like value. */
export function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  // eslint-disable-next-line @typescript-eslint/no-unused-expressions -- both, in order
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(k), stringsOf(v, out);
  return out;
}
