// Bundles the e2e tests (suite + runner + their imports) into one CommonJS module that the
// extension host loads via extensionTestsPath. `vscode` is provided by the host.
//   node scripts/e2e/build-tests.mjs [entry=test/e2e/suite/index.ts] [outfile=dist/test/e2e.js]
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = resolve(process.argv[2] ?? resolve(root, 'test/e2e/suite/index.ts'));
const outfile = resolve(process.argv[3] ?? resolve(root, 'dist/test/e2e.js'));

try {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
    // Let bundled files outside the repo (e.g. throwaway suites) still resolve the repo's packages.
    nodePaths: [resolve(root, 'node_modules')],
  });
  console.log(`[e2e] bundled ${entry} -> ${outfile}`);
} catch (err) {
  console.error(`[e2e] bundling ${entry} failed: ${err.message}`);
  process.exit(1);
}
