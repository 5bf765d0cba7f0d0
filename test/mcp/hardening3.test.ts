/**
 * Issue 20 (adversarial testing, round 3) over stdio against the simulator: the surfaces added last round (the MCP App
 * card's _meta, resources, the card's action, status updates) meet the same rules as the model's text.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { APP_MIME, CARD_META } from '../../src/mcp/apps/incidentCard';
import type { CardData } from '../../src/views/incidentPage/cardModel';
import { closeSessions, isServerAlive, startMcp, type McpSession } from '../support/mcpHarness';

const APPS = { extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: [APP_MIME] } } } as never;
/** Characters that hide, reorder or control text (untrusted.ts strips them from everything it cleans). */
const HIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFE00-\uFE0F\uFEFF]/u;

/** Every key and string value of a JSON-like value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
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
});
