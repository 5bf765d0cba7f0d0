import { build } from 'esbuild';
import { dirname, join } from 'node:path';
const englishOnlyZodLocales = { name: 'z', setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => /[\\/]zod[\\/]/.test(args.importer) ? { path: join(args.resolveDir, args.path), namespace: 'zod-locales' } : undefined);
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: "export { default as en } from './en.js';", resolveDir: dirname(args.path), loader: 'js' }));
}};
for (const e of process.argv.slice(2)) await build({ plugins: [englishOnlyZodLocales], bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: !process.env.NOMIN, entryPoints: [`scripts/.t21/${e}.ts`], outfile: `/tmp/w21/${e}.js`, define: { __VERSION__: '"1"' } });
