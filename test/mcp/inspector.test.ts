/**
 * The MCP Inspector's CLI (2.12.0, a client built on the SDK's v2 line) against the server, as a new user tries it:
 * `--protocol-era modern` (2026-07-28 pinned, no fallback) and `legacy` (the 2025 handshake), over stdio and HTTP.
 * Installed outside the tree by scripts/inspector/setup.sh (npm run test:mcp runs it); each run gets its own HOME,
 * since the CLI writes ~/.mcp-inspector.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type Simulator } from '../simulator/index';
import { startHttpServer, type HttpServerProcess } from '../support/httpHarness';
import { SERVER_JS } from '../support/mcpHarness';
import { BOTH_FAMILIES } from '../support/protocolFamily';
import { serverNode } from '../support/serverNode';

const CACHE = process.env.PAGERDUTY_E2E_CACHE ?? join(homedir(), '.cache', 'pagerduty-vscode');
const CLI = join(CACHE, 'mcp-inspector', 'node_modules', '@modelcontextprotocol', 'inspector', 'clients', 'cli', 'build', 'index.js');

interface Run {
  code: number;
  result?: any;
  stderr: string;
}

describe('MCP Inspector CLI, modern and legacy, over stdio and HTTP', { skip: BOTH_FAMILIES }, () => {
  let sim: Simulator;
  let http: HttpServerProcess;
  const homes: string[] = [];
  before(async () => {
    assert.ok(existsSync(CLI), `the Inspector CLI is missing at ${CLI}: run "bash scripts/inspector/setup.sh" (npm run test:mcp does)`);
    sim = await startSimulator();
    http = await startHttpServer([], { PAGERDUTY_API_HOST: sim.url, PAGERDUTY_TOOLSETS: 'all' });
  });
  after(async () => {
    await http?.close();
    await sim?.close();
    for (const home of homes) rmSync(home, { recursive: true, force: true });
  });

  /** One CLI run; `target` first, as --tool-arg and --header take every value after them. */
  function inspect(target: string[], args: string[]): Promise<Run> {
    const home = mkdtempSync(join(tmpdir(), 'pd-inspector-'));
    homes.push(home);
    return new Promise((resolve) => {
      execFile(serverNode(), [CLI, ...target, '--format', 'json', ...args], { env: { PATH: process.env.PATH ?? '', HOME: home }, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        let result: unknown;
        try {
          result = JSON.parse(stdout).result;
        } catch {
          result = undefined;
        }
        resolve({ code, result, stderr });
      });
    });
  }

  const targets: Record<string, () => { target: string[]; last: string[] }> = {
    stdio: () => ({ target: [serverNode(), SERVER_JS, '-e', `PAGERDUTY_USER_API_KEY=${sim.tokens.user}`, '-e', `PAGERDUTY_API_HOST=${sim.url}`, '-e', 'PAGERDUTY_TOOLSETS=all'], last: [] }),
    HTTP: () => ({ target: ['--server-url', http.url], last: ['--header', `Authorization: Token ${sim.tokens.user}`] }),
  };

  for (const era of ['modern', 'legacy'] as const) {
    for (const [transport, of] of Object.entries(targets)) {
      it(`${era} over ${transport}: lists the tools, calls get_incident with an integer number, reads a resource`, async () => {
        const { target, last } = of();
        const list = await inspect(target, ['--protocol-era', era, '--method', 'tools/list', ...last]);
        assert.equal(list.code, 0, list.stderr);
        const names = (list.result.tools as { name: string }[]).map((t) => t.name);
        assert.ok(names.includes('get_incident') && names.length > 50, names.join(' '));

        const incident = [...sim.state.incidents.values()][0];
        // The CLI sends incident_id=<digits> as an integer.
        const call = await inspect(target, ['--protocol-era', era, '--method', 'tools/call', '--tool-name', 'get_incident', ...last, '--tool-arg', `incident_id=${incident.number}`]);
        assert.equal(call.code, 0, call.stderr);
        assert.match(call.result.content[0].text, new RegExp(`#${incident.number} ${incident.id}`));

        const read = await inspect(target, ['--protocol-era', era, '--method', 'resources/read', '--uri', `pagerduty://incidents/${incident.id}`, ...last]);
        assert.equal(read.code, 0, read.stderr);
        assert.match(read.result.contents[0].text, new RegExp(incident.id));
      });
    }
  }

  it('a tool error is the tool\'s own clear text (exit 5), in both eras', async () => {
    for (const era of ['modern', 'legacy']) {
      const { target } = targets.stdio();
      const failed = await inspect(target, ['--protocol-era', era, '--method', 'tools/call', '--tool-name', 'get_incident', '--tool-arg', 'incident_id=<id>']);
      assert.equal(failed.code, 5, failed.stderr);
      assert.match(failed.result.content[0].text, /a real incident id is required, got the placeholder "<id>"/);
    }
  });
});
