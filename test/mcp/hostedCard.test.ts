/**
 * The incident card, resources and prompts on the hosted tool surface (issue 28): an MCP Apps host offered
 * browse_incidents gets the card for its "get" and "list" actions (the actions whose twins are the classic card
 * tools), with the same text and the same card as the classic get_incident / list_incidents; its other actions and
 * its errors carry no card, and errors keep their hosted terms. Resources and prompt names are those of the classic
 * surface.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CARD_META, CARD_URI } from '../../src/mcp/apps/incidentCard';
import type { CardData } from '../../src/model/incidentPage/cardModel';
import { startMcp, type McpSession } from '../support/mcpHarness';
import { APPS } from '../support/appSessions';

const HOSTED = ['--tool-surface', 'hosted'];

describe('hosted surface: the incident card, resources and prompts', () => {
  let hosted: McpSession;
  let hostedPlain: McpSession;
  let classic: McpSession;
  before(async () => {
    hosted = await startMcp({ writes: true, structuredOutput: false, capabilities: APPS, args: HOSTED });
    hostedPlain = await startMcp({ writes: true, structuredOutput: false, args: HOSTED, sim: hosted.sim });
    classic = await startMcp({ writes: true, structuredOutput: false, capabilities: APPS, sim: hosted.sim });
  });
  after(async () => {
    await classic.close();
    await hostedPlain.close();
    await hosted.close();
  });

  const tool = async (s: McpSession, name: string) => (await s.client.listTools()).tools.find((t) => t.name === name);
  const call = async (s: McpSession, name: string, args: Record<string, unknown>) => (await s.client.callTool({ name, arguments: args })) as any;
  const browse = (s: McpSession, request: Record<string, unknown>) => call(s, 'browse_incidents', { request });
  const cardOf = (result: any) => result._meta?.[CARD_META] as CardData | undefined;
  const open = () => [...hosted.sim.state.incidents.values()].filter((i) => i.status !== 'resolved');

  it('browse_incidents names the card for an MCP Apps host only; the card\'s action tool is listed as on the classic surface', async () => {
    assert.deepEqual((await tool(hosted, 'browse_incidents'))!._meta, { ui: { resourceUri: CARD_URI } });
    assert.equal((await tool(hostedPlain, 'browse_incidents'))!._meta, undefined);
    assert.equal((await tool(hosted, 'browse_services'))!._meta, undefined, 'only the tool whose actions are the card tools');
    assert.deepEqual((await tool(hosted, 'incident_card_action'))?._meta, (await tool(classic, 'incident_card_action'))?._meta);
  });

  it('"get": the same text as without the card and as get_incident; the card is get_incident\'s', async () => {
    const target = open()[0]!;
    const got = await browse(hosted, { action: 'get', incident_id: String(target.number) });
    const plain = await browse(hostedPlain, { action: 'get', incident_id: String(target.number) });
    const twin = await call(classic, 'get_incident', { incident_id: String(target.number) });
    assert.equal(got.isError, undefined);
    assert.deepEqual(got.content, plain.content, 'the model receives the same text');
    assert.deepEqual(got.content, twin.content, 'as the classic surface\'s');
    assert.equal(got.structuredContent, undefined);
    assert.equal(cardOf(plain), undefined);
    const card = cardOf(got);
    const classicCard = cardOf(twin);
    assert.ok(card?.kind === 'incident' && classicCard?.kind === 'incident');
    assert.equal(card.incident.id, target.id);
    assert.deepEqual([card.canWrite, card.incident.actions, card.incident.alerts.items.length, card.incident.notes.items.length],
      [classicCard.canWrite, classicCard.incident.actions, classicCard.incident.alerts.items.length, classicCard.incident.notes.items.length]);
  });

  it('"list": the same text as list_incidents; the card lists the open incidents of the answer', async () => {
    const listed = await browse(hosted, { action: 'list', request_scope: 'all', limit: 50 });
    const twin = await call(classic, 'list_incidents', { scope: 'all', limit: 50 });
    assert.deepEqual(listed.content, twin.content);
    const card = cardOf(listed);
    assert.ok(card?.kind === 'list' && card.rows.length > 0);
    assert.deepEqual(card.rows.map((r) => r.id), (cardOf(twin) as Extract<CardData, { kind: 'list' }>).rows.map((r) => r.id));
  });

  it('other actions and errors carry no card; an error keeps its hosted terms', async () => {
    const alerts = await browse(hosted, { action: 'list_alerts', incident_id: open()[0]!.id });
    assert.equal(alerts.isError, undefined);
    assert.equal(cardOf(alerts), undefined);
    for (const request of [{ action: 'get', incident_id: 'QNOPE0000' }, { action: 'get', incident_id: 42 }, { action: 'get', incident_id: 'Q1', include: 7 }, { action: 'get', nope: 1 }]) {
      const withApps = await browse(hosted, request);
      const without = await browse(hostedPlain, request);
      assert.equal(withApps.isError, true, JSON.stringify(request));
      assert.deepEqual(withApps.content, without.content, `the same error with the card host: ${JSON.stringify(request)}`);
      assert.equal(cardOf(withApps), undefined);
    }
    // An integer would be an incident number now: a fraction is a wrong type still.
    const typed = await browse(hosted, { action: 'get', incident_id: 4.2 });
    assert.match(typed.content[0].text, /browse_incidents \(request\.action "get"\).*"request\.incident_id"/);
  });

  it('MCP resources, resource templates and prompts are the same on both surfaces', async () => {
    for (const list of ['listResources', 'listResourceTemplates', 'listPrompts'] as const) {
      assert.deepEqual(await hosted.client[list](), await classic.client[list](), list);
    }
    const { resources } = await hosted.client.listResources();
    assert.ok(resources.length > 0);
    const uri = resources[0]!.uri;
    assert.deepEqual(await hosted.client.readResource({ uri }), await classic.client.readResource({ uri }));
  });
});
