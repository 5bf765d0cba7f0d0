/**
 * dist/mcp-server.js: loads the server bundle (mcp-server-core.js) through V8's code cache, so a start reads what an
 * earlier one compiled instead of compiling the bundle again (see codeCache.ts).
 */
import { join } from 'node:path';
import { requireWithCodeCache } from './codeCache';

requireWithCodeCache(join(__dirname, 'mcp-server-core.js'), module);
