import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PagerDutyClient } from '../../src/pagerduty/client';
import { Toolbox } from '../../src/mcp/registry';
import { ALL_TOOLS, DEFAULT_TOOLSETS } from '../../src/mcp/tools';
import { isWrite, TOOLSETS, type ToolContext } from '../../src/mcp/tools/types';
import { clientWith, ctxOf, fullToolbox, respondJson, textOf } from '../support/toolDoubles';

const ctx: ToolContext = {
  // Any request would fail: validation must reject bad input before a request is made.
  client: new PagerDutyClient({ token: 'unit-test-token', baseUrl: 'http://127.0.0.1:1', fetchImpl: (() => Promise.reject(new Error('no network in unit tests'))) as any }),
  now: () => new Date('2026-11-25T10:00:00Z'),
};

function walk(schema: unknown, visit: (node: Record<string, unknown>, path: string) => void, path = '') {
  if (!schema || typeof schema !== 'object') return;
  visit(schema as Record<string, unknown>, path);
  for (const [k, v] of Object.entries(schema)) walk(v, visit, `${path}/${k}`);
}

describe('tool registry', () => {
  it('has unique tool names and known toolsets', () => {
    const names = ALL_TOOLS.map((t) => t.name);
    assert.equal(new Set(names).size, names.length, 'duplicate tool names');
    for (const tool of ALL_TOOLS) {
      assert.ok((TOOLSETS as readonly string[]).includes(tool.toolset), `${tool.name} has unknown toolset ${tool.toolset}`);
      assert.match(tool.name, /^[a-z][a-z0-9_]*$/);
      // Access comes from readOnlyHint alone; a write tool must still say whether it destroys or repeats safely.
      if (isWrite(tool)) assert.equal(typeof tool.annotations.destructiveHint, 'boolean', `${tool.name}: destructiveHint`);
    }
  });

  it('lists no write tool in read-only mode and all of them with writes enabled', () => {
    const readOnly = new Toolbox(ALL_TOOLS, { enableWrites: false, toolsets: TOOLSETS }, DEFAULT_TOOLSETS).enabled();
    assert.ok(readOnly.every((t) => !isWrite(t)));
    assert.deepEqual(
      readOnly.map((t) => t.name),
      ALL_TOOLS.filter((t) => !isWrite(t)).map((t) => t.name),
    );
    const all = new Toolbox(ALL_TOOLS, { enableWrites: true, toolsets: TOOLSETS }, DEFAULT_TOOLSETS).enabled();
    assert.equal(all.length, ALL_TOOLS.length);
  });

  it('honours toolsets and the allow-list', () => {
    const incidentsOnly = new Toolbox(ALL_TOOLS, { enableWrites: true, toolsets: ['incidents'] }, DEFAULT_TOOLSETS).enabled();
    assert.ok(incidentsOnly.length > 0 && incidentsOnly.every((t) => t.toolset === 'incidents'));
    const allowed = new Toolbox(ALL_TOOLS, { enableWrites: false, allowTools: ['get_incident', 'manage_incidents'] }, DEFAULT_TOOLSETS).enabled();
    assert.deepEqual(allowed.map((t) => t.name), ['get_incident'], 'write tools stay hidden without writes even when allowed');
  });

  it('publishes flat, described schemas: no $ref/$defs, every property described, enums where fixed', () => {
    const published = new Toolbox(ALL_TOOLS, { enableWrites: true, toolsets: TOOLSETS }, DEFAULT_TOOLSETS).publish();
    let size = 0;
    for (const tool of published) {
      const json = JSON.stringify(tool);
      size += json.length;
      assert.ok(!json.includes('"$ref"') && !json.includes('"$defs"') && !json.includes('"definitions"'), `${tool.name} has a $ref`);
      assert.equal(tool.inputSchema.type, 'object');
      assert.equal(tool.inputSchema.additionalProperties, false, `${tool.name} input must be strict`);
      assert.ok(tool.description.length > 10 && tool.description.length <= 300, `${tool.name} description length ${tool.description.length}`);
      const props = (tool.inputSchema.properties ?? {}) as Record<string, Record<string, unknown>>;
      for (const [name, prop] of Object.entries(props)) {
        assert.ok(typeof prop.description === 'string' && prop.description.length > 0, `${tool.name}.${name} has no description`);
      }
      walk(tool.inputSchema, (node, path) => {
        // Fixed value sets must be real enums, not free strings described in prose.
        if (typeof node.description === 'string' && /\bone of\b/i.test(node.description)) {
          assert.ok(node.enum || (node.items as Record<string, unknown>)?.enum, `${tool.name}${path}: use an enum`);
        }
      });
    }
    console.log(`tools/list with every tool: ${published.length} tools, ${size} characters`);
  });

  it('names the offending argument and what was expected', async () => {
    const box = new Toolbox(ALL_TOOLS, { enableWrites: true, toolsets: TOOLSETS }, DEFAULT_TOOLSETS);
    const bad = async (name: string, args: unknown, pattern: RegExp) => {
      const result = await box.call(name, args, ctx);
      assert.equal(result.isError, true, `${name} accepted ${JSON.stringify(args)}`);
      assert.match(result.content[0].text, pattern);
    };
    await bad('list_incidents', { statuses: ['open'] }, /argument "statuses\[0\]".*triggered.*acknowledged.*resolved/);
    await bad('list_incidents', { limit: -5 }, /argument "limit"/);
    await bad('list_incidents', { since: '2026-11-25 10:00' }, /argument "since".*offset/);
    await bad('list_incidents', { bogus: 1 }, /unknown argument "bogus" \(allowed: scope, statuses/);
    await bad('get_incident', {}, /argument "incident_id": is required/);
    for (const placeholder of ['', '   ', 'null', 'undefined', '<incident_id>']) {
      await bad('get_incident', { incident_id: placeholder }, /argument "incident_id"/);
    }
    await bad('get_incident', { incident_id: 'Q1\u200BABC' }, /argument "incident_id": expected a incident id/);
    await bad('manage_incidents', { incident_ids: ['Q1'] }, /Nothing to change/);
    await bad('no_such_tool', {}, /Unknown tool/);
  });

  it('refuses write tools when writes are disabled, saying how to enable them', async () => {
    const box = new Toolbox(ALL_TOOLS, { enableWrites: false, toolsets: TOOLSETS }, DEFAULT_TOOLSETS);
    const result = await box.call('manage_incidents', { incident_ids: ['Q1'], status: 'resolved' }, ctx);
    assert.equal(result.isError, true);
    assert.match(result.content[0].text, /write tools are disabled.*--enable-write-tools/);
  });
});

describe('wrong-type arguments', () => {
  const client = clientWith(() => respondJson({}));
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
      const r = await fullToolbox().call(tool, args, ctxOf(client));
      assert.equal(r.isError, true);
      assert.match(textOf(r), expected);
      assert.doesNotMatch(textOf(r), tool === 'get_incident' && !('incident_id' in args) ? /^$/ : /is required/);
    }
  });
});

describe('date-times and windows checked locally', () => {
  it('rejects impossible dates and T24:00, and since after until on list_incidents, without a request', async () => {
    let requests = 0;
    const client = clientWith(() => (requests++, respondJson({ incidents: [], more: false })));
    for (const [args, expected] of [
      [{ since: '2026-02-30T00:00:00Z' }, /argument "since": not a real date-time: 2026-02 has no day 30/],
      [{ until: '2026-11-25T24:00Z' }, /argument "until": not a real date-time: 24:00 is not a time of day/],
      [{ since: '2026-11-25T10:00:00+25:00' }, /not a real UTC offset/],
      [{ since: '2026-11-26T00:00:00Z', until: '2026-11-25T00:00:00Z' }, /until must be after since/],
    ] as const) {
      const r = await fullToolbox().call('list_incidents', args, ctxOf(client));
      assert.equal(r.isError, true);
      assert.match(textOf(r), expected);
    }
    assert.equal(requests, 0);
  });
});
