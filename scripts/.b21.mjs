import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
const schemas = readFileSync('/tmp/w21/schemas.json', 'utf8');
await build({ bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: false, entryPoints: ['src/mcp/stdio.ts'], outfile: '/tmp/w21/server.js', define: { __VERSION__: '"1"', __PUBLISHED_SCHEMAS__: schemas } });
