// Command line entry: run a bundled extension-tests module inside a real VS Code.
//   tsx test/e2e/harness/cli.ts --extension <dir> --tests <file.js> [--workspace <dir>]
//       [--screenshots <dir>] [--timeout <ms>] [--vsix <file>] [--verbose]
// With --vsix the packaged extension is installed into a fresh extensions dir and used
// instead of --extension (which is then optional).
import { parseArgs } from 'node:util';
import { cleanupAll } from './cleanup';
import { runExtensionTests } from './extensionTests';
import { installVsix } from './vsix';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      extension: { type: 'string' }, tests: { type: 'string' }, workspace: { type: 'string' },
      screenshots: { type: 'string' }, timeout: { type: 'string' }, vsix: { type: 'string' },
      verbose: { type: 'boolean' },
    },
  });
  if (!values.tests) throw new Error('--tests <bundled tests module> is required');
  if (!values.extension && !values.vsix) throw new Error('pass --extension <dir> or --vsix <file>');
  let extensionsDir: string | undefined;
  if (values.vsix) {
    const installed = await installVsix(values.vsix);
    console.log(`[e2e] installed ${installed.extensionId}@${installed.version} into ${installed.extensionsDir}`);
    extensionsDir = installed.extensionsDir;
  }
  return runExtensionTests({
    extensionDevelopmentPath: values.vsix ? undefined : values.extension,
    extensionTestsPath: values.tests,
    workspaceDir: values.workspace,
    screenshotsDir: values.screenshots,
    timeoutMs: values.timeout ? Number(values.timeout) : undefined,
    extensionsDir,
    verbose: values.verbose,
  });
}

main().then(
  async (code) => { await cleanupAll(); process.exit(code); },
  async (err: Error) => { console.error(`[e2e] ${err.message}`); await cleanupAll(); process.exit(1); },
);
