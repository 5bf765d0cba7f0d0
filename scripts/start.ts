// `npm start`: a real VS Code (in your browser) running this extension, signed in to a simulated PagerDuty account.
// Builds, starts the seeded simulator, starts the VS Code server with the extension loaded from this folder and
// prints the URL to open. Ctrl-C stops everything it started.
//
// Access: the VS Code server is reachable only through 127.0.0.1:<port>, refuses a foreign Host or Origin, and wants
// its connection token, a random secret that appears only in the URL printed here (see test/e2e/harness/server.ts).
//
// Sign-in: PAGERDUTY_DEV_TOKEN is handed to the extension host, where the extension consumes it once at activation,
// and only in development mode (see src/extension.ts). The API URL goes into the server's Machine settings,
// because `pagerduty.apiBaseUrl` is machine-scoped.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { workbenchUrl } from '../test/e2e/harness/browser';
import { onCleanup, startVSCodeServer } from '../test/e2e/harness';
import { startSimulator } from '../test/simulator';

const root = resolve(__dirname, '..');

async function main() {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });

  const sim = await startSimulator({ port: Number(process.env.SIMULATOR_PORT ?? 0) });
  onCleanup(() => sim.close());

  const dataDir = mkdtempSync(join(tmpdir(), 'pd-start-'));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  mkdirSync(join(dataDir, 'ud', 'Machine'), { recursive: true });
  writeFileSync(join(dataDir, 'ud', 'Machine', 'settings.json'), JSON.stringify({ 'pagerduty.apiBaseUrl': sim.url }, null, 2));
  const workspaceDir = join(dataDir, 'workspace');
  mkdirSync(workspaceDir);
  writeFileSync(
    join(workspaceDir, 'README.md'),
    '# PagerDuty for VS Code: development window\n\nSigned in to the PagerDuty simulator. Try the PagerDuty sidebar, or ask Copilot (agent mode) "which incidents are open?".\n',
  );

  const server = await startVSCodeServer({ dataDir, env: { PAGERDUTY_DEV_TOKEN: sim.tokens.user } });
  const url = workbenchUrl(server, { workspaceDir, extensionDevelopmentPath: root });
  process.stdout.write(
    [
      '',
      `PagerDuty simulator:  ${sim.url}  (signed in as ${sim.me.name} <${sim.me.email}>)`,
      `  user token:         ${sim.tokens.user}`,
      `  account API key:    ${sim.tokens.accountKey}`,
      `VS Code server log:   ${server.logFile}`,
      '',
      'Open VS Code with the extension in your browser (the URL holds this session\'s access token; keep it to yourself):',
      `  ${url}`,
      '',
      'Ctrl-C stops the simulator and VS Code.',
      '',
    ].join('\n'),
  );
  await new Promise(() => undefined); // until Ctrl-C; the harness's signal handlers run the cleanups
}

main().catch((error: Error) => {
  console.error(`npm start failed: ${error.message}`);
  process.exit(1);
});
