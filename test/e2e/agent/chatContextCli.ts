// Runs only the chat-context checks (elicitation, MCP resources, Add to Chat) in one window:
//   flock /tmp/pd-vscode.lock npx tsx test/e2e/agent/chatContextCli.ts   (scripts/e2e/setup.sh and npm run build first)
import { resolve } from 'node:path';
import { cleanupAll } from '../harness';
import { agentSimulator, check, withWindow } from './agentMode';
import { runChatContext } from './chatContext';
import { installScriptedModel } from './modelVsix';

const root = resolve(__dirname, '..', '..', '..');
async function main() {
  const sim = await agentSimulator();
  const { extensionsDir } = await installScriptedModel();
  const opts = { sim, extensionDevelopmentPath: root, docsDir: resolve(root, 'docs') };
  await runChatContext({
    sim,
    docsDir: opts.docsDir,
    check,
    window: (name, script, fn) => withWindow({ name, sim, token: sim.tokens.user, writes: true, script, extensionsDir, opts }, fn),
  });
}
main().then(
  async () => { await cleanupAll(); process.exit(0); },
  async (error: Error) => { console.error(`[agent] ${error.stack ?? error.message}`); await cleanupAll(); process.exit(1); },
);
