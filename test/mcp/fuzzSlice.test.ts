/**
 * A fixed slice of the fuzzer (npm run fuzz runs 10 000 calls): hostile input for every published tool over stdio.
 * No crash, no hang, every invalid input rejected with a message naming the argument, no off-spec request sent.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Toolbox } from '../../src/mcp/registry';
import { ALL_TOOLS } from '../../src/mcp/tools';
import { TOOLSETS } from '../../src/mcp/tools/types';
import { FAILURES, runFuzz } from '../fuzz/run';
import { startMcp } from '../support/mcpHarness';

describe('fuzz slice', () => {
  it('survives 400 hostile calls across every tool with named argument errors', async () => {
    const report = await runFuzz({ calls: 400, seed: 20261125 });
    const failures = report.failures.map((f) => `[${f.outcome}] ${f.tool} ${f.mutation} ${f.args}\n  → ${f.answer}`).join('\n');
    for (const outcome of FAILURES) assert.equal(report.outcomes[outcome], 0, `${outcome}:\n${failures}`);
    assert.ok(report.serverAlive, 'the server process exited');
    assert.equal(report.violations.request, 0, `the client sent off-spec requests:\n${report.violations.examples.join('\n')}`);
    // The slice must reach the handlers too, not only the argument check.
    assert.ok(report.outcomes.ok > 20, `only ${report.outcomes.ok} calls succeeded`);
    assert.ok(report.outcomes.rejected_invalid > 100, `only ${report.outcomes.rejected_invalid} invalid inputs were generated`);
    assert.ok(report.tools >= 50, `only ${report.tools} tools published`);
  });

  it('publishes from the bundle exactly the schemas the source computes (build-time precompute is not stale)', async () => {
    const s = await startMcp({ writes: true });
    try {
      const { tools } = await s.client.listTools();
      const live = new Toolbox(ALL_TOOLS, { enableWrites: true, toolsets: TOOLSETS, structuredOutput: true }, []).publish();
      assert.deepEqual(JSON.parse(JSON.stringify(tools)), JSON.parse(JSON.stringify(live)), 'rebuild with "npm run build"');
    } finally {
      await s.close();
    }
  });

  it('names an unknown key inside a list item by its full path', async () => {
    const s = await startMcp({ writes: true });
    try {
      const { tools } = await s.client.listTools();
      // Any tool with a list of objects will do; the registry formats the message, not the tool.
      const found = tools
        .map((t) => ({ t, prop: Object.entries((t.inputSchema.properties ?? {}) as Record<string, any>).find(([, p]) => p.type === 'array' && p.items?.type === 'object') }))
        .find((x) => x.prop);
      assert.ok(found, 'no tool takes a list of objects');
      const text = await s.fails(found.t.name, { [found.prop![0]]: [{ bogus_key: 1 }] });
      assert.match(text, new RegExp(`unknown argument "${found.prop![0]}\\[0\\]\\.bogus_key"`));
    } finally {
      await s.close();
    }
  });
});
