/**
 * The incident card (MCP Apps) over stdio: a host that declares MCP Apps gets get_incident and list_incidents pointing
 * at the card, the card's HTML, the card's data in the result's _meta, and an app-only action tool that asks the
 * person before it writes; the text (what the model receives) is the same as for any other client, which sees
 * exactly today's answer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ElicitRequest, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { CARD_ACTION_TOOL } from '../../src/mcp/apps/cardAction';
import { APP_MIME, CARD_META, CARD_URI } from '../../src/mcp/apps/incidentCard';
import type { CardData } from '../../src/model/incidentPage/cardModel';
import { CARD_ROWS } from '../../src/model/incidentPage/cardModel';
import { closeSessions, isServerAlive, type McpSession, startMcp } from '../support/mcpHarness';
import { HIDDEN_CONTROLS, stringsOf } from '../support/hidden';
import { APPS, appsAndModel } from '../support/appSessions';


describe('incident card (MCP Apps)', () => {
  let apps: McpSession;
  let plain: McpSession;
  let readOnly: McpSession;
  /** The person's next answer to the confirmation, and the questions asked. */
  let answer: (request: ElicitRequest) => ElicitResult = () => ({ action: 'cancel' });
  const questions: ElicitRequest['params'][] = [];
  before(async () => {
    apps = await startMcp({
      writes: true,
      structuredOutput: false,
      capabilities: APPS,
      elicit: (request) => {
        questions.push(request.params);
        return answer(request);
      },
    });
    plain = await startMcp({ writes: true, structuredOutput: false, sim: apps.sim });
    readOnly = await startMcp({ writes: false, structuredOutput: false, capabilities: APPS, sim: apps.sim });
  });
  after(async () => {
    await readOnly.close();
    await plain.close();
    await apps.close();
  });

  const tool = async (s: McpSession, name: string) => (await s.client.listTools()).tools.find((t) => t.name === name);
  const open = () => [...apps.sim.state.incidents.values()].filter((i) => i.status !== 'resolved');
  const withNotes = () => open().find((i) => (apps.sim.state.notes.get(i.id) ?? []).length)!;
  const call = async (s: McpSession, name: string, args: Record<string, unknown>) => (await s.client.callTool({ name, arguments: args })) as any;
  const cardOf = (result: any) => result._meta?.[CARD_META] as CardData | undefined;
  const text = (result: any) => (result.content as { text: string }[]).map((c) => c.text).join('\n');
  const confirm = (request: ElicitRequest): ElicitResult => {
    const schema = (request.params as unknown as { requestedSchema: { properties: { confirm: { oneOf: { const: string }[] } } } }).requestedSchema;
    return { action: 'accept', content: { confirm: schema.properties.confirm.oneOf[0]!.const } };
  };

  it('get_incident and list_incidents name the card only for MCP Apps hosts', async () => {
    for (const name of ['get_incident', 'list_incidents']) {
      assert.deepEqual((await tool(apps, name))!._meta, { ui: { resourceUri: CARD_URI } });
      assert.equal((await tool(plain, name))!._meta, undefined);
    }
  });

  it("the card's action tool is for the app only, and only where writes are enabled", async () => {
    const action = await tool(apps, CARD_ACTION_TOOL);
    assert.deepEqual(action?._meta, { ui: { resourceUri: CARD_URI, visibility: ['app'] } });
    assert.equal(await tool(plain, CARD_ACTION_TOOL), undefined, 'not for hosts without MCP Apps');
    assert.equal(await tool(readOnly, CARD_ACTION_TOOL), undefined, 'not while writes are off');
    const refused = await call(readOnly, CARD_ACTION_TOOL, { incident_id: open()[0]!.id, action: 'acknowledge' });
    assert.equal(refused.isError, true);
  });

  it('the card is a readable MCP App resource with the incident page\'s stylesheet, not offered as context', async () => {
    const { contents } = await apps.client.readResource({ uri: CARD_URI });
    const html = contents[0] as { text: string; mimeType: string };
    assert.equal(html.mimeType, APP_MIME);
    assert.match(html.text, /^<!doctype html>[\s\S]*<script>[\s\S]*ui\/initialize[\s\S]*<\/script>/i);
    assert.match(html.text, /\.status-acknowledged[\s\S]*\.note-form/, 'page.css is inlined');
    const { resources } = await apps.client.listResources();
    assert.ok(!resources.some((r) => r.uri.startsWith('ui://')), 'not among the listed resources');
    for (const s of [apps, plain]) {
      const { resourceTemplates } = await s.client.listResourceTemplates();
      assert.ok(!resourceTemplates.some((t) => t.uriTemplate.startsWith('ui://')), 'no ui:// template among the context templates');
    }
    await assert.rejects(plain.client.readResource({ uri: CARD_URI }));
  });

  it("get_incident: the text is unchanged; the card's data (the page's view, cut to a card) rides in _meta only for MCP Apps hosts", async () => {
    const target = withNotes();
    const forApps = await call(apps, 'get_incident', { incident_id: target.id });
    const forPlain = await call(plain, 'get_incident', { incident_id: target.id });
    assert.deepEqual(forApps.content, forPlain.content, 'the model receives the same text');
    assert.equal(forApps.structuredContent, undefined, 'no structuredContent (hosts give that to the model)');
    assert.equal(cardOf(forPlain), undefined);
    const card = cardOf(forApps);
    assert.equal(card?.kind, 'incident');
    if (card?.kind !== 'incident') return;
    assert.equal(card.incident.id, target.id);
    assert.equal(card.incident.number, target.number);
    assert.ok(card.incident.alerts.items.length > 0 && card.incident.alerts.items.length <= 5);
    assert.ok(card.incident.notes.items.some((n) => (apps.sim.state.notes.get(target.id) ?? []).some((x) => x.content === n.content)));
    assert.ok(card.incident.facts.some((f) => f.label === 'Assigned to'));
    const offered = card.incident.actions.map((a) => a.action);
    assert.ok(offered.includes('resolve') && offered.every((a) => ['acknowledge', 'resolve', 'openInPagerDuty'].includes(a)), offered.join());
    assert.equal(card.canWrite, true);
    const shown = cardOf(await call(readOnly, 'get_incident', { incident_id: target.id }));
    assert.ok(shown?.kind === 'incident' && shown.canWrite === false && shown.incident.actions.every((a) => a.action === 'openInPagerDuty'), 'read-only: nothing to click that writes');
  });

  it('list_incidents: the same text; the card lists the open incidents of the answer with their actions', async () => {
    const args = { scope: 'all', limit: 100 };
    const forApps = await call(apps, 'list_incidents', args);
    const forPlain = await call(plain, 'list_incidents', args);
    assert.deepEqual(forApps.content, forPlain.content);
    const card = cardOf(forApps);
    assert.equal(card?.kind, 'list');
    if (card?.kind !== 'list') return;
    const openIds = new Set(open().map((i) => i.id));
    assert.ok(card.rows.length > 0 && card.rows.length <= CARD_ROWS);
    assert.ok(card.rows.every((r) => openIds.has(r.id)), 'only open incidents');
    const triggered = card.rows.find((r) => r.status === 'triggered')!;
    assert.deepEqual(triggered.actions.map((a) => a.action), ['acknowledge', 'resolve']);
    assert.ok(card.rows.every((r) => text(forApps).includes(`#${r.number} ${r.id}`)), 'every row is in the text the model got');
    const resolved = cardOf(await call(apps, 'list_incidents', { scope: 'all', statuses: ['resolved'], limit: 5 }));
    assert.ok(resolved?.kind === 'list' && resolved.rows.length === 0, 'a list of resolved incidents has no rows to act on');
  });

  it('an error is the same error for both, with no card', async () => {
    const a = await call(apps, 'get_incident', { incident_id: 'QNOPE0000' });
    const b = await call(plain, 'get_incident', { incident_id: 'QNOPE0000' });
    assert.equal(a.isError, true);
    assert.deepEqual(a.content, b.content);
    assert.equal(cardOf(a), undefined);
  });

  it('Acknowledge from the card asks the person first; confirmed, PagerDuty changes', async () => {
    const target = open().find((i) => i.status === 'triggered')!;
    questions.length = 0;
    answer = confirm;
    const result = await call(apps, CARD_ACTION_TOOL, { incident_id: target.id, action: 'acknowledge' });
    assert.equal(result.isError, undefined, text(result));
    assert.equal(text(result), `Acknowledged #${target.number} “${target.title}”.`, 'one plain line for the card, no data fence');
    assert.equal(questions.length, 1);
    assert.match(String(questions[0]!.message), new RegExp(`^Acknowledge incident #${target.number} `));
    assert.equal(apps.sim.state.incidents.get(target.id)!.status, 'acknowledged');
  });

  it('Resolve declined, or cancelled, changes nothing and says so', async () => {
    const target = open()[0]!;
    for (const action of ['decline', 'cancel'] as const) {
      answer = () => ({ action });
      const result = await call(apps, CARD_ACTION_TOOL, { incident_id: target.id, action: 'resolve' });
      assert.equal(result.isError, true);
      assert.match(text(result), new RegExp(`Nothing changed: the person ${action === 'decline' ? 'declined' : 'cancelled'} the question \\(resolving #${target.number} `));
      assert.notEqual(apps.sim.state.incidents.get(target.id)!.status, 'resolved');
    }
  });

  it('Add note from the card shows the note in the question and adds it once confirmed; an empty note is refused before asking', async () => {
    const target = open()[1]!;
    questions.length = 0;
    const missing = await call(apps, CARD_ACTION_TOOL, { incident_id: target.id, action: 'add_note' });
    assert.equal(missing.isError, true);
    assert.match(text(missing), /argument "note": is required for action "add_note"/);
    assert.equal(questions.length, 0, 'nothing asked');
    answer = confirm;
    const note = `Card note ${Date.now()}`;
    const result = await call(apps, CARD_ACTION_TOOL, { incident_id: target.id, action: 'add_note', note });
    assert.equal(result.isError, undefined, text(result));
    assert.match(String(questions[0]!.message), new RegExp(`Note: ${note}`));
    assert.ok((apps.sim.state.notes.get(target.id) ?? []).some((n) => n.content === note));
  });

  it("PagerDuty refusing the write (an Observer's token) reaches the card as the reason; nothing changes", async () => {
    const observer = await startMcp({ writes: true, token: 'observer', structuredOutput: false, capabilities: APPS, sim: apps.sim, elicit: confirm });
    try {
      const target = open().find((i) => i.status === 'triggered')!;
      const result = await call(observer, CARD_ACTION_TOOL, { incident_id: target.id, action: 'acknowledge' });
      assert.equal(result.isError, true);
      assert.match(text(result), /incident_card_action failed: .*(403|[Ff]orbidden|permission)/);
      assert.equal(apps.sim.state.incidents.get(target.id)!.status, 'triggered');
    } finally {
      await observer.close();
    }
  });

  it('an unknown incident fails before asking, naming it', async () => {
    questions.length = 0;
    const result = await call(apps, CARD_ACTION_TOOL, { incident_id: 'QNOPE0000', action: 'resolve' });
    assert.equal(result.isError, true);
    assert.match(text(result), /QNOPE0000/);
    assert.equal(questions.length, 0);
  });
});

