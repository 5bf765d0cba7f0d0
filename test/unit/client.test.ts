import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildQueryString, PagerDutyClient, retryAfterMs } from '../../src/pagerduty/client';
import { PagerDutyError } from '../../src/pagerduty/errors';
import { API_HOSTS, resolveApiBaseUrl } from '../../src/pagerduty/hosts';
import { redact } from '../../src/pagerduty/redact';
import { type Handler, clientWith, failure, respondJson } from '../support/toolDoubles';

const TOKEN = 'u+SeCrEtToKeN-1234567890';

interface Call {
  url: string;
  init: RequestInit;
}

/** A scripted fetch: each entry answers one call, in order. */
function scriptedFetch(responses: Array<Response | Error | ((call: Call) => Response | Promise<Response>)>) {
  const calls: Call[] = [];
  const impl = (async (url: string, init: RequestInit) => {
    const call = { url: String(url), init };
    calls.push(call);
    const next = responses.shift();
    if (!next) throw new Error('unexpected extra request');
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next(call) : next;
  }) as unknown as typeof fetch;
  return { impl, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function client(fetchImpl: typeof fetch, extra: Partial<ConstructorParameters<typeof PagerDutyClient>[0]> = {}) {
  const sleeps: number[] = [];
  const c = new PagerDutyClient({
    token: TOKEN,
    baseUrl: 'http://127.0.0.1:9',
    fetchImpl,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...extra,
  });
  return { c, sleeps };
}

describe('hosts', () => {
  it('maps regions to PagerDuty hosts and prefers an explicit base URL', () => {
    assert.equal(resolveApiBaseUrl('us'), 'https://api.pagerduty.com');
    assert.equal(resolveApiBaseUrl('eu'), 'https://api.eu.pagerduty.com');
    assert.equal(resolveApiBaseUrl('eu', 'http://127.0.0.1:1234/'), 'http://127.0.0.1:1234');
    assert.equal(API_HOSTS.us, 'https://api.pagerduty.com');
    assert.throws(() => resolveApiBaseUrl('us', 'not a url'), /not a valid URL/);
  });
});

describe('request headers', () => {
  it('sends the token, the v2 Accept header and JSON content type', async () => {
    const { impl, calls } = scriptedFetch([json(200, { ok: true })]);
    await client(impl).c.get('/services');
    const headers = calls[0].init.headers as Record<string, string>;
    assert.equal(headers.Authorization, `Token token=${TOKEN}`);
    assert.equal(headers.Accept, 'application/vnd.pagerduty+json;version=2');
    assert.equal(headers['Content-Type'], 'application/json');
    assert.equal(headers.From, undefined);
  });

  it('adds From from /users/me once, or from the configured email', async () => {
    const { impl, calls } = scriptedFetch([
      json(200, { user: { id: 'PME', name: 'Me', email: 'me@example.com' } }),
      json(201, { note: {} }),
      json(201, { note: {} }),
    ]);
    const { c } = client(impl);
    await c.request('POST', '/incidents/Q1/notes', { needsFrom: true, body: {} });
    await c.request('POST', '/incidents/Q1/notes', { needsFrom: true, body: {} });
    assert.equal(calls.length, 3, '/users/me is cached');
    assert.equal((calls[2].init.headers as Record<string, string>).From, 'me@example.com');

    const configured = scriptedFetch([json(201, {})]);
    await client(configured.impl, { fromEmail: 'ops@example.com' }).c.request('POST', '/incidents', { needsFrom: true, body: {} });
    assert.equal((configured.calls[0].init.headers as Record<string, string>).From, 'ops@example.com');
  });

  it('explains that an account-level key needs a From email', async () => {
    const { impl } = scriptedFetch([json(400, { error: { message: 'Requires a user token', code: 2100 } })]);
    await assert.rejects(client(impl).c.request('POST', '/incidents', { needsFrom: true, body: {} }), /From email/);
  });

  it('encodes array parameters as key[] repeated', () => {
    assert.equal(buildQueryString({ statuses: ['triggered', 'acknowledged'], limit: 5, none: undefined }), '?statuses%5B%5D=triggered&statuses%5B%5D=acknowledged&limit=5');
  });

  it('rejects a token pasted with its Bearer prefix, without echoing it', () => {
    assert.throws(
      () => new PagerDutyClient({ token: `Bearer ${TOKEN}` }),
      (e: Error) => /without that prefix/.test(e.message) && !e.message.includes(TOKEN),
    );
  });
});

describe('pagination', () => {
  it('collects at most N items over pages of ≤100 and reports more/total/next offset', async () => {
    const page = (offset: number, n: number, more: boolean) => json(200, { incidents: Array.from({ length: n }, (_, i) => ({ id: `I${offset + i}` })), more, total: 250, offset, limit: 100 });
    const { impl, calls } = scriptedFetch([page(0, 100, true), page(100, 50, true)]);
    const result = await client(impl).c.list('/incidents', 'incidents', { limit: 150 });
    assert.equal(result.items.length, 150);
    assert.equal(result.more, true);
    assert.equal(result.total, 250);
    assert.equal(result.nextOffset, 150);
    assert.match(calls[0].url, /limit=100&offset=0/);
    assert.match(calls[1].url, /limit=50&offset=100/);
  });

  it('stops when PagerDuty says there is no more', async () => {
    const { impl, calls } = scriptedFetch([json(200, { services: [{ id: 'S1' }], more: false })]);
    const result = await client(impl).c.list('/services', 'services', { limit: 500 });
    assert.deepEqual(result, { items: [{ id: 'S1' }], more: false, total: undefined, nextOffset: undefined });
    assert.equal(calls.length, 1);
  });

  it('follows cursors', async () => {
    const { impl, calls } = scriptedFetch([json(200, { records: [{ id: 1 }, { id: 2 }], next_cursor: 'c2' }), json(200, { records: [{ id: 3 }], next_cursor: null })]);
    const result = await client(impl).c.listByCursor('/audit/records', 'records', { limit: 10 });
    assert.equal(result.items.length, 3);
    assert.equal(result.more, false);
    assert.match(calls[1].url, /cursor=c2/);
  });
});

describe('retries', () => {
  it('honours ratelimit-reset on 429 and retries at most 3 times', async () => {
    const limited = () => json(429, { error: { message: 'Rate Limit Exceeded' } }, { 'ratelimit-reset': '2' });
    const { impl, calls } = scriptedFetch([limited(), limited(), limited(), limited()]);
    const { c, sleeps } = client(impl);
    await assert.rejects(c.get('/incidents'), (e: PagerDutyError) => e.kind === 'rate_limited');
    assert.equal(calls.length, 4, 'one try + 3 retries');
    assert.deepEqual(sleeps, [2000, 2000, 2000]);
  });

  it('retries a 429 then succeeds, reading Retry-After when there is no reset header', async () => {
    const { impl } = scriptedFetch([json(429, {}, { 'retry-after': '1' }), json(200, { ok: 1 })]);
    const { c, sleeps } = client(impl);
    assert.deepEqual(await c.get('/x'), { ok: 1 });
    assert.deepEqual(sleeps, [1000]);
  });

  it('retries 5xx and network errors for GET with growing backoff', async () => {
    const { impl, calls } = scriptedFetch([json(502, {}), new TypeError('fetch failed'), json(503, {}), json(200, { ok: 2 })]);
    const { c, sleeps } = client(impl);
    assert.deepEqual(await c.get('/x'), { ok: 2 });
    assert.equal(calls.length, 4);
    assert.equal(sleeps.length, 3);
    assert.ok(sleeps[2] > sleeps[0], 'backoff grows');
  });

  it('never retries a POST after a 5xx or a network error', async () => {
    const five = scriptedFetch([json(500, { error: { message: 'boom' } })]);
    await assert.rejects(client(five.impl).c.request('POST', '/incidents', { body: {} }), (e: PagerDutyError) => e.kind === 'server_error');
    assert.equal(five.calls.length, 1);
    const reset = scriptedFetch([new TypeError('socket hang up')]);
    await assert.rejects(client(reset.impl).c.request('POST', '/incidents', { body: {} }), (e: PagerDutyError) => e.kind === 'network');
    assert.equal(reset.calls.length, 1);
  });

  it('parses reset headers in seconds and as HTTP dates', () => {
    assert.equal(retryAfterMs(new Headers({ 'ratelimit-reset': '3' })), 3000);
    const inTwo = new Date(Date.now() + 2000).toUTCString();
    const ms = retryAfterMs(new Headers({ 'retry-after': inTwo }))!;
    assert.ok(ms > 0 && ms <= 2000);
    assert.equal(retryAfterMs(new Headers()), undefined);
  });
});

describe('deadline and cancellation', () => {
  // Like a real socket, the pending request keeps the event loop alive until it is aborted.
  const hanging = (call: Call) =>
    new Promise<Response>((_, reject) => {
      const keepAlive = setTimeout(() => undefined, 60_000);
      call.init.signal!.addEventListener('abort', () => {
        clearTimeout(keepAlive);
        reject(call.init.signal!.reason);
      });
    });

  it('ends a hanging call at the deadline with a timeout error', async () => {
    const { impl } = scriptedFetch([hanging]);
    const started = Date.now();
    await assert.rejects(client(impl, { deadlineMs: 150 }).c.get('/slow'), (e: PagerDutyError) => e.kind === 'timeout' && /deadline/.test(e.message));
    assert.ok(Date.now() - started < 2000);
  });

  it('is cancellable by the caller', async () => {
    const { impl } = scriptedFetch([hanging]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(client(impl).c.get('/slow', { signal: controller.signal }), (e: PagerDutyError) => e.kind === 'cancelled');
  });
});

describe('error mapping', () => {
  const cases: Array<[number, unknown, RegExp, string]> = [
    [401, { error: { message: 'Unauthorized', code: 2006 } }, /invalid, expired or revoked.*not "Bearer/s, 'unauthorized'],
    [403, { error: { message: 'Access Denied', code: 2010 } }, /PUT \/incidents.*permission/s, 'forbidden'],
    [404, { error: { message: 'Not Found', code: 2100 } }, /does not exist or your account cannot see it/, 'not_found'],
    [400, { error: { message: 'Invalid Input Provided', code: 2001, errors: ['Incident Already Resolved'] } }, /Invalid Input Provided; Incident Already Resolved/, 'invalid_request'],
  ];
  for (const [status, body, pattern, kind] of cases) {
    it(`maps ${status} to a clear ${kind} message`, async () => {
      const { impl } = scriptedFetch([json(status, body)]);
      await assert.rejects(client(impl).c.request('PUT', '/incidents', { body: {} }), (e: PagerDutyError) => {
        assert.equal(e.kind, kind);
        assert.match(e.message, pattern);
        return true;
      });
    });
  }

  it('never puts the token in an error, even when the server echoes it', async () => {
    const { impl } = scriptedFetch([json(400, { error: { message: `bad token ${TOKEN}`, errors: [`Token token=${TOKEN}`] } })]);
    await assert.rejects(client(impl).c.request('PUT', '/incidents', { body: {} }), (e: Error) => !e.message.includes(TOKEN) && !e.stack!.includes(TOKEN));
    const network = scriptedFetch([new TypeError(`connect failed for ${TOKEN}`)]);
    await assert.rejects(client(network.impl).c.request('POST', '/x', { body: {} }), (e: Error) => !e.message.includes(TOKEN));
    assert.ok(!redact(`Authorization: Token token=${TOKEN}`).includes(TOKEN));
  });

  it('reports malformed JSON after retrying a GET', async () => {
    const bad = () => new Response('{"incidents": [', { status: 200 });
    const { impl, calls } = scriptedFetch([bad(), bad(), bad(), bad()]);
    await assert.rejects(client(impl).c.get('/incidents'), (e: PagerDutyError) => e.kind === 'malformed_response');
    assert.equal(calls.length, 4);
  });
});

describe('a write whose answer is lost', () => {
  const hang: Handler = (_url, init) =>
    new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));

  it('past its deadline says the change may have been applied and how to check, never "try again"', async () => {
    const client = clientWith(hang, { deadlineMs: 150 });
    const error = await failure(client.request('POST', '/incidents/Q1ABC/notes', { body: { note: { content: 'x' } } }));
    assert.ok(error instanceof PagerDutyError && error.kind === 'timeout');
    assert.match(error.message, /may have been applied: list the incident's notes \(list_incident_notes\) before repeating it/);
    assert.doesNotMatch(error.message, /try again/i);
  });

  it('after a dropped connection or a 5xx says the same', async () => {
    const dropped = clientWith(() => Promise.reject(new TypeError('fetch failed')));
    const e1 = await failure(dropped.request('PUT', '/incidents/Q1ABC', { body: {} }));
    assert.match(e1.message, /may have been applied: look at the incident\(s\) \(get_incident or list_incidents\)/);
    const failing = clientWith(() => respondJson({ error: { message: 'boom' } }, 502));
    const e2 = await failure(failing.request('POST', '/services', { body: {} }));
    assert.match(e2.message, /may have been applied: read it back with the matching get_ or list_ tool/);
    for (const e of [e1, e2]) assert.doesNotMatch(e.message, /try again/i);
  });

  it('a read past its deadline still invites a retry', async () => {
    const client = clientWith(hang, { deadlineMs: 100 });
    const error = await failure(client.get('/incidents'));
    assert.match(error.message, /Try again, or raise the deadline/);
  });
});

describe('a rate-limit wait beyond the deadline', () => {
  it('fails at once with the rate-limit message and when it resets', async () => {
    let calls = 0;
    const client = clientWith(() => (calls++, respondJson({ error: { message: 'Rate Limit Exceeded' } }, 429, { 'ratelimit-reset': '30' })), { deadlineMs: 2000 });
    const t0 = Date.now();
    const error = await failure(client.get('/incidents'));
    assert.ok(Date.now() - t0 < 500, `took ${Date.now() - t0} ms`);
    assert.equal(error.kind, 'rate_limited');
    assert.match(error.message, /rate limit was reached for GET \/incidents \(429\); it resets in 30 s \(at \d{4}-\d\d-\d\dT[\d:.]+Z\)/);
    assert.equal(calls, 1);
  });
});
