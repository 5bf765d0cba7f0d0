/** Servers for an MCP Apps client (the incident card) and for a plain model client, over one simulator. */
import assert from 'node:assert/strict';
import { after, before, beforeEach } from 'node:test';
import { APP_MIME } from '../../src/mcp/apps/incidentCard';
import { closeSessions, isServerAlive, startMcp, type McpSession } from './mcpHarness';

/** The client capabilities of an MCP Apps host. */
export const APPS = { extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: [APP_MIME] } } } as never;

/**
 * Starts both (writes on, no structured output) before the suite that calls it, clears faults before each test and
 * closes both after it; the sessions are on the returned object once the suite's `before` hooks ran.
 */
export function appsAndModel(): { apps: McpSession; model: McpSession } {
  const sessions = {} as { apps: McpSession; model: McpSession };
  before(async () => {
    sessions.apps = await startMcp({ writes: true, structuredOutput: false, capabilities: APPS });
    sessions.model = await startMcp({ writes: true, structuredOutput: false, sim: sessions.apps.sim });
  });
  beforeEach(() => sessions.apps.sim.faults.clear());
  after(async () => {
    assert.ok(isServerAlive(sessions.apps), 'the apps server exited');
    await closeSessions(sessions.model, sessions.apps);
  });
  return sessions;
}
