/**
 * One declaration of what the tools answer (src/model/toolResults.ts), held on both sides: the server's handlers are
 * compiled against it (defineTool), the typed API calls only tools declared there, and its readers take only their own
 * tool's result. The `@ts-expect-error` lines are the compile-time half: `npm run typecheck` fails if one of them
 * stops being an error (that is, if the check they show were lost).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { ALL_TOOLS } from '../../src/mcp/tools';
import { defineListTool } from '../../src/mcp/tools/listTool';
import { limit, offset } from '../../src/mcp/tools/params';
import { defineTool, READ } from '../../src/mcp/tools/types';
import { parseIncidentRef } from '../../src/model/incidentRef';
import { pagerDutyApi } from '../../src/model/pagerdutyApi';
import { readIncident, readIncidentList } from '../../src/model/toolAnswers';
import type { ToolResult } from '../../src/model/toolResults';
import { failed, incident, ok } from '../support/viewsBuilders';

const spec = { title: 't', description: 'd', toolset: 'incidents', annotations: READ, input: () => ({ incident_id: z.string() }), output: () => ({}) } as const;

describe('tool answers, declared once and typed by tool name', () => {
  it('a handler of a tool the typed API reads must answer what ToolResults declares; other tools answer freely', async () => {
    const drifted = defineTool({
      ...spec,
      name: 'get_incident',
      // @ts-expect-error: an incident without number, title, status… is not get_incident's declared answer
      handler: async () => ({ text: 'x', structured: { incident: { id: 'P1' } } }),
    });
    const renamedKey = defineTool({
      ...spec,
      name: 'list_incident_notes',
      // @ts-expect-error: the notes under another key would read as "no notes" in the page
      handler: async () => ({ text: 'x', structured: { note_list: [] } }),
    });
    const declared = defineTool({ ...spec, name: 'get_incident', handler: async () => ({ text: 'x', structured: { incident: incident() } }) });
    const free = defineTool({ ...spec, name: 'not_read_in_process', handler: async () => ({ text: 'x', structured: { anything: 1 } }) });
    assert.deepEqual([drifted.name, renamedKey.name, declared.name, free.name], ['get_incident', 'list_incident_notes', 'get_incident', 'not_read_in_process']);
  });

  it('a list tool declared as data is held to ToolResults too', () => {
    const list = { title: 't', description: 'd', toolset: 'teams_users', input: () => ({ limit: limit(25), offset }) } as const;
    const show = { shape: (raw: Record<string, unknown>) => ({ id: String(raw.id), name: String(raw.name) }), line: () => 'x', label: 'users', empty: 'none' };
    // @ts-expect-error: list_users' items under another key would read as "no users" in the pickers
    const renamed = defineListTool({ ...list, name: 'list_users', from: { path: '/users', key: 'people' }, show });
    const declared = defineListTool({ ...list, name: 'list_users', from: { path: '/users', key: 'users' }, show });
    const free = defineListTool({ ...list, name: 'not_read_in_process', from: { path: '/users', key: 'people' }, show });
    assert.deepEqual([renamed.name, declared.name, free.name], ['list_users', 'list_users', 'not_read_in_process']);
  });

  it("a reader takes its own tool's result only", () => {
    const list: ToolResult<'list_incidents'> = ok({ incidents: [incident()], more: false });
    // @ts-expect-error: list_incidents' answer is not get_incident's
    assert.equal(readIncident(list), undefined);
    assert.equal(readIncidentList(list).incidents.length, 1);
    // An untyped CallResult (a test's, or one the server passed on) is still read, checked by the guards.
    assert.equal(readIncident(ok({ incident: { title: 'no id' } })), undefined);
  });

  it('every tool the typed API calls is a server tool', async () => {
    const names = new Set<string>();
    const api = pagerDutyApi(async (name) => {
      names.add(name);
      return failed('other');
    });
    const key = parseIncidentRef('Q1ABC23')!;
    await Promise.all([
      api.me(),
      api.oncalls({}),
      api.users(1),
      api.priorities(),
      api.workflows(1),
      api.policyLevels('PEP1'),
      api.incidents.get(key),
      api.incidents.list({ scope: 'all', statuses: ['triggered'], limit: 1 }),
      api.incidents.page(key),
      api.incidents.cardSections('Q1ABC23'),
      api.incidents.acknowledge(['Q1ABC23']),
      api.incidents.resolve(['Q1ABC23'], 'note'),
      api.incidents.snooze('Q1ABC23', 15),
      api.incidents.addResponders('Q1ABC23', 'help', ['PU1']),
      api.incidents.statusUpdate('Q1ABC23', 'update'),
      api.incidents.startWorkflow('Q1ABC23', 'PW1'),
    ]);
    const served = new Set(ALL_TOOLS.map((t) => t.name));
    assert.deepEqual([...names].filter((n) => !served.has(n)), []);
    assert.equal(names.size, 21, `the API's tools: ${[...names].sort().join(', ')}`);
  });
});
