/**
 * dist/mcp-server.js: turns on V8's compile cache where the runtime has it (Node 22.1+, as in VS Code's extension host),
 * then loads the server bundle, which is then read from the cache instead of compiled on each start. Node 20 lacks it and
 * simply loads the bundle.
 */
import module from 'node:module';

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the cache is on, from the built bundle
require('./mcp-server-core.js');
