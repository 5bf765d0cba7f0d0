/**
 * The agent plugin (npm run package:plugin) in the real GitHub Copilot CLI (scripts/cli/setup.sh caches the pinned
 * version), offline: a scripted model on loopback (scriptedModel.ts) drives it, the plugin's own MCP server calls the
 * simulator. Each run has a private HOME and COPILOT_HOME and a minimal environment, so no real credential reaches it.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import yaml from 'js-yaml';
import { startSimulator, type Simulator } from '../simulator';
import { startScriptedModel, textOf, type ModelRequest, type ScriptedModel } from './scriptedModel';
import { serverNode } from '../support/serverNode';

const PLUGIN = resolve(__dirname, '..', '..', 'dist', 'plugin');
const CACHE = process.env.PAGERDUTY_E2E_CACHE ?? join(homedir(), '.cache', 'pagerduty-vscode');
const COPILOT = join(CACHE, 'copilot-cli', 'node_modules', '.bin', 'copilot');
const AGENT = 'pagerduty:pagerduty-incident-expert';
const homes: string[] = [];
let sim: Simulator;
let model: ScriptedModel;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  home: string;
  requests: ModelRequest[];
}

function copilot(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const home = mkdtempSync(join(tmpdir(), 'pd-copilot-'));
  homes.push(home);
  model.requests = [];
  const base = {
    // The plugin runs its server with plain `node`, which must be 22 or newer (the standalone server's minimum).
    PATH: `${dirname(serverNode())}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: home,
    COPILOT_HOME: join(home, '.copilot'),
    COPILOT_OFFLINE: 'true',
    COPILOT_AUTO_UPDATE: 'false',
    COPILOT_PROVIDER_BASE_URL: model.baseUrl,
    COPILOT_PROVIDER_TYPE: 'openai',
    COPILOT_MODEL: 'gpt-4.1',
    PAGERDUTY_API_HOST: sim.url,
    PAGERDUTY_USER_API_KEY: sim.tokens.user,
  };
  const logs = args.includes('-p') ? ['--log-dir', join(home, 'logs'), '--log-level', 'debug'] : [];
  const argv = ['--plugin-dir', PLUGIN, ...args, ...logs];
  return new Promise((done) => {
    execFile(COPILOT, argv, { env: { ...base, ...env }, cwd: home, timeout: 90_000 }, (error, stdout, stderr) => {
      done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr, home, requests: model.requests });
    });
  });
}

const prompt = (line: string, more: string[] = [], env: Record<string, string> = {}) => copilot(['-p', line, '--allow-all-tools', '--no-auto-update', ...more], env);
const offered = (r: ModelRequest) => (r.tools ?? []).map((t) => t.function.name);
const pagerdutyTools = (r: ModelRequest) => offered(r).filter((n) => n.startsWith('pagerduty-')).sort();
const system = (r: ModelRequest) => textOf(r.messages.find((m) => m.role === 'system')?.content);
const toolResults = (run: Run) => run.requests.at(-1)!.messages.filter((m) => m.role === 'tool').map((m) => textOf(m.content));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const s = statSync(path, { throwIfNoEntry: false });
    return !s ? [] : s.isDirectory() ? filesUnder(path) : s.isFile() ? [path] : [];
  });
}

/** Every process's arguments that contain `secret`, read while Copilot and its MCP server run. */
function argumentsHolding(secret: string): string[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((pid) => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return args.includes(secret) ? [`${pid}: ${args.replace(/\0/g, ' ').replace(secret, '<token>')}`] : [];
    } catch {
      return []; // gone meanwhile, or not ours to read
    }
  });
}

