// The real-VS-Code end-to-end run (npm run test:e2e): build, start the simulator, run test/e2e/suite inside
// VS Code 1.139 with the extension loaded from this folder, then package the .vsix and run the suite again
// against the installed package.
//   tsx scripts/e2e/run.ts [--no-vsix] [--verbose]      E2E_GREP=<text> runs matching tests only
//   E2E_PHASES=page,agent (of access, suite, signin, page, code, agent, hosted, vsix; default all) runs only those phases
// scripts/e2e/setup.sh must have run (npm run test:e2e does that).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cleanupAll, installVsix, onCleanup, runExtensionTests } from '../../test/e2e/harness';
import { startSimulator } from '../../test/simulator';
import { uiSignIn } from '../../test/e2e/ui/signIn';
import { checkServerAccess } from '../../test/e2e/serverAccess';
import { uiIncidentPage } from '../../test/e2e/ui/incidentPage';
import { uiCodeLinks } from '../../test/e2e/ui/codeLinks';
import { RunHygiene } from '../../test/e2e/harness/hygieneRun';
import { AGENT_FIGURES, agentSimulator, runAgentMode } from '../../test/e2e/agent/agentMode';
import { WRONG_TOKEN_COMMAND, WRONG_TOKEN_UI } from '../../test/e2e/wrongTokens';
import { startRecordingProxy, tokenPlacement } from '../../test/e2e/harness/recordingProxy';
import { startHttpServer } from '../../test/support/httpHarness';
import { contributedPaths } from '../../test/support/chatFiles';

const root = resolve(__dirname, '..', '..');
const args = new Set(process.argv.slice(2));
const run = (cmd: string, argv: string[]) => execFileSync(cmd, argv, { cwd: root, stdio: 'inherit' });
// A quicker loop while working on one phase; a full run (npm test) always runs them all.
const phases = new Set((process.env.E2E_PHASES || 'access,suite,signin,page,code,agent,hosted,vsix').split(',').map((p) => p.trim()));

/**
 * `pagerduty.apiBaseUrl` is machine-scoped (a workspace must not redirect the token), so it goes into the
 * VS Code server's Machine settings, which is where a remote user would put it too.
 */
function dataDirWithSettings(settings: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pd-e2e-data-'));
  onCleanup(() => { if (!process.env.E2E_KEEP) rmSync(dir, { recursive: true, force: true }); });
  mkdirSync(join(dir, 'ud', 'Machine'), { recursive: true });
  writeFileSync(join(dir, 'ud', 'Machine', 'settings.json'), JSON.stringify(settings, null, 2));
  return dir;
}

async function main(): Promise<number> {
  const code = await runAll();
  // Token hygiene: fails the run when any token used in it leaked (see test/e2e/harness/hygieneRun.ts).
  return hygiene && !hygiene.finish() ? code || 1 : code;
}

let hygiene: RunHygiene | undefined;

