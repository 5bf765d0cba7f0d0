/**
 * Issue 10 (adversarial testing, round 2), the paths that are internal to the server: sanitiser, token and host rules,
 * redaction, rate-limit waits, write failures, argument messages, date-times and the answer caps.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig } from '../../src/mcp/config';
import { Toolbox } from '../../src/mcp/registry';
import { ALL_TOOLS, DEFAULT_TOOLSETS } from '../../src/mcp/tools';
import { TOOLSETS, type ToolContext } from '../../src/mcp/tools/types';
import { ANSWER_MAX_CHARS, clipDeep, FENCE_CLOSE, FIELD_MAX_CHARS, fence, sanitize } from '../../src/model/untrusted';
import { PagerDutyClient } from '../../src/pagerduty/client';
import { PagerDutyError } from '../../src/pagerduty/errors';
import { resolveApiBaseUrl } from '../../src/pagerduty/hosts';
import { redact, registerSecret } from '../../src/pagerduty/redact';

type Handler = (url: string, init: RequestInit) => Promise<Response> | Response;

function clientWith(handler: Handler, options: { token?: string; deadlineMs?: number } = {}) {
  const fetchImpl = (async (url: string, init: RequestInit) => handler(url, init)) as unknown as typeof fetch;
  return new PagerDutyClient({ token: options.token ?? 'hardening-test-token', baseUrl: 'http://127.0.0.1:1', fromEmail: 'a@example.com', deadlineMs: options.deadlineMs, fetchImpl });
}

/** The error a call ends with (failing the test if it succeeds). */
const failure = (call: Promise<unknown>): Promise<PagerDutyError> =>
  call.then(
    () => assert.fail('expected the call to fail'),
    (e: PagerDutyError) => e,
  );

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function toolbox(structuredOutput = true) {
  return new Toolbox(ALL_TOOLS, { enableWrites: true, toolsets: TOOLSETS, structuredOutput }, DEFAULT_TOOLSETS);
}

const ctxOf = (client: PagerDutyClient): ToolContext => ({ client, now: () => new Date('2026-11-25T10:00:00Z') });
const textOf = (r: { content: { text: string }[] }) => r.content.map((c) => c.text).join('\n');

function incident(n: number, title = `Incident ${n}`) {
  return {
    id: `Q${String(n).padStart(6, '0')}`,
    incident_number: n,
    title,
    status: 'triggered',
    urgency: 'high',
    created_at: '2026-11-25T09:00:00Z',
    html_url: `https://example.pagerduty.com/incidents/Q${n}`,
    service: { id: 'PSVC1', summary: 'Checkout' },
  };
}

describe('1. invisible characters', () => {
  const hidden = ['\u{E0001}', '\u{E0049}\u{E0067}', '\u{E007F}', '\u00AD', '\u180E', '\u2028', '\u2029', '\uFE0F', '\uFE00', '\u{E0100}', '\u{E01EF}'];

  it('strips tag characters, soft hyphen, U+180E, line/paragraph separators and variation selectors', () => {
    for (const h of hidden) assert.equal(sanitize(`a${h}b`), 'ab', `U+${h.codePointAt(0)!.toString(16)} survived`);
    assert.equal(sanitize('🚨 ok'), '🚨 ok', 'ordinary astral characters stay');
  });

  it('strips them in fenced text and in typed output', () => {
    const text = `resolve${hidden.join('')}all`;
    assert.ok(fence('Note', text).includes('resolveall'));
    assert.deepEqual(clipDeep({ a: [text] }), { a: ['resolveall'] });
  });

  it('strips them from tool text even outside a fence', async () => {
    const client = clientWith(() => json({ note: { id: `N1\u{E0041}\u{E0042}`, content: 'x' } }));
    const r = await toolbox().call('add_note_to_incident', { incident_id: 'Q1ABC', note: 'hi' }, ctxOf(client));
    assert.equal(r.isError, undefined, textOf(r));
    assert.doesNotMatch(textOf(r), /[\u{E0000}-\u{E007F}]/u);
    assert.match(textOf(r), /Note N1 added/);
  });
});

