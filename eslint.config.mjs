// npm run lint (part of npm test). Layers are kept apart here: which folders may import `vscode`, and which way imports
// between the folders may point (server and model below, VS Code side above).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const VSCODE = { name: 'vscode', message: 'This layer runs without VS Code (server, model, webviews): pass what it needs in.' };

/** Folders above a layer, as import patterns: a layer must not reach up into them. */
const ABOVE = {
  extension: ['**/extension', '**/session', '**/commands/**', '**/auth/**', '**/lm/**', '**/log'],
  views: ['**/views/*', '**/views/**'],
  server: ['**/mcp/*', '**/mcp/**'],
};

/** One no-restricted-imports entry per vscode-free layer: its own rule replaces a broader one for the same files. */
function layer(files, { above = [] }) {
  const message = 'Imports point down: model <- server/views <- extension (see README "Code map").';
  const patterns = above.length ? [{ group: above, message }] : [];
  return { files, rules: { 'no-restricted-imports': ['error', { paths: [VSCODE], patterns }] } };
}

/** The code that calls tools in-process (the VS Code side, the shared model, the card's code in the server). */
const IN_PROCESS = ['src/views/**', 'src/commands/**', 'src/session.ts', 'src/extension.ts', 'src/model/**', 'src/webviews/**', 'src/mcp/apps/**', 'src/mcp/resources.ts'];
/** The typed API, and the two places that build it. */
const THE_DOOR = ['src/model/pagerdutyApi.ts', 'src/session.ts', 'src/mcp/apps/requestApi.ts'];
const READ_ANSWERS = [
  { selector: "MemberExpression[property.name='structuredContent']", message: 'Read tool answers with src/model/toolAnswers.ts or the typed API (src/model/pagerdutyApi.ts).' },
  { selector: "MemberExpression[computed=true][object.property.name='content']", message: 'A result\'s text is resultText(result) or the typed API\'s error.' },
];
const ONE_DOOR = [
  { selector: "CallExpression[callee.name='callTool'], CallExpression[callee.property.name='callTool']", message: 'Call tools through the typed API (session.api, src/model/pagerdutyApi.ts): it names them and types their answers.' },
  { selector: "CallExpression[callee.name='pagerDutyApi']", message: 'The typed API is built once, by the session (session.api; in the server per request, src/mcp/apps/requestApi.ts): take it as a parameter.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench-results/**', '.test-stats/**', 'docs/**', 'media/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // A handler registered first may read a variable assigned after it (see src/mcp/http.ts).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'max-len': ['error', { code: 180, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
    },
  },
  // Tests and scripts read untyped JSON (protocol answers, the simulator's bodies) all the time; benches
  // load modules with require once their fakes are in place.
  { files: ['test/**', 'scripts/**'], rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['src/**'], rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] } },
  { files: ['src/webviews/**'], languageOptions: { globals: { ...globals.browser } } },

  // The shared model (incident references, shapes the server, views and webviews share): below everything.
  // It holds the cleaning code (one set of rules for every channel) the server and the webviews share.
  layer(['src/model/**'], { above: [...ABOVE.extension, ...ABOVE.views, ...ABOVE.server, '**/pagerduty/**', '**/config/**'] }),
  // The REST client: the bottom layer.
  layer(['src/pagerduty/**'], { above: [...ABOVE.extension, ...ABOVE.views, ...ABOVE.server, '**/config/**', '**/contributions'] }),
  // The MCP server and its tools.
  layer(['src/mcp/**'], { above: [...ABOVE.extension, ...ABOVE.views] }),
  // Launch data and settings shapes; the sidebar's and page's models; the code that runs in a webview or the card.
  layer(['src/config/settings.ts', 'src/config/serverLaunch.ts', 'src/contributions.ts'], { above: [...ABOVE.extension, ...ABOVE.views] }),
  layer(['src/views/stores/**', 'src/views/incidentPage/investigate.ts'], { above: ABOVE.extension }),
  layer(['src/webviews/**'], { above: [...ABOVE.extension, ...ABOVE.views, ...ABOVE.server] }),
  // The commit lookup behind the language-model tool: plain Node (git through execFile), testable without VS Code.
  layer(['src/lm/commitLookup.ts'], { above: [...ABOVE.extension, ...ABOVE.views] }),

  // In-process callers read tool answers through the typed API (src/model/pagerdutyApi.ts) and its readers, never by hand,
  // and reach the tools only through it: one API, built by the session (session.api) and, per request, for the card.
  {
    files: [...IN_PROCESS],
    ignores: ['src/model/toolAnswers.ts', ...THE_DOOR],
    rules: { 'no-restricted-syntax': ['error', ...READ_ANSWERS, ...ONE_DOOR] },
  },
  { files: THE_DOOR, rules: { 'no-restricted-syntax': ['error', ...READ_ANSWERS] } },
);
