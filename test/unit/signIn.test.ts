import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanToken, tokenProblem } from '../../src/auth/tokenInput';
import { isEmail, validateToken } from '../../src/auth/validateToken';

test('cleanToken strips pasted Authorization prefixes and says which', () => {
  assert.deepEqual(cleanToken('  u+abcdefgh12345  '), { token: 'u+abcdefgh12345', strippedPrefix: undefined });
  assert.deepEqual(cleanToken('Bearer u+abcdefgh12345'), { token: 'u+abcdefgh12345', strippedPrefix: 'Bearer' });
  assert.deepEqual(cleanToken('Token token=y_NbAkKc66ryYTWUXYEu'), { token: 'y_NbAkKc66ryYTWUXYEu', strippedPrefix: 'Token token=' });
  assert.deepEqual(cleanToken('Authorization: Token token=abcdefgh1'), { token: 'abcdefgh1', strippedPrefix: 'Token token=' });
  assert.deepEqual(cleanToken('"abcdefgh1"'), { token: 'abcdefgh1', strippedPrefix: undefined });
});

test('tokenProblem catches obvious non-tokens before any request', () => {
  assert.equal(tokenProblem(''), 'it is empty');
  assert.match(tokenProblem('abc')!, /only 3 characters long/);
  assert.match(tokenProblem('abc defghijk')!, /whitespace: a space \(U\+0020\) at character 4 of 12/);
  assert.match(tokenProblem('y_NbAkKc66\u200BryYTWUXYEu')!, /non-ASCII or invisible character: a zero-width space \(U\+200B\) at character 11/);
  assert.equal(tokenProblem('y_NbAkKc66ryYTWUXYEu'), undefined);
});

function fakeFetch(status: number, body: unknown, seen: string[] = []): typeof fetch {
  return (async (url: string | URL | Request, init?: RequestInit) => {
    seen.push(`${String(url)} ${(init?.headers as Record<string, string>).Authorization}`);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

test('validateToken: a user token yields the user, from the configured base URL', async () => {
  const seen: string[] = [];
  const user = { id: 'PU1', name: 'Ada Lovelace', email: 'ada@example.com' };
  const result = await validateToken({ token: 'tok_12345678', baseUrl: 'http://127.0.0.1:9/', fetchImpl: fakeFetch(200, { user }, seen) });
  assert.deepEqual(result, { kind: 'user', user });
  assert.equal(seen.length, 1);
  assert.match(seen[0]!, /^http:\/\/127\.0\.0\.1:9\/users\/me\?include%5B%5D=teams Token token=tok_12345678$/);
});

test('validateToken: 401, 403 and the account-key 400 are told apart', async () => {
  const err = (code: number) => ({ error: { message: 'x', code } });
  const r401 = await validateToken({ token: 'tok_12345678', fetchImpl: fakeFetch(401, err(2006)) });
  assert.equal(r401.kind, 'unauthorized');
  assert.match((r401 as { message: string }).message, /invalid, expired or revoked/);
  assert.ok(!(r401 as { message: string }).message.includes('tok_12345678'));
  assert.equal((await validateToken({ token: 'tok_12345678', fetchImpl: fakeFetch(403, err(2010)) })).kind, 'forbidden');
  assert.deepEqual(await validateToken({ token: 'tok_12345678', fetchImpl: fakeFetch(400, err(2001)) }), { kind: 'accountKey' });
});

test('validateToken: an unreachable host is a readable failure', async () => {
  const failing = (async () => {
    throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
  }) as typeof fetch;
  const result = await validateToken({ token: 'tok_12345678', baseUrl: 'http://127.0.0.1:9', fetchImpl: failing, maxRetries: 0 });
  assert.equal(result.kind, 'failed');
  assert.match((result as { message: string }).message, /Could not reach PagerDuty at http:\/\/127\.0\.0\.1:9.*ECONNREFUSED/);
});

test('isEmail', () => {
  assert.ok(isEmail('a@b.co'));
  assert.ok(!isEmail('not an email'));
});
