/**
 * Every tool against PagerDuty answers that are 200 but empty or partial (a proxy, an outage page, an API change):
 * the call ends with a clear error or a result, never "failed unexpectedly" or a JavaScript message.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PagerDutyClient } from '../../src/pagerduty/client';
import { Toolbox } from '../../src/mcp/registry';
import { ALL_TOOLS, DEFAULT_TOOLSETS } from '../../src/mcp/tools';
import { TOOLSETS } from '../../src/mcp/tools/types';
import { CaseGenerator, type Schema } from '../fuzz/generate';
import { Prng } from '../simulator/seed/prng';

const BODIES = ['', '{}', '{"incident":{},"incidents":[{}],"user":{},"note":null,"more":true}', '[]', 'null'];
const JS_ERRORS = /unexpectedly|Cannot read|is not a function|undefined \(reading|Cannot destructure|is not iterable/;

function toolboxWith(body: string) {
  const fetchImpl = (async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } })) as typeof fetch;
  const client = new PagerDutyClient({ token: 'odd-body-test-token', baseUrl: 'http://127.0.0.1:1', fromEmail: 'a@example.com', maxRetries: 0, fetchImpl });
  const toolbox = new Toolbox(ALL_TOOLS, { enableWrites: true, toolsets: TOOLSETS, structuredOutput: true }, DEFAULT_TOOLSETS);
  return { toolbox, ctx: { client, now: () => new Date('2026-11-25T10:00:00Z') } };
}

describe('empty and partial 200 bodies', () => {
  for (const body of BODIES) {
    it(`every tool copes with the body ${JSON.stringify(body).slice(0, 40)}`, async () => {
      const { toolbox, ctx } = toolboxWith(body);
      const generator = new CaseGenerator(new Prng(7), { incident: ['Q1ABC'], service: ['PSVC1'], team: ['PTEAM1'], user: ['PUSER1'] }, new Date('2026-11-25T10:00:00Z'));
      const problems: string[] = [];
      let reached = 0;
      for (const tool of toolbox.publish()) {
        // The generator's baseline fits the published schema; a few tries find arguments the server's stricter checks accept too.
        let text = '';
        for (let attempt = 0; attempt < 30; attempt++) {
          const args = (generator as unknown as { object(s: Schema, p: number): Record<string, unknown> }).object(tool.inputSchema as Schema, attempt % 2);
          const result = await toolbox.call(tool.name, args, ctx);
          text = result.content.map((c) => c.text).join('\n');
          if (!text.startsWith('Invalid arguments')) break;
        }
        reached += text.startsWith('Invalid arguments') ? 0 : 1;
        if (JS_ERRORS.test(text)) problems.push(`${tool.name}: ${text.slice(0, 200)}`);
      }
      assert.deepEqual(problems, []);
      assert.ok(reached >= 90, `only ${reached} tools got past argument validation`);
    });
  }
});