async function runAll(): Promise<number> {
  run(process.execPath, ['scripts/build.mjs']);
  const testsModule = join(root, 'dist', 'test', 'e2e.js');
  run(process.execPath, ['scripts/e2e/build-tests.mjs', join(root, 'test/e2e/suite/index.ts'), testsModule]);

  const sim = await startSimulator();
  onCleanup(() => sim.close());
  console.log(`[e2e] simulator at ${sim.url}`);
  const env = {
    E2E_PD_URL: sim.url,
    E2E_PD_TOKEN: sim.tokens.user,
    E2E_PD_ACCOUNT_KEY: sim.tokens.accountKey,
    E2E_PD_ME_NAME: sim.me.name,
    E2E_PD_ME_EMAIL: sim.me.email,
  };
  const common = { extensionTestsPath: testsModule, env, screenshotsDir: root, verbose: args.has('--verbose') };
  const agentSim = await agentSimulator();
  // The code phase's account: the default one plus the Payments API service whose traces point into the fixture workspace.
  const codeSim = await startSimulator({ codeIncidents: true });
  onCleanup(() => codeSim.close());
  hygiene = new RunHygiene([
    { label: 'code-phase user token', value: codeSim.tokens.user },
    { label: 'code-phase account key', value: codeSim.tokens.accountKey },
    { label: 'agent-mode user token', value: agentSim.tokens.user },
    { label: 'agent-mode observer token', value: agentSim.tokens.observer },
    { label: 'user token', value: sim.tokens.user },
    { label: 'account key', value: sim.tokens.accountKey },
    { label: 'observer token', value: sim.tokens.observer },
    { label: 'wrong token (command)', value: WRONG_TOKEN_COMMAND },
    { label: 'wrong token (UI)', value: WRONG_TOKEN_UI },
  ]);

  let code = 0;
  if (phases.has('access')) {
    console.log('[e2e] === who can reach the VS Code server (token, Host, Origin) ===');
    await checkServerAccess({ extensionDevelopmentPath: root, dataDir: dataDirWithSettings({ 'pagerduty.apiBaseUrl': sim.url }) });
  }
  if (phases.has('suite')) {
    console.log('[e2e] === extension from the development folder ===');
    const devData = dataDirWithSettings({ 'pagerduty.apiBaseUrl': sim.url });
    const devHygiene = hygiene.phase('dev folder', devData);
    code = await runExtensionTests({ ...common, ...devHygiene, env: { ...env, ...devHygiene.env }, extensionDevelopmentPath: root, dataDir: devData });
    devHygiene.done();
    if (code !== 0) return code;
  }

  if (phases.has('signin')) {
    console.log('[e2e] === interactive sign-in through the UI ===');
    const uiData = dataDirWithSettings({ 'pagerduty.apiBaseUrl': sim.url });
    const uiHygiene = hygiene.phase('UI sign-in', uiData);
    await uiSignIn({
      extensionDevelopmentPath: root,
      dataDir: uiData,
      token: sim.tokens.user,
      expectName: sim.me.name,
      docsDir: join(root, 'docs'),
    });
    uiHygiene.done();
  }

  if (phases.has('page')) {
    console.log('[e2e] === the incident page through the UI ===');
    const pageData = dataDirWithSettings({ 'pagerduty.apiBaseUrl': sim.url });
    const pageHygiene = hygiene.phase('incident page', pageData);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { publisher: string; name: string };
    await uiIncidentPage({ extensionDevelopmentPath: root, dataDir: pageData, sim, docsDir: join(root, 'docs'), extensionId: `${manifest.publisher}.${manifest.name}` });
    pageHygiene.done();
  }

  if (phases.has('code')) {
    code = await codePhase(codeSim, common);
    if (code !== 0) return code;
  }

  if (phases.has('agent')) {
    console.log('[e2e] === Copilot agent mode with a scripted model ===');
    mkdirSync(join(root, '.test-stats'), { recursive: true });
    await runAgentMode({ sim: agentSim, extensionDevelopmentPath: root, docsDir: join(root, 'docs'), hygiene, figuresFile: AGENT_FIGURES });
  }
  if (phases.has('hosted')) {
    code = await hostedPhase(sim, common, env);
    if (code !== 0) return code;
  }
  if (args.has('--no-vsix') || !phases.has('vsix')) return 0;

  console.log('[e2e] === packaged .vsix, installed ===');
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  const vsix = join(root, `${name}-${version}.vsix`);
  run('npx', ['vsce', 'package', '--no-dependencies', '--out', vsix]);
  const installed = await installVsix(vsix);
  console.log(`[e2e] installed ${installed.extensionId}@${installed.version}`);
  // The agent, skill and prompt files are read from the installed folder: the package must carry them.
  const chatFiles = Object.values(contributedPaths()).flat();
  const missing = chatFiles.filter((p) => !existsSync(join(installed.extensionPath, p)));
  if (missing.length) throw new Error(`the .vsix lacks contributed chat files: ${missing.join(', ')}`);
  console.log(`[e2e] the installed package holds the ${chatFiles.length} contributed chat files (agent, skill, prompts)`);
  const vsixData = dataDirWithSettings({ 'pagerduty.apiBaseUrl': sim.url });
  const vsixHygiene = hygiene.phase('vsix', vsixData);
  code = await runExtensionTests({
    ...common,
    ...vsixHygiene,
    extensionsDir: installed.extensionsDir,
    dataDir: vsixData,
    // The second run only re-checks what packaging can break: activation, sign-in, the bundled server.
    env: { ...env, ...vsixHygiene.env, E2E_GREP: process.env.E2E_GREP ?? '/activat|Bearer|server starts|list_incidents/' },
  });
  vsixHygiene.done();
  onCleanup(() => rmSync(installed.extensionsDir, { recursive: true, force: true }));
  return code;
}

/**
 * Incidents meet the code: the fixture workspace (test/fixtures/payments-workspace, whose catalog-info.yaml names the
 * simulator's Payments API) open in the development extension's window; test/e2e/suite/code.e2e.ts checks the rest.
 */