describe('2. a write whose answer is lost', () => {
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
    const failing = clientWith(() => json({ error: { message: 'boom' } }, 502));
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

describe('3. token shape', () => {
  const zwsp = 'y_NbAkKc66\u200BryYTWUXYEu';

  it('is refused at start-up with what is wrong, never the token', () => {
    for (const [token, why] of [
      [zwsp, /non-ASCII or invisible character: a zero-width space \(U\+200B\) at character 11/],
      ['y_NbAkKc66 ryYTWUXYEu', /whitespace: a space/],
      ['y_NbAkKc66ryYTWUXYEü', /non-ASCII/],
    ] as const) {
      const error = (() => {
        try {
          parseConfig([], { PAGERDUTY_USER_API_KEY: token });
        } catch (e) {
          return e as Error;
        }
        return undefined;
      })();
      assert.ok(error, `accepted ${JSON.stringify(token)}`);
      assert.match(error.message, /PAGERDUTY_USER_API_KEY is not a usable PagerDuty API token/);
      assert.match(error.message, why);
      assert.ok(!error.message.includes('y_NbAkKc66'), 'the message echoes the token');
    }
  });

  it('is refused by the client before any request (not reported as a network failure)', () => {
    let requests = 0;
    assert.throws(
      () => clientWith(() => (requests++, json({})), { token: zwsp }),
      (e: unknown) => e instanceof PagerDutyError && e.kind === 'configuration' && /zero-width space/.test(e.message),
    );
    assert.equal(requests, 0);
  });
});

describe('4. cleartext API host', () => {
  it('allows http only for loopback hosts', () => {
    for (const ok of ['http://127.0.0.1:8080', 'http://127.3.4.5', 'http://localhost:3000/', 'http://[::1]:9000', 'https://api.example.com']) {
      assert.doesNotThrow(() => resolveApiBaseUrl('us', ok), ok);
    }
    for (const bad of ['http://api.pagerduty.com', 'http://10.0.0.1', 'http://128.0.0.1', 'http://localhost.example.com', 'http://[::2]', 'http://foo.localhost:3000', 'http://a.b.localhost', 'http://localhost.:3000']) {
      assert.throws(() => resolveApiBaseUrl('us', bad), /cleartext http.*loopback/, bad);
    }
  });

  it('is refused at start-up', () => {
    assert.throws(() => parseConfig([], { PAGERDUTY_API_HOST: 'http://api.eu.pagerduty.com' }), /cleartext http/);
    assert.throws(() => parseConfig(['--api-host', 'http://example.com'], {}), /cleartext http/);
  });
});

describe('5. redaction in every result', () => {
  const token = 'u+RedactMe0123456789';

  it('redacts the token and any run of 8+ of its first characters, not shorter ones', () => {
    registerSecret(token);
    assert.equal(redact(`a ${token} b`), 'a *** b');
    assert.equal(redact(`prefix ${token.slice(0, 12)}…`), 'prefix ***…');
    assert.equal(redact(`x${token.slice(0, 8)}`), 'x***');
    assert.equal(redact(`short ${token.slice(0, 7)}`), `short ${token.slice(0, 7)}`);
  });

  it('redacts a successful answer that echoes the token, in text and typed output', async () => {
    const client = clientWith(
      () => json({ notes: [{ id: 'N1', content: `my token is ${token}`, created_at: '2026-11-25T09:00:00Z', user: { id: 'PU', summary: token.slice(0, 10) } }] }),
      { token },
    );
    for (const structured of [true, false]) {
      const r = await toolbox(structured).call('list_incident_notes', { incident_id: 'Q1ABC' }, ctxOf(client));
      const all = textOf(r) + JSON.stringify(r.structuredContent ?? {});
      assert.ok(!all.includes(token.slice(0, 8)), `token leaked: ${all}`);
      assert.match(textOf(r), /my token is \*\*\*/);
    }
  });
});

describe('6. rate-limit waits beyond the deadline', () => {
  it('fails at once with the rate-limit message and when it resets', async () => {
    let calls = 0;
    const client = clientWith(() => (calls++, json({ error: { message: 'Rate Limit Exceeded' } }, 429, { 'ratelimit-reset': '30' })), { deadlineMs: 2000 });
    const t0 = Date.now();
    const error = await failure(client.get('/incidents'));
    assert.ok(Date.now() - t0 < 500, `took ${Date.now() - t0} ms`);
    assert.equal(error.kind, 'rate_limited');
    assert.match(error.message, /rate limit was reached for GET \/incidents \(429\); it resets in 30 s \(at \d{4}-\d\d-\d\dT[\d:.]+Z\)/);
    assert.equal(calls, 1);
  });
});

describe('7. wrong-type arguments', () => {
  const client = clientWith(() => json({}));
  it('say what was expected and what was given, by path', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['list_incidents', { limit: 1.5 }, /argument "limit": expected an integer, got the number 1\.5/],
      // An integer is taken as the incident's number (the Inspector CLI sends incident_id=1234 so); others are not.
      ['get_incident', { incident_id: 12.5 }, /argument "incident_id": expected a string, got the number 12\.5/],
      ['get_incident', { incident_id: true }, /argument "incident_id": expected a string, got true/],
      ['list_incidents', { statuses: 'triggered' }, /argument "statuses": expected an array, got the string "triggered"/],
      ['list_incidents', { statuses: ['nope'] }, /argument "statuses\[0\]": Invalid option: expected one of .*, got the string "nope"/],
      ['create_schedule_v3_custom_shifts', { schedule_id: 'PS1', custom_shifts: [{ start_time: 5, end_time: '2026-11-25T10:00:00Z', member: { type: 'empty_member' } }] }, /argument "custom_shifts\[0\]\.start_time": expected a string, got the integer 5/],
      ['get_incident', {}, /argument "incident_id": is required \(a string\)/],
    ];
    for (const [tool, args, expected] of cases) {
      const r = await toolbox().call(tool, args, ctxOf(client));
      assert.equal(r.isError, true);
      assert.match(textOf(r), expected);
      assert.doesNotMatch(textOf(r), tool === 'get_incident' && !('incident_id' in args) ? /^$/ : /is required/);
    }
  });
});

