// Bundles the extension (vscode external) and the self-contained MCP server; see the esbuild-sample layout.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildIncidentCard } from './build-mcp-app.mjs';
import { buildIncidentPage } from './build-webview.mjs';

const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * zod re-exports all ~50 message locales from its namespace, which defeats tree shaking (~250 KB of the server bundle,
 * parsed on every server start). Only English is used: the locale index resolves to English alone.
 */
const englishOnlyZodLocales = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: join(args.resolveDir, args.path), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * The SDK's Node entry imports Ajv (with formats, ~135 KB, a fifth of the server) through its runtime shims, as the
 * default validator, though our server passes its own and uses it for one check only: an elicitation answer. Ajv lives
 * in its own file beside the server, read and built on that first answer instead of being parsed on every start.
 */
const AJV_FILE = 'mcp-server-ajv.js';
const ajvOnFirstUse = {
  name: 'ajv-on-first-use',
  setup(b) {
    // The SDK imports its shims (Ajv as DefaultJsonSchemaValidator, and process), our server the validator by its path.
    b.onResolve({ filter: /^@modelcontextprotocol\/server\/(_shims|validators\/ajv)$/ }, (args) => ({ path: args.path, namespace: 'ajv-on-first-use' }));
    b.onLoad({ filter: /.*/, namespace: 'ajv-on-first-use' }, () => ({
      contents: `let real;
export class AjvJsonSchemaValidator {
  getValidator(schema) {
    real ??= new (require(require('node:path').join(__dirname, ${JSON.stringify(AJV_FILE)})).AjvJsonSchemaValidator)();
    return real.getValidator(schema);
  }
}
export { AjvJsonSchemaValidator as DefaultJsonSchemaValidator };
export { default as process } from 'node:process';`,
      loader: 'js',
    }));
  },
};

const common = {
  plugins: [englishOnlyZodLocales, ajvOnFirstUse],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { __VERSION__: JSON.stringify(version) },
};

/** tools/list schemas computed now, once, and compiled into the server (see publishedSchemas in src/mcp/registry.ts). */
async function precomputedSchemas() {
  const dir = mkdtempSync(join(tmpdir(), 'pd-schemas-'));
  try {
    const outfile = join(dir, 'schemas.cjs');
    await build({ ...common, sourcemap: false, minify: false, entryPoints: ['scripts/published-schemas.ts'], outfile });
    // A string literal in the bundle (see precomputedSchemas).
    return JSON.stringify(JSON.stringify(createRequire(import.meta.url)(outfile).schemas));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const schemas = await precomputedSchemas();
// Beside the server bundle, read only for MCP Apps hosts (src/mcp/apps/incidentCard.ts).
mkdirSync('dist/mcp-apps', { recursive: true });
writeFileSync('dist/mcp-apps/incident-card.html', await buildIncidentCard({ production, plugins: [englishOnlyZodLocales] }));
await Promise.all([
  build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({
    ...common,
    // Built without the plugin: this file is the real Ajv the stand-in loads.
    plugins: [englishOnlyZodLocales],
    stdin: { contents: "export { AjvJsonSchemaValidator } from '@modelcontextprotocol/server/validators/ajv';", resolveDir: '.' },
    outfile: `dist/${AJV_FILE}`,
  }),
  // Two files: Node's compile cache covers only what is loaded after the small entry turned it on (src/mcp/entry.ts).
  build({ ...common, entryPoints: ['src/mcp/entry.ts'], outfile: 'dist/mcp-server.js' }),
  build({ ...common, entryPoints: ['src/mcp/stdio.ts'], outfile: 'dist/mcp-server-core.js', define: { ...common.define, __PUBLISHED_SCHEMAS__: schemas } }),
  buildIncidentPage({ production }),
]);
