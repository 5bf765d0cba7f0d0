/**
 * The incident card (MCP Apps) over stdio: a host that declares MCP Apps gets get_incident pointing at the card, the
 * card's HTML, and the card's data in the result's _meta; the text (what the model receives) is the same as for any
 * other client, which sees exactly today's answer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { APP_MIME, CARD_META, CARD_URI } from '../../src/mcp/apps/incidentCard';
import { startMcp, type McpSession } from '../support/mcpHarness';

describe('incident card (MCP Apps)', () => {
  let apps: McpSession;
  let plain: McpSession;
  before(async () => {
    apps = await startMcp({ writes: true, structuredOutput: false, capabilities: { extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: [APP_MIME] } } } as never });
    plain = await startMcp({ writes: true, structuredOutput: false, sim: apps.sim });
  });
  after(async () => {
    await plain.close();
    await apps.close();
  });

  const getIncident = async (s: McpSession) => (await s.client.listTools()).tools.find((t) => t.name === 'get_incident')!;
  const incident = () => [...apps.sim.state.incidents.values()].find((i) => i.status !== 'resolved' && (apps.sim.state.notes.get(i.id) ?? []).length)!;

  it('get_incident names the card only for MCP Apps hosts', async () => {
    assert.deepEqual((await getIncident(apps))._meta, { ui: { resourceUri: CARD_URI } });
    assert.equal((await getIncident(plain))._meta, undefined);
  });

  it('the card is a readable MCP App resource, not offered as context', async () => {
    const { contents } = await apps.client.readResource({ uri: CARD_URI });
    const html = (contents[0] as { text: string; mimeType: string });
    assert.equal(html.mimeType, APP_MIME);
    assert.match(html.text, /^<!doctype html>[\s\S]*<script>[\s\S]*ui\/initialize[\s\S]*<\/script>/i);
    const { resources } = await apps.client.listResources();
    assert.ok(!resources.some((r) => r.uri.startsWith('ui://')), 'not among the listed resources');
    for (const s of [apps, plain]) {
      const { resourceTemplates } = await s.client.listResourceTemplates();
      assert.ok(!resourceTemplates.some((t) => t.uriTemplate.startsWith('ui://')), 'no ui:// template among the context templates');
    }
    await assert.rejects(plain.client.readResource({ uri: CARD_URI }));
  });

  it("the result's text is unchanged; the card's data rides in _meta only for MCP Apps hosts", async () => {
    const target = incident();
    const forApps = (await apps.client.callTool({ name: 'get_incident', arguments: { incident_id: target.id } })) as any;
    const forPlain = (await plain.client.callTool({ name: 'get_incident', arguments: { incident_id: target.id } })) as any;
    assert.deepEqual(forApps.content, forPlain.content, 'the model receives the same text');
    assert.equal(forApps.structuredContent, undefined, 'no structuredContent (hosts give that to the model)');
    assert.equal(forPlain._meta?.[CARD_META], undefined);
    const card = forApps._meta[CARD_META];
    assert.equal(card.incident.id, target.id);
    assert.equal(card.incident.number, target.number);
    assert.ok(card.alerts.length > 0 && card.alerts.length <= 5);
    assert.ok(card.notes.some((n: { content: string }) => (apps.sim.state.notes.get(target.id) ?? []).some((x) => x.content === n.content)));
  });

  it('an error is the same error for both', async () => {
    const a = (await apps.client.callTool({ name: 'get_incident', arguments: { incident_id: 'QNOPE0000' } })) as any;
    const b = (await plain.client.callTool({ name: 'get_incident', arguments: { incident_id: 'QNOPE0000' } })) as any;
    assert.equal(a.isError, true);
    assert.deepEqual(a.content, b.content);
  });
});