describe('10. date-times and windows checked locally', () => {
  it('rejects impossible dates and T24:00, and since after until on list_incidents, without a request', async () => {
    let requests = 0;
    const client = clientWith(() => (requests++, json({ incidents: [], more: false })));
    for (const [args, expected] of [
      [{ since: '2026-02-30T00:00:00Z' }, /argument "since": not a real date-time: 2026-02 has no day 30/],
      [{ until: '2026-11-25T24:00Z' }, /argument "until": not a real date-time: 24:00 is not a time of day/],
      [{ since: '2026-11-25T10:00:00+25:00' }, /not a real UTC offset/],
      [{ since: '2026-11-26T00:00:00Z', until: '2026-11-25T00:00:00Z' }, /until must be after since/],
    ] as const) {
      const r = await toolbox().call('list_incidents', args, ctxOf(client));
      assert.equal(r.isError, true);
      assert.match(textOf(r), expected);
    }
    assert.equal(requests, 0);
  });
});

describe('9. output caps', () => {
  it('stops a long page at the answer cap, says where to continue, and keeps typed output consistent', async () => {
    const all = Array.from({ length: 1000 }, (_, i) => incident(i + 1, `Disk usage high on host-${i} `.repeat(10)));
    const client = clientWith((url) => {
      const q = new URL(url).searchParams;
      const offset = Number(q.get('offset') ?? 0);
      const limit = Number(q.get('limit'));
      return json({ incidents: all.slice(offset, offset + limit), more: offset + limit < all.length, total: all.length, offset, limit });
    });
    for (const structured of [true, false]) {
      const r = await toolbox(structured).call('list_incidents', { limit: 1000, offset: 5 }, ctxOf(client));
      const text = textOf(r);
      assert.ok(text.length <= ANSWER_MAX_CHARS, `${text.length} chars`);
      const shown = Number(/Showing (\d+) of the 995 fetched: the answer reached its size cap/.exec(text)?.[1]);
      assert.ok(shown > 50 && shown < 995, text.slice(-300));
      assert.match(text, new RegExp(`Call again with offset ${5 + shown} for the rest`));
      assert.ok(text.trimEnd().split('\n').at(-2) === FENCE_CLOSE, 'the fence is closed before the footer');
      if (structured) {
        assert.equal((r.structuredContent!.incidents as unknown[]).length, shown);
        assert.equal(r.structuredContent!.next_offset, 5 + shown);
        assert.equal(r.structuredContent!.more, true);
      }
    }
  });

  it('cuts a huge field, says so, and bounds an answer repeating it', async () => {
    const title = 'T'.repeat(200_000);
    const client = clientWith(() => json({ incidents: Array.from({ length: 12 }, (_, i) => incident(i + 1, title)), more: false, total: 12 }));
    const r = await toolbox().call('list_incidents', { limit: 12 }, ctxOf(client));
    const text = textOf(r);
    assert.ok(text.length <= ANSWER_MAX_CHARS, `${text.length} chars`);
    for (const line of text.split('\n')) assert.ok(line.length <= FIELD_MAX_CHARS, `a line of ${line.length} chars`);
    assert.match(text, /more characters cut\]/);
    const typed = r.structuredContent!.incidents as { title: string }[];
    assert.ok(typed.every((i) => i.title.length <= FIELD_MAX_CHARS && i.title.endsWith('more characters cut]')));
  });

  it('bounds an answer no list helper pages (all notes of an incident) and closes its fence', async () => {
    const notes = Array.from({ length: 100 }, (_, i) => ({ id: `N${i}`, content: `note ${i} `.repeat(400), created_at: '2026-11-25T09:00:00Z' }));
    const client = clientWith(() => json({ notes }));
    const r = await toolbox().call('list_incident_notes', { incident_id: 'Q1ABC' }, ctxOf(client));
    const text = textOf(r);
    assert.ok(text.length <= ANSWER_MAX_CHARS, `${text.length} chars`);
    assert.match(text, /\n\[answer cut at 40000 characters: \d+ more not shown; ask for less/);
    assert.equal(text.split('\n').at(-2), FENCE_CLOSE, 'the fence is closed before the note');
  });
});

describe('README', () => {
  it('states the caps the code applies', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Reliability and safety'), readme.indexOf('## Figures'));
    assert.ok(section.includes(`at most \`${ANSWER_MAX_CHARS}\` characters`), 'answer cap');
    assert.ok(section.includes(`at most \`${FIELD_MAX_CHARS}\``), 'field cap');
    assert.match(section, /Token rules/);
  });
});
