/**
 * dist/mcp-server.js: checks the runtime, turns on Node's compile cache (compileCache.ts), then loads the server bundle
 * (mcp-server-core.js). Node caches only what is loaded after the cache is on, so the bundle is a file of its own.
 */
import { join } from 'node:path';
import { enableCompileCache } from './compileCache';
import { nodeVersionProblem } from './nodeVersion';
import { log } from './stderrLog';

const problem = nodeVersionProblem(process.versions.node, process.execPath);
if (problem) {
  log(problem);
  process.exit(1);
}
enableCompileCache(process.env, log);
// The bundle beside this file, loaded at run time (not bundled in): only then does the cache cover it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(join(__dirname, 'mcp-server-core.js'));
