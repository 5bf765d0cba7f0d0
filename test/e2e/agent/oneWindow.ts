// Runs one window's agent-mode checks alone (a quicker loop than the whole agent phase): the simulator, the scripted
// model and one signed-in window, then a clean exit. Used by chatContextCli.ts, chatCustomizationsCli.ts,
// commitLookupCli.ts and hostedExpertCli.ts.
import { resolve } from 'node:path';
import type { Simulator } from '../../simulator';
import { cleanupAll } from '../harness';
import { agentSimulator, check, withWindow } from './agentMode';
import { installScriptedModel } from './modelVsix';
import type { Script } from './script';

type WindowFn = Parameters<typeof withWindow>[1];
export interface OneWindowHost {
  sim: Simulator;
  docsDir: string;
  check: typeof check;
  /** A signed-in window running `script`; `workspaceDir` is the folder it opens (default an empty one); `settings` are more user settings. */
  window(name: string, script: Script, fn: WindowFn, workspaceDir?: string, settings?: Record<string, unknown>): Promise<void>;
}

export function runOneWindow(writes: boolean, run: (host: OneWindowHost) => Promise<void>): void {
  const root = resolve(__dirname, '..', '..', '..');
  const main = async () => {
    const sim = await agentSimulator();
    const { extensionsDir } = await installScriptedModel();
    const opts = { sim, extensionDevelopmentPath: root, docsDir: resolve(root, 'docs') };
    const window: OneWindowHost['window'] = (name, script, fn, workspaceDir, settings) =>
      withWindow({ name, sim, token: sim.tokens.user, writes, script, extensionsDir, opts, workspaceDir, settings }, fn);
    await run({ sim, docsDir: opts.docsDir, check, window });
  };
  main().then(
    async () => { await cleanupAll(); process.exit(0); },
    async (error: Error) => { console.error(`[agent] ${error.stack ?? error.message}`); await cleanupAll(); process.exit(1); },
  );
}