async function codePhase(sim: Awaited<ReturnType<typeof startSimulator>>, common: { extensionTestsPath: string; screenshotsDir: string; verbose: boolean }): Promise<number> {
  console.log('[e2e] === incidents meet the code: the fixture workspace ===');
  const workspaceDir = join(root, 'test', 'fixtures', 'payments-workspace');
  // First the page's frame links, clicked in the UI (a webview is out of the extension tests' reach); the suite after
  // it resolves the incident it clicks.
  const uiData = dataDirWithSettings({ 'pagerduty.apiBaseUrl': sim.url });
  const uiPhase = hygiene!.phase('code links', uiData);
  await uiCodeLinks({ extensionDevelopmentPath: root, dataDir: uiData, workspaceDir, sim, docsDir: join(root, 'docs') });
  uiPhase.done();
  const codeTests = join(root, 'dist', 'test', 'e2e-code.js');
  run(process.execPath, ['scripts/e2e/build-tests.mjs', join(root, 'test/e2e/suite/codeIndex.ts'), codeTests]);
  const data = dataDirWithSettings({ 'pagerduty.apiBaseUrl': sim.url });
  const phase = hygiene!.phase('code', data);
  const env = { E2E_PD_URL: sim.url, E2E_PD_TOKEN: sim.tokens.user, E2E_PD_ACCOUNT_KEY: sim.tokens.accountKey, E2E_PD_ME_NAME: sim.me.name, E2E_PD_ME_EMAIL: sim.me.email };
  const tests = { extensionTestsPath: codeTests, extensionDevelopmentPath: root, dataDir: data, workspaceDir };
  const code = await runExtensionTests({ ...common, ...phase, ...tests, env: { ...env, ...phase.env } });
  phase.done();
  return code;
}

/**
 * Hosted mode against our own `--http` server: VS Code's MCP client talks to it through a recording proxy, which
 * shows the token travelled in each request's Authorization header and nowhere else.
 */
async function hostedPhase(
  sim: Awaited<ReturnType<typeof startSimulator>>,
  common: { extensionTestsPath: string; screenshotsDir: string; verbose: boolean },
  env: Record<string, string>,
): Promise<number> {
  console.log('[e2e] === hosted mode: pagerduty.hostedUrl → our --http server ===');
  const hostedTests = join(root, 'dist', 'test', 'e2e-hosted.js');
  run(process.execPath, ['scripts/e2e/build-tests.mjs', join(root, 'test/e2e/suite/hostedIndex.ts'), hostedTests]);
  const server = await startHttpServer([], { PAGERDUTY_API_HOST: sim.url });
  onCleanup(() => server.close());
  const proxy = await startRecordingProxy(server.url);
  console.log(`[e2e] --http server at ${server.url}, VS Code sent through ${proxy.url}`);
  const data = dataDirWithSettings({ 'pagerduty.apiBaseUrl': sim.url, 'pagerduty.hostedUrl': proxy.url });
  const phase = hygiene!.phase('hosted', data);
  const code = await runExtensionTests({
    ...common,
    ...phase,
    extensionTestsPath: hostedTests,
    env: { ...env, ...phase.env, E2E_HOSTED_URL: proxy.url },
    extensionDevelopmentPath: root,
    dataDir: data,
    // serverMode is application-scoped: VS Code reads it from user settings only, not from the machine's.
    settings: { 'pagerduty.serverMode': 'hosted' },
  });
  // Our server never holds the token: not in its arguments, not in its environment.
  const own = ['cmdline', 'environ'].map((f) => readFileSync(`/proc/${server.proc.pid}/${f}`, 'utf8')).join('\n');
  const inProcess = own.includes(sim.tokens.user) ? 1 : 0;
  await server.close();
  // The --http server's own log is scanned with the phase's files.
  writeFileSync(join(data, 'pd-http-server.log'), server.stderr());
  phase.done();
  await proxy.close();
  const mcp = proxy.requests.filter((r) => new URL(r.url, 'http://x').pathname === '/mcp');
  const placed = tokenPlacement(mcp, sim.tokens.user);
  const posts = mcp.filter((r) => r.method === 'POST').map((r) => (JSON.parse(r.body || '{}') as { method?: string }).method ?? '?');
  console.log(
    `[e2e] hosted: ${mcp.length} requests from VS Code to /mcp (${[...new Set(posts)].join(', ')}); token in the Authorization header of ` +
      `${placed.withHeader}, missing from ${placed.withoutHeader}, elsewhere ${placed.elsewhere.length}${placed.elsewhere.length ? ` (${placed.elsewhere.join('; ')})` : ''}; ` +
      `in the --http server's argv/environment ${inProcess}`,
  );
  if (code !== 0) return code;
  const problems = [
    ...(posts.includes('tools/call') ? [] : ['VS Code made no tools/call through pagerduty.hostedUrl']),
    ...(placed.withoutHeader ? [`${placed.withoutHeader} request(s) without "Authorization: Token token=<token>"`] : []),
    ...(placed.elsewhere.length ? [`the token travelled outside the Authorization header: ${placed.elsewhere.join('; ')}`] : []),
    ...(inProcess ? ['the token is in the --http server\'s argv or environment'] : []),
  ];
  for (const p of problems) console.error(`[e2e] hosted: ${p}`);
  return problems.length ? 1 : 0;
}

main().then(
  async (code) => { await cleanupAll(); process.exit(code); },
  async (error: Error) => { console.error(`[e2e] ${error.stack ?? error.message}`); await cleanupAll(); process.exit(1); },
);
