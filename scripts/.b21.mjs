import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
const englishOnlyZodLocales = { name: 'z', setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => /[\\/]zod[\\/]/.test(args.importer) ? { path: join(args.resolveDir, args.path), namespace: 'zod-locales' } : undefined);
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: "export { default as en } from './en.js';", resolveDir: dirname(args.path), loader: 'js' }));
}};
const schemas = readFileSync('/tmp/w21/schemas.json', 'utf8');
await build({ plugins: [englishOnlyZodLocales], bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: false, entryPoints: ['src/mcp/stdio.ts'], outfile: '/tmp/w21/server.js', define: { __VERSION__: '"1"', __PUBLISHED_SCHEMAS__: schemas } });
