// Runs only the Incident Expert / skill / prompt-file checks in their window:
//   flock /tmp/pd-e2e.lock npx tsx test/e2e/agent/chatCustomizationsCli.ts   (scripts/e2e/setup.sh and npm run build first)
import { resolve } from 'node:path';
import { cleanupAll } from '../harness';
import { agentSimulator, check, withWindow } from './agentMode';
import { runChatCustomizations } from './chatCustomizations';
import { installScriptedModel } from './modelVsix';

const root = resolve(__dirname, '..', '..', '..');
async function main() {
  const sim = await agentSimulator();
  const { extensionsDir } = await installScriptedModel();
  const opts = { sim, extensionDevelopmentPath: root, docsDir: resolve(root, 'docs') };
  await runChatCustomizations({ sim, docsDir: opts.docsDir, check, window: (name, script, fn) => withWindow({ name, sim, token: sim.tokens.user, writes: false, script, extensionsDir, opts }, fn) });
}
main().then(
  async () => { await cleanupAll(); process.exit(0); },
  async (error: Error) => { console.error(`[agent] ${error.stack ?? error.message}`); await cleanupAll(); process.exit(1); },
);
