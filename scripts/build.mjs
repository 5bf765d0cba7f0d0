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
 * The SDK's Server builds an Ajv instance (with formats, compiling its meta-schemas) when constructed, for the one
 * JSON Schema check it makes: an elicitation answer. Ajv (~135 KB, a fifth of the server) lives in its own file beside
 * the server, read and built on that first answer instead of being parsed on every start.
 */
const AJV_FILE = 'mcp-server-ajv.js';
const ajvOnFirstUse = {
  name: 'ajv-on-first-use',
  setup(b) {
    // The SDK's Server imports it as ../validation/ajv-provider.js, our server (one validator for all) by its package path.
    b.onResolve({ filter: /(\/validation\/ajv-provider\.js|^@modelcontextprotocol\/sdk\/validation\/ajv)$/ }, (args) =>
      /@modelcontextprotocol[\\/]sdk[\\/].*[\\/]server[\\/]index\.js$|[\\/]src[\\/]/.test(args.importer) ? { path: args.path, namespace: 'ajv-on-first-use' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'ajv-on-first-use' }, () => ({
      contents: `let real;
export class AjvJsonSchemaValidator {
  getValidator(schema) {
    real ??= new (require(require('node:path').join(__dirname, ${JSON.stringify(AJV_FILE)})).AjvJsonSchemaValidator)();
    return real.getValidator(schema);
  }
}`,
      loader: 'js',
    }));
  },
};

/**
 * The SDK accepts zod 3 schemas beside zod 4 ones, so it bundles zod 3 and a zod 3 JSON Schema converter (~75 KB, parsed
 * on every start). This server only builds zod 4 schemas: those two resolve to stubs that say so if ever reached.
 */
const zod4Only = {
  name: 'zod-4-only',
  setup(b) {
    b.onResolve({ filter: /^(zod\/v3|zod-to-json-schema)$/ }, (args) =>
      /@modelcontextprotocol[\\/]sdk[\\/]/.test(args.importer) ? { path: args.path, namespace: 'zod-4-only' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-4-only' }, (args) => {
      const name = args.path === 'zod/v3' ? 'object' : 'zodToJsonSchema';
      return { contents: `export function ${name}() { throw new Error('zod 3 schemas are not supported here: use zod 4'); }`, loader: 'js' };
    });
  },
};

/**
 * The SDK's types.js builds ~170 zod schemas at load, each a top-level const whose call esbuild must keep (it cannot
 * know a call is free of side effects). Each initialiser is wrapped in an IIFE marked pure, so the schemas nothing in
 * the bundle uses are dropped; the used ones are built as before. Found with TypeScript's parser, not by text.
 */
const pureSdkSchemas = {
  name: 'pure-sdk-schemas',
  setup(b) {
    b.onLoad({ filter: /[\\/]@modelcontextprotocol[\\/]sdk[\\/]dist[\\/]esm[\\/]types\.js$/ }, async (args) => {
      const ts = (await import('typescript')).default;
      const text = readFileSync(args.path, 'utf8');
      const file = ts.createSourceFile(args.path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
      const edits = [];
      for (const statement of file.statements) {
        if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
        for (const d of statement.declarationList.declarations) {
          if (d.initializer && ts.isCallExpression(d.initializer)) edits.push([d.initializer.getStart(file), d.initializer.end]);
        }
      }
      let out = text;
      for (const [start, end] of edits.reverse()) out = `${out.slice(0, start)}/* @__PURE__ */ (() => ${out.slice(start, end)})()${out.slice(end)}`;
      return { contents: out, loader: 'js' };
    });
  },
};

const common = {
  plugins: [englishOnlyZodLocales, ajvOnFirstUse, zod4Only, pureSdkSchemas],
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
    stdin: { contents: "export { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';", resolveDir: '.' },
    outfile: `dist/${AJV_FILE}`,
  }),
  // Two files: Node's compile cache covers only what is loaded after the small entry turned it on (src/mcp/entry.ts).
  build({ ...common, entryPoints: ['src/mcp/entry.ts'], outfile: 'dist/mcp-server.js' }),
  build({ ...common, entryPoints: ['src/mcp/stdio.ts'], outfile: 'dist/mcp-server-core.js', define: { ...common.define, __PUBLISHED_SCHEMAS__: schemas } }),
  buildIncidentPage({ production }),
]);