describe('the agent plugin in Copilot CLI', { concurrency: false }, () => {
  before(async () => {
    assert.ok(statSync(COPILOT, { throwIfNoEntry: false }), `Copilot CLI not found at ${COPILOT}: run bash scripts/cli/setup.sh`);
    assert.ok(statSync(join(PLUGIN, '.github', 'plugin', 'plugin.json'), { throwIfNoEntry: false }), `no plugin at ${PLUGIN}: run npm run package:plugin`);
    sim = await startSimulator();
    model = await startScriptedModel();
  });
  after(async () => {
    await model?.close();
    await sim?.close();
    for (const home of homes) rmSync(home, { recursive: true, force: true });
  });

  let readTools: string[] = [];
  const argsSeen: string[] = [];
  let serversSeen = 0;

  it('offers the PagerDuty tools, read-only by default; list_incidents reaches the simulator and the model gets the fenced text and paging hint', async () => {
    model.onRequest = (r) => {
      if (!r.messages.some((m) => m.role === 'tool')) return;
      argsSeen.push(...argumentsHolding(sim.tokens.user));
      serversSeen += argumentsHolding(join(PLUGIN, 'server', 'mcp-server.js')).length;
    };
    const run = await prompt('CALL pagerduty-list_incidents {"scope":"all","limit":2}');
    model.onRequest = undefined;
    assert.equal(run.code, 0, run.stderr);
    readTools = pagerdutyTools(run.requests[0]);
    assert.ok(readTools.includes('pagerduty-list_incidents') && readTools.includes('pagerduty-get_incident'), readTools.join(','));
    for (const write of ['manage_incidents', 'add_note_to_incident', 'create_incident']) assert.ok(!readTools.includes(`pagerduty-${write}`), `${write} offered with writes off`);
    const [result] = toolResults(run);
    assert.match(result ?? '', /<<<PAGERDUTY_DATA[\s\S]*#\d+ [\s\S]*PAGERDUTY_DATA>>>/);
    assert.match(result, /PAGERDUTY_DATA>>>\nShowing 2 of \d+; more available: call again with offset 2\./);
    assert.ok(sim.requests.some((r) => r.method === 'GET' && r.path === '/incidents' && r.tokenLabel === 'user'), 'the simulator was called with the token');
    assert.match(system(run.requests[0]), /pagerduty-incident-management/, 'the skill is listed to the model');
  });

  it('the token is in no process argument while the server runs', () => {
    assert.ok(serversSeen > 0, 'the plugin\'s server process was among those read');
    assert.deepEqual(argsSeen, []);
  });

  it('--agent gives the model the Incident Expert\'s instructions (plugin wording) and only the agent\'s tools', async () => {
    const all = { PAGERDUTY_TOOLSETS: 'all' };
    const everything = pagerdutyTools((await prompt('hello', [], all)).requests[0]);
    const run = await prompt('CALL pagerduty-get_incident {"incident_id":"1059"}', ['--agent', AGENT], all);
    assert.equal(run.code, 0, run.stderr);
    const prompt0 = system(run.requests[0]);
    assert.match(prompt0, /<agent_instructions>[\s\S]*You are the PagerDuty Incident Expert\./);
    assert.match(prompt0, /PAGERDUTY_USER_API_KEY/);
    assert.doesNotMatch(prompt0, /PagerDuty: Sign In|inside VS Code|pagerduty\.enableWriteTools/);
    const meta = yaml.load(readFileSync(join(PLUGIN, 'agents', 'pagerduty-incident-expert.md'), 'utf8').split('---')[1]) as { tools: string[] };
    const listed = meta.tools.filter((t) => t.startsWith('pagerduty/')).map((t) => t.replace('pagerduty/', 'pagerduty-'));
    assert.ok(everything.includes('pagerduty-list_incident_workflows') && !listed.includes('pagerduty-list_incident_workflows'), 'the server offers tools the agent leaves out');
    assert.deepEqual(pagerdutyTools(run.requests[0]), everything.filter((t) => listed.includes(t)), 'exactly the agent\'s PagerDuty tools that the server offers');
    for (const builtin of ['create', 'edit']) assert.ok(!offered(run.requests[0]).includes(builtin), `${builtin} is not in the agent's list`);
    assert.match(toolResults(run)[0] ?? '', /#1059 /);
    const log = filesUnder(join(run.home, 'logs')).map((f) => readFileSync(f, 'utf8')).join('\n');
    assert.ok(log.includes(PLUGIN), 'the debug log speaks of the plugin');
    assert.doesNotMatch(log, /pagerduty-incident-expert\.md: unknown fields ignored/, 'VS Code-only front matter was left out');
  });

  it('lists the skill and the prompt files as commands, and both load', async () => {
    const list = await copilot(['skill', 'list']);
    assert.equal(list.code, 0, list.stderr);
    for (const name of ['pagerduty-incident-management', 'pagerduty-triage', 'pagerduty-investigate', 'pagerduty-oncall', 'pagerduty-handoff', 'pagerduty-post-incident']) {
      assert.match(list.stdout, new RegExp(`^\\s+${name} - `, 'm'), name);
    }
    const run = await prompt('CALL skill {"skill":"pagerduty-incident-management"}');
    assert.equal(run.code, 0, run.stderr);
    const loaded = run.requests.at(-1)!.messages.map((m) => textOf(m.content)).join('\n');
    assert.match(loaded, /## Troubleshooting[\s\S]*Set `PAGERDUTY_USER_API_KEY` to a new user API token/);
    // A command is a skill there too: -p does not expand `/pagerduty-investigate`, the model loads it by name.
    const command = await prompt('CALL skill {"skill":"pagerduty-investigate"}');
    assert.match(command.requests.at(-1)!.messages.map((m) => textOf(m.content)).join('\n'), /Investigate PagerDuty incident `\$ARGUMENTS`\.[\s\S]*get_incident/);
  });

  it('refuses writes while write tools are off, and writes to the simulator when the environment enables them', async () => {
    const incident = [...sim.state.incidents.values()].find((i: any) => i.status !== 'resolved') as { id: string };
    const notes = () => sim.requests.filter((r) => r.method === 'POST' && r.path === `/incidents/${incident.id}/notes`).length;
    const call = `CALL pagerduty-add_note_to_incident {"incident_id":"${incident.id}","note":"from Copilot CLI"}`;
    const off = await prompt(call);
    assert.equal(off.code, 0, off.stderr);
    assert.ok(!offered(off.requests[0]).includes('pagerduty-add_note_to_incident'));
    assert.equal(notes(), 0, 'no write reached PagerDuty');
    const on = await prompt(call, [], { PAGERDUTY_ENABLE_WRITE_TOOLS: 'true' });
    assert.equal(on.code, 0, on.stderr);
    assert.ok(offered(on.requests[0]).includes('pagerduty-add_note_to_incident'));
    assert.equal(notes(), 1, 'the note reached the simulator');
    assert.match(toolResults(on)[0] ?? '', new RegExp(`Note \\w+ added to incident ${incident.id}`));
  });

  it('an unexpanded ${PAGERDUTY_USER_API_KEY} (hidden by --secret-env-vars) gets what to set, and PagerDuty is not called', async () => {
    const before = sim.requests.length;
    const run = await prompt('CALL pagerduty-list_incidents {}', ['--secret-env-vars=PAGERDUTY_USER_API_KEY']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(toolResults(run)[0] ?? '', /holds the reference "\$\{PAGERDUTY_USER_API_KEY\}", which the MCP host did not fill in\. Set PAGERDUTY_USER_API_KEY/);
    assert.equal(sim.requests.length, before, 'no request with the reference as a token');
  });

  it('the token is in no file Copilot CLI wrote (logs, session state, config)', () => {
    const files = homes.flatMap((home) => filesUnder(home).filter((f) => !f.includes(`${join('.cache', 'copilot', 'pkg')}`)));
    assert.ok(files.some((f) => f.includes(join('logs', ''))), 'debug logs were written');
    const holding = files.filter((f) => readFileSync(f).includes(sim.tokens.user));
    assert.deepEqual(holding, []);
  });
});
