// Runs only the agent-mode checks: npx tsx test/e2e/agent/cli.ts   (scripts/e2e/setup.sh and npm run build first)
import { resolve } from 'node:path';
import { cleanupAll } from '../harness';
import { agentSimulator, runAgentMode } from './agentMode';

const root = resolve(__dirname, '..', '..', '..');
agentSimulator().then((sim) => runAgentMode({ sim, extensionDevelopmentPath: root, docsDir: resolve(root, 'docs') })).then(
  async () => { await cleanupAll(); process.exit(0); },
  async (error: Error) => { console.error(`[agent] ${error.stack ?? error.message}`); await cleanupAll(); process.exit(1); },
);
