/**
 * Issue 20 (adversarial testing, round 3) over stdio against the simulator: the surfaces added last round (the MCP App
 * card's _meta, resources, the card's action, status updates) meet the same rules as the model's text.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { APP_MIME, CARD_META } from '../../src/mcp/apps/incidentCard';
import type { CardData } from '../../src/model/incidentPage/cardModel';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { McpError, ResourceListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { SERVER_NODE_FLAGS } from '../../src/config/serverLaunch';
import { connectHttp, startHttpServer } from '../support/httpHarness';
import { closeSessions, isServerAlive, SERVER_JS, startMcp, type McpSession } from '../support/mcpHarness';
import { serverNode } from '../support/serverNode';

const APPS = { extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: [APP_MIME] } } } as never;
/** Characters that hide, reorder or control text (untrusted.ts strips them from everything it cleans). */
// eslint-disable-next-line no-control-regex, no-misleading-character-class -- the characters the test looks for
const HIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFE00-\uFE0F\uFEFF]/u;

/** Every key and string value of a JSON-like value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  // eslint-disable-next-line @typescript-eslint/no-unused-expressions -- both, in order
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(k), strings(v, out);
  return out;
}

describe('hardening round 3 over stdio', () => {
  let apps: McpSession;
  let model: McpSession;

  before(async () => {
    apps = await startMcp({ writes: true, structuredOutput: false, capabilities: APPS });
    model = await startMcp({ writes: true, structuredOutput: false, sim: apps.sim });
  });
  beforeEach(() => apps.sim.faults.clear());
  after(async () => {
    assert.ok(isServerAlive(apps), 'the apps server exited');
    await closeSessions(model, apps);
  });

  const call = async (s: McpSession, name: string, args: Record<string, unknown>) => (await s.client.callTool({ name, arguments: args })) as any;
  const cardOf = (result: any) => result._meta?.[CARD_META] as CardData | undefined;
  const open = () => [...apps.sim.state.incidents.values()].filter((i) => i.status !== 'resolved');

  it('2. alert details given as a JSON string with \\u escapes, or an object with controls, reach the card and the text clean', async () => {
    const incident = open()[0]!;
    // PagerDuty keeps an event's custom_details as sent, a JSON string included (the spec says object: a fault body).
    const alert = (id: string, details: unknown) => ({ id, type: 'alert', summary: 'disk', status: 'triggered', severity: 'critical', created_at: '2026-11-25T07:55:00Z', body: { type: 'alert_body', details } });
    const body = {
      alerts: [
        // Cleaned as a string its escapes are plain ASCII; parsed again they are real U+202E, zero-width, BEL, ESC.
        alert('PA1', '{"file":"\\u202egnp.exe","zero\\u200bwidth":"a\\u2066b\\ufeff","bell":"x\\u0007y","nested":{"k\\u202e":"\\u001b[31mred"}}'),
        alert('PA2', { 'esc\u001b[31m': 'ring\u0007', list: ['\u202eabc', '\u2060'] }),
      ],
      limit: 25, offset: 0, more: false, total: null,
    };
    apps.sim.faults.add({ kind: 'body', body: JSON.stringify(body), match: { method: 'GET', path: new RegExp(`/incidents/${incident.id}/alerts`) }, times: 3 });
    const card = cardOf(await call(apps, 'get_incident', { incident_id: incident.id }));
    assert.ok(card?.kind === 'incident', 'a card');
    const rows = card.incident.alerts.items.flatMap((a) => a.details);
    assert.ok(rows.some((r) => r.key === 'file' && r.value === 'gnp.exe'), JSON.stringify(rows));
    assert.ok(rows.some((r) => r.key === 'zerowidth' && r.value === 'ab'), JSON.stringify(rows));
    assert.deepEqual(strings(card).filter((s) => HIDDEN.test(s)), [], 'no hidden character in the card data');
    for (const s of [apps, model]) {
      const text = (await call(s, 'list_alerts_from_incident', { incident_id: incident.id })).content[0].text as string;
      assert.ok(!HIDDEN.test(text), 'the text is clean');
      assert.ok(!/\\u(202e|200b|2066|0007|001b|feff|2060)/i.test(text), `no escape that a reader turns back into a hidden character:\n${text}`);
      assert.match(text, /gnp\.exe/);
    }
  });

  it('3. 500 assignees with long names: a bounded get_incident card; a 12-row list card of those keeps the connection up', async () => {
    const id = open()[0]!.id;
    const response = await fetch(`${apps.sim.url}/incidents/${id}`, { headers: { Authorization: `Token token=${apps.sim.tokens.user}`, Accept: 'application/vnd.pagerduty+json;version=2' } });
    const { incident } = (await response.json()) as { incident: Record<string, unknown> };
    const crowd = Array.from({ length: 500 }, (_, n) => ({ at: incident.created_at, assignee: { id: `PU${n}`, type: 'user_reference', summary: `Responder ${n} ${'x'.repeat(3000)}` } }));
    const big = (n: number) => ({ ...incident, id: `PBIG${n}`, incident_number: 9000 + n, assignments: crowd });
    apps.sim.faults.add({ kind: 'body', body: JSON.stringify({ incident: big(0) }), match: { method: 'GET', path: new RegExp(`/incidents/${id}$`) } });
    const one = await call(apps, 'get_incident', { incident_id: id });
    const card = cardOf(one);
    assert.ok(card?.kind === 'incident', `a card: ${JSON.stringify(one).slice(0, 300)}`);
    const meta = JSON.stringify(one._meta).length;
    assert.ok(meta <= 40_000, `the card's _meta is ${meta} characters`);
    const assigned = card.incident.facts.find((f) => f.label === 'Assigned to')!.value;
    assert.match(assigned, /and 49\d more$/, assigned.slice(-80));
    assert.ok(!/x{300}/.test(assigned), 'long names are cut');

    const list = { incidents: Array.from({ length: 12 }, (_, n) => big(n)), limit: 25, offset: 0, more: false, total: null };
    apps.sim.faults.add({ kind: 'body', body: JSON.stringify(list), match: { method: 'GET', path: /\/incidents$/ } });
    const rows = await call(apps, 'list_incidents', {});
    const listCard = cardOf(rows);
    assert.ok(listCard?.kind === 'list' && listCard.rows.length > 0, 'a list card');
    assert.ok(JSON.stringify(rows._meta).length <= 40_000, `the list card's _meta is ${JSON.stringify(rows._meta).length} characters`);
    assert.ok(isServerAlive(apps), 'the server is running');
    const after = await call(apps, 'list_incidents', { limit: 1 });
    assert.ok(!after.isError, 'the connection still answers');

    // Typed output of the same list is ~18 MB: over the stdio limit, so it is answered with an error, not sent.
    const typed = await startMcp({ sim: apps.sim });
    try {
      apps.sim.faults.add({ kind: 'body', body: JSON.stringify(list), match: { method: 'GET', path: /\/incidents$/ } });
      const tooBig = await typed.client.callTool({ name: 'list_incidents', arguments: {} }).then((r) => ({ ok: r }), (error: Error) => ({ error }));
      assert.ok('error' in tooBig, 'an error instead of the answer');
      assert.match(tooBig.error.message, /too large to send.*smaller limit/i);
      assert.doesNotMatch(tooBig.error.message, /MCP error -32603: MCP error/);
      assert.match(typed.stderr(), /exceeds the .* limit/, 'one log line says why');
      assert.ok(isServerAlive(typed), 'the server is still running');
      assert.ok(!(await typed.call('list_incidents', { limit: 1 })).isError, 'and answers the next call');
    } finally {
      await typed.close();
    }
  });

  it('4. pagerduty://oncall/me reports the real cause of a failed /users/me (401, 403, 429, 5xx), as the tools do', async () => {
    const read = () => apps.client.readResource({ uri: 'pagerduty://oncall/me' }).then(() => 'read', (error: Error) => error.message);
    const me = { method: 'GET', path: /^\/users\/me$/ };
    const cases: [string, () => void, RegExp][] = [
      ['401', () => apps.sim.faults.add({ kind: 'body', status: 401, body: JSON.stringify({ error: { message: 'Unauthorized', code: 2006 } }), match: me }), /rejected the API token \(401\).*revoked/],
      ['403', () => apps.sim.faults.add({ kind: 'body', status: 403, body: JSON.stringify({ error: { message: 'Forbidden', code: 2010 } }), match: me }), /refused GET \/users\/me \(403\)/],
      ['429', () => apps.sim.faults.add({ kind: 'status', status: 429, headers: { 'retry-after': '0' }, match: me, times: 10 }), /rate limit .*\(429\)/],
      ['500', () => apps.sim.faults.add({ kind: 'status', status: 500, match: me, times: 10 }), /server error \(500\)/],
      ['503', () => apps.sim.faults.add({ kind: 'status', status: 503, match: me, times: 10 }), /server error \(503\)/],
    ];
    for (const [status, fault, expected] of cases) {
      apps.sim.faults.clear();
      fault();
      const message = await read();
      assert.match(message, expected, status);
      assert.match(message, /My on-call status failed/, status);
      assert.doesNotMatch(message, /account-level/, `${status} is not blamed on the token type`);
    }
    apps.sim.faults.clear();
    assert.equal(await read(), 'read', 'reads again once PagerDuty answers');
    const account = await startMcp({ sim: apps.sim, token: 'accountKey' });
    try {
      const message = await account.client.readResource({ uri: 'pagerduty://oncall/me' }).then(() => 'read', (error: Error) => error.message);
      assert.match(message, /account-level API key/, 'an account key is told so');
    } finally {
      await account.close();
    }
  });

  it('5. the card offers, and its action tool runs, only the writes allowedTools / toolsets enable; refused before asking', async () => {
    const questions: unknown[] = [];
    const elicit = () => (questions.push(1), { action: 'cancel' as const });
    const only = (tools: string) => startMcp({ writes: true, structuredOutput: false, capabilities: APPS, sim: apps.sim, elicit, env: { PAGERDUTY_ALLOWED_TOOLS: tools } });
    const readOnlyCard = await only('get_incident,list_incidents');
    const notesOnly = await only('get_incident,list_incidents,add_note_to_incident');
    const noIncidents = await startMcp({ writes: true, structuredOutput: false, capabilities: APPS, sim: apps.sim, elicit, toolsets: 'services' });
    try {
      const incident = open().find((i) => i.status === 'triggered')!;
      const listed = async (s: McpSession) => (await s.client.listTools()).tools.map((t) => t.name);
      assert.ok(!(await listed(readOnlyCard)).includes('incident_card_action'), 'no action tool without manage_incidents or add_note_to_incident');
      assert.ok(!(await listed(noIncidents)).includes('incident_card_action'), 'no action tool when the incidents toolset is off');
      const card = cardOf(await call(readOnlyCard, 'get_incident', { incident_id: incident.id }));
      assert.ok(card?.kind === 'incident');
      assert.deepEqual(card.incident.actions.map((a) => a.action), ['openInPagerDuty']);
      assert.equal(card.canWrite, false);
      assert.equal(card.canNote, false);
      const refused = await call(readOnlyCard, 'incident_card_action', { incident_id: incident.id, action: 'resolve' });
      assert.equal(refused.isError, true);

      assert.ok((await listed(notesOnly)).includes('incident_card_action'), 'notes allowed: the action tool is there');
      const noteCard = cardOf(await call(notesOnly, 'get_incident', { incident_id: incident.id }));
      assert.ok(noteCard?.kind === 'incident');
      assert.deepEqual(noteCard.incident.actions.map((a) => a.action), ['openInPagerDuty'], 'no Acknowledge / Resolve buttons');
      assert.equal(noteCard.canNote, true, 'the note form');
      const list = cardOf(await call(notesOnly, 'list_incidents', {}));
      assert.ok(list?.kind === 'list' && list.rows.every((r) => r.actions.length === 0), 'no buttons on the rows');
      for (const action of ['resolve', 'acknowledge']) {
        const result = await call(notesOnly, 'incident_card_action', { incident_id: incident.id, action });
        assert.equal(result.isError, true, action);
        assert.match(result.content[0].text, /not enabled.*manage_incidents.*nothing changed/i);
      }
      assert.equal(questions.length, 0, 'nobody was asked to confirm a write that is refused anyway');
      assert.equal(apps.sim.state.incidents.get(incident.id)!.status, 'triggered');
      await call(notesOnly, 'incident_card_action', { incident_id: incident.id, action: 'add_note', note: 'checked' });
      assert.equal(questions.length, 1, 'an allowed write is confirmed first');
    } finally {
      await closeSessions(noIncidents, notesOnly, readOnlyCard);
    }
  });

  it('6. free text of invisible characters only is refused for every free-text write, before anything is sent', async () => {
    const incident = open()[0]!;
    const service = [...apps.sim.state.services.values()][0]!;
    const writes: [string, Record<string, unknown>, string][] = [
      ['create_incident_status_update', { incident_id: incident.id }, 'message'],
      ['add_note_to_incident', { incident_id: incident.id }, 'note'],
      ['create_incident', { service_id: service.id }, 'title'],
      ['add_responders', { incident_id: incident.id, user_ids: [apps.sim.me.id] }, 'message'],
    ];
    const s = await startMcp({ writes: true, sim: apps.sim });
    try {
      for (const [tool, args, field] of writes) {
        for (const empty of ['\u200b\u200b', '\u202e', '\ufeff \u2060', '\u00ad\u061c\u180e', '   ']) {
          apps.sim.requests.length = 0;
          const text = await s.fails(tool, { ...args, [field]: empty });
          assert.match(text, new RegExp(`argument "${field}": must (not be empty|contain visible text)`), `${tool} ${JSON.stringify(empty)}: ${text}`);
          assert.deepEqual(apps.sim.requests.filter((r) => r.method !== 'GET'), [], `${tool}: nothing was sent`);
        }
      }
      const card = await call(apps, 'incident_card_action', { incident_id: incident.id, action: 'add_note', note: '\u200b\u2066' });
      assert.equal(card.isError, true, 'the card note too');
      assert.ok(await s.ok('create_incident_status_update', { incident_id: incident.id, message: '\u200bvisible' }), 'text with visible characters is sent');
    } finally {
      await s.close();
    }
  });

  it('8. invalid resource ids answer -32602 (invalid params), and no error text repeats "MCP error -32602"', async () => {
    const failure = (uri: string) => apps.client.readResource({ uri }).then(() => assert.fail(`${uri} was read`), (error: McpError) => error);
    for (const uri of ['pagerduty://incidents/%ZZ', 'pagerduty://incidents/null', 'pagerduty://services/a%20b', 'pagerduty://users/%3Cscript%3E']) {
      const error = await failure(uri);
      assert.equal(error.code, -32602, `${uri}: ${error.message}`);
      // The v1 client prefixes the code once; the v2 client (2026-07-28 runs) not at all: never twice.
      assert.match(error.message, /^(MCP error -32602: )?(?!MCP error)\S/, error.message);
    }
    const unknown = await failure('pagerduty://nothing/here');
    assert.equal(unknown.code, -32602);
    assert.doesNotMatch(unknown.message, /MCP error -32602: MCP error -32602/, unknown.message);
    const prompt = await apps.client.getPrompt({ name: 'no-such-prompt' }).then(() => assert.fail('got a prompt'), (error: McpError) => error);
    assert.doesNotMatch(prompt.message, /(MCP error -?\d+: ){2}/, prompt.message);
  });

  it('8. over Streamable HTTP too, an error text carries its code once, and an invalid id is -32602', async () => {
    const srv = await startHttpServer([], { PAGERDUTY_API_HOST: apps.sim.url });
    try {
      const client = await connectHttp(srv.url, `Token token=${apps.sim.tokens.user}`);
      try {
        for (const uri of ['pagerduty://nothing/here', 'pagerduty://incidents/%ZZ']) {
          const error = await client.readResource({ uri }).then(() => assert.fail(`${uri} was read`), (e: McpError) => e);
          assert.equal(error.code, -32602, error.message);
          // The v1 client prefixes the code once; the v2 client (2026-07-28 runs) not at all: never twice.
      assert.match(error.message, /^(MCP error -32602: )?(?!MCP error)\S/, error.message);
        }
      } finally {
        await client.close();
      }
    } finally {
      await srv.close();
    }
  });

  it('8. an MCP Apps client gets no resources/list_changed right after initialize (nor does any other)', async () => {
    for (const capabilities of [APPS, {}]) {
      const transport = new StdioClientTransport({
        command: serverNode(),
        args: [...SERVER_NODE_FLAGS, SERVER_JS],
        env: { PATH: process.env.PATH ?? '', PAGERDUTY_USER_API_KEY: apps.sim.tokens.user, PAGERDUTY_API_HOST: apps.sim.url },
        stderr: 'pipe',
      });
      const client = new Client({ name: 'list-changed-probe', version: '1.0.0' }, { capabilities });
      let notified = 0;
      client.setNotificationHandler(ResourceListChangedNotificationSchema, () => void notified++);
      await client.connect(transport);
      try {
        await client.listTools();
        await new Promise((r) => setTimeout(r, 300));
        assert.equal(notified, 0, `list_changed after initialize (${JSON.stringify(capabilities).slice(0, 40)})`);
        if (capabilities === APPS) {
          const { contents } = await client.readResource({ uri: 'ui://pagerduty/incident-card' });
          assert.equal((contents[0] as { mimeType: string }).mimeType, APP_MIME, 'the card is still readable');
        }
      } finally {
        await client.close();
      }
    }
  });
});