describe('the card: clean, bounded, and only the writes the toolbox allows', () => {
  const sessions = appsAndModel();
  let apps: McpSession;
  let model: McpSession;
  before(() => ({ apps, model } = sessions));
  const call = async (s: McpSession, name: string, args: Record<string, unknown>) => (await s.client.callTool({ name, arguments: args })) as any;
  const cardOf = (result: any) => result._meta?.[CARD_META] as CardData | undefined;
  const open = () => [...apps.sim.state.incidents.values()].filter((i) => i.status !== 'resolved');

  it('alert details given as a JSON string with \\u escapes, or an object with controls, reach the card and the text clean', async () => {
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
    assert.deepEqual(stringsOf(card).filter((s) => HIDDEN_CONTROLS.test(s)), [], 'no hidden character in the card data');
    for (const s of [apps, model]) {
      const text = (await call(s, 'list_alerts_from_incident', { incident_id: incident.id })).content[0].text as string;
      assert.ok(!HIDDEN_CONTROLS.test(text), 'the text is clean');
      assert.ok(!/\\u(202e|200b|2066|0007|001b|feff|2060)/i.test(text), `no escape that a reader turns back into a hidden character:\n${text}`);
      assert.match(text, /gnp\.exe/);
    }
  });
  it('500 assignees with long names: a bounded get_incident card; a 12-row list card of those keeps the connection up', async () => {
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
  it('the card offers, and its action tool runs, only the writes allowedTools / toolsets enable; refused before asking', async () => {
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
});
