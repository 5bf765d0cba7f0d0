/**
 * Removes secrets from any text before it is logged, thrown or returned.
 * Tokens are registered once (client construction, sign-in) and scrubbed everywhere after.
 */
const secrets = new Set<string>();

export function registerSecret(secret: string | undefined): void {
  if (secret && secret.length >= 4) {
    secrets.add(secret);
  }
}

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) {
    out = out.split(secret).join('***');
  }
  // Belt and braces for tokens we never saw: any Authorization-style value.
  return out.replace(/(Token token=|Bearer\s+)[^\s"',}]+/gi, '$1***');
}
