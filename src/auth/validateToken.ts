// Checks a token against /users/me before it is stored. No `vscode` import.
import { PagerDutyClient, type ClientOptions, type UserSummary } from '../pagerduty/client';
import { PagerDutyError } from '../pagerduty/errors';

export type Validation =
  | { kind: 'user'; user: UserSummary }
  /** PagerDuty answers /users/me with 400 for account-level API keys: the key works but has no user. */
  | { kind: 'accountKey' }
  | { kind: 'unauthorized'; message: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'failed'; message: string };

export async function validateToken(options: ClientOptions, signal?: AbortSignal): Promise<Validation> {
  try {
    const client = new PagerDutyClient({ ...options, deadlineMs: options.deadlineMs ?? 15_000 });
    return { kind: 'user', user: await client.me(signal) };
  } catch (error) {
    if (!(error instanceof PagerDutyError)) return { kind: 'failed', message: String((error as Error)?.message ?? error) };
    if (error.kind === 'configuration' && error.status === 400) return { kind: 'accountKey' };
    if (error.kind === 'unauthorized') return { kind: 'unauthorized', message: error.message };
    if (error.kind === 'forbidden') return { kind: 'forbidden', message: error.message };
    return { kind: 'failed', message: error.message };
  }
}

/** Plausible email for the `From` header; PagerDuty checks it names a user, we only catch typos. */
export function isEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());
}
