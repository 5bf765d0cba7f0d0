/** A tool's addedOptions (listed in the README's tools table) are optional arguments it really takes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { ALL_TOOLS } from '../../src/mcp/tools';

describe('addedOptions', () => {
  const tools = ALL_TOOLS.filter((t) => t.addedOptions?.length);

  it('are declared by the tools that widen an official one', () => {
    assert.deepEqual(tools.map((t) => `${t.name}: ${t.addedOptions!.join(', ')}`).sort(), [
      'get_service: include_integrations',
      'list_incidents: query',
      'list_services: integration_key',
      'list_teams: include_members',
    ]);
  });

  it('each names an argument of its tool that a call may leave out', () => {
    for (const tool of tools) {
      for (const name of tool.addedOptions!) {
        assert.ok(tool.input[name], `${tool.name} has no argument ${name}`);
        assert.ok(z.object(tool.input).pick({ [name]: true }).safeParse({}).success, `${tool.name}.${name} must be optional`);
      }
    }
  });
});
