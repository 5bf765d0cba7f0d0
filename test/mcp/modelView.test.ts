// What a model receives by default: clients such as Copilot agent mode forward JSON.stringify(structuredContent)
// instead of the text when a result has it, so by default there is none and the text (fenced, with paging hints)
// is the whole answer. --structured-output turns typed output back on for clients that want it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMcp, type McpSession } from '../support/mcpHarness';

describe('what the model receives (default server options)', () => {
  let s: McpSession;
  before(async () => {
    s = await startMcp({ writes: true, structuredOutput: false });
  });
  after(() => s.close());

  it('tools/list publishes no output schemas', async () => {
    const { tools } = await s.client.listTools();
    assert.ok(tools.length > 90);
    const withSchema = tools.filter((t) => t.outputSchema !== undefined).map((t) => t.name);
    assert.deepEqual(withSchema, []);
  });

  it('list_incidents answers with fenced text and a paging hint, and no structuredContent', async () => {
    const raw = (await s.client.callTool({ name: 'list_incidents', arguments: { scope: 'all', limit: 3 } })) as Record<string, unknown>;
    assert.equal(raw.structuredContent, undefined);
    const text = (raw.content as { text: string }[]).map((c) => c.text).join('\n');
    assert.match(text, /<<<PAGERDUTY_DATA\n[\s\S]*\nPAGERDUTY_DATA>>>/);
    assert.match(text, /more available: call again with offset 3/);
  });

  it('a failing call still carries its error as text only', async () => {
    const raw = (await s.client.callTool({ name: 'get_incident', arguments: { incident_id: 'PNOTHERE' } })) as Record<string, unknown>;
    assert.equal(raw.isError, true);
    assert.equal(raw.structuredContent, undefined);
  });
});

describe('--structured-output', () => {
  let s: McpSession;
  before(async () => {
    s = await startMcp({ structuredOutput: true });
  });
  after(() => s.close());

  it('publishes output schemas and returns typed results beside the same text', async () => {
    const { tools } = await s.client.listTools();
    assert.ok(tools.every((t) => t.outputSchema !== undefined));
    const r = await s.ok('list_incidents', { scope: 'all', limit: 3 });
    assert.equal(r.structured.incidents.length, 3);
    assert.match(r.text, /more available: call again with offset 3/);
  });
});
