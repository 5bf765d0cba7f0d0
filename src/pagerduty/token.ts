/**
 * The one shape check for API tokens, shared by the server's start-up, the client and the sign-in command. PagerDuty
 * tokens are 20 printable ASCII characters; a stray character (a zero-width space copied from a web page) would
 * otherwise surface as a network failure, because fetch refuses such a header before any request leaves.
 * Messages say what is wrong and where, never the token itself.
 */
const NAMES: Record<string, string> = {
  '\u00A0': 'a no-break space',
  '\u200B': 'a zero-width space',
  '\u200C': 'a zero-width non-joiner',
  '\u200D': 'a zero-width joiner',
  '\u2060': 'a word joiner',
  '\uFEFF': 'a byte-order mark',
  '\t': 'a tab',
  '\n': 'a line break',
  '\r': 'a line break',
  ' ': 'a space',
};

/** A character by name where it is easily mistaken (a space, a zero-width space), else by code point: never the text around it. */
export function describeChar(char: string): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return NAMES[char] ? `${NAMES[char]} (${code})` : `the character ${code}`;
}

/** What is wrong with the token's shape, as a phrase ("it contains …"); undefined when it looks usable. */
export function tokenProblem(token: string): string | undefined {
  if (!token) return 'it is empty';
  const bad = /[^\x21-\x7E]/u.exec(token);
  if (bad) {
    const kind = /\s/u.test(bad[0]) ? 'whitespace' : 'a non-ASCII or invisible character';
    return (
      `it contains ${kind}: ${describeChar(bad[0])} at character ${bad.index + 1} of ${[...token].length}. ` +
      'Such characters usually come with copying from a web page or chat; copy the token again from PagerDuty'
    );
  }
  if (token.length < 8) return `it is only ${token.length} characters long; PagerDuty API tokens have 20`;
  return undefined;
}
