// npm run package:plugin: builds dist/plugin/, one agent plugin folder for Copilot CLI, VS Code's agent plugins and
// Claude Code, and dist/pagerduty-plugin-<version>.tgz of it, from the same sources as the extension: the bundled
// server (run with plain `node`, nothing to install), media/chat/'s agent, skill and prompt files (as commands).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { TOKEN_ENV } from '../src/config/serverLaunch';
import { joinFrontMatter, pluginAgent, splitFrontMatter } from './plugin/frontMatter';
import { pluginText } from './plugin/hostText';

const root = resolve(__dirname, '..');
const out = join(root, 'dist', 'plugin');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const chat = join(root, 'media', 'chat');
/** The MCP server's name: Copilot CLI shows its tools as `pagerduty-<tool>`, and agents name them `pagerduty/<tool>`. */
const SERVER = 'pagerduty';
/** Files the server bundle needs beside it (scripts/build.mjs). */
const SERVER_FILES = ['mcp-server.js', 'mcp-server-core.js', 'mcp-server-ajv.js', 'mcp-apps/incident-card.html'];
function write(rel: string, text: string) {
  const file = join(out, rel);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
}

/** The agent, made portable (plugin/frontMatter.ts). */
function agent() {
  const file = join(chat, 'pagerduty-incident-expert.agent.md');
  write('agents/pagerduty-incident-expert.md', pluginAgent(readFileSync(file, 'utf8'), file, pkg));
}

function skills() {
  for (const name of readdirSync(join(chat, 'skills'))) {
    const file = join(chat, 'skills', name, 'SKILL.md');
    write(`skills/${name}/SKILL.md`, pluginText('skill', readFileSync(file, 'utf8'), file));
  }
}

/** Prompts built on a tool only the extension has (pagerduty_incidents_for_code reads the editor's workspace). */
const EXTENSION_ONLY_PROMPTS = new Set(['pagerduty-check-change.prompt.md']);

/** Prompt files as commands: `${input:x}` becomes the command's `$ARGUMENTS` (Claude Code's and Copilot CLI's form). */
function commands() {
  for (const name of readdirSync(join(chat, 'prompts')).filter((f) => f.endsWith('.prompt.md') && !EXTENSION_ONLY_PROMPTS.has(f))) {
    const file = join(chat, 'prompts', name);
    const { meta, body } = splitFrontMatter(pluginText('prompt', readFileSync(file, 'utf8'), file), file);
    const command = { description: meta.description, 'argument-hint': meta['argument-hint'] };
    write(`commands/${basename(name, '.prompt.md')}.md`, joinFrontMatter(command, body.replace(/\$\{input:[\w-]+\}/g, '$ARGUMENTS')));
  }
}

/**
 * The server runs from inside the plugin with plain `node`. The token is only referenced: the host fills
 * `${PAGERDUTY_USER_API_KEY}` from its own environment, so it is never written in the plugin nor in the host's logs.
 * The other settings (region, write tools, toolsets) are inherited from that environment as they are.
 */
function mcpConfig() {
  const server = {
    type: 'stdio',
    command: 'node',
    args: ['${CLAUDE_PLUGIN_ROOT}/server/mcp-server.js'],
    env: { [TOKEN_ENV]: `\${${TOKEN_ENV}}` },
    tools: ['*'],
  };
  write('.mcp.json', `${JSON.stringify({ mcpServers: { [SERVER]: server } }, null, 2)}\n`);
}

/**
 * One manifest in the Copilot format's place (.github/plugin/: Copilot CLI, VS Code) and Claude Code's (.claude-plugin/),
 * with the same paths from the plugin root. Not at the root: there VS Code reads plugin.json as an Agent Plugins 1.0
 * manifest, which takes agents and commands only from a com.github.copilot/ folder.
 */
function manifest() {
  const text = `${JSON.stringify(
    {
      name: SERVER,
      version: pkg.version,
      description: 'PagerDuty incidents, on-call and schedules for AI agents: the PagerDuty MCP server, the PagerDuty Incident Expert agent, an incident-management skill and commands.',
      author: { name: pkg.publisher },
      license: pkg.license,
      repository: pkg.repository.url,
      keywords: pkg.keywords,
      agents: './agents/',
      skills: './skills/',
      commands: './commands/',
      mcpServers: './.mcp.json',
    },
    null,
    2,
  )}\n`;
  write('.github/plugin/plugin.json', text);
  write('.claude-plugin/plugin.json', text);
}

function main() {
  const missing = SERVER_FILES.filter((f) => !existsSync(join(root, 'dist', f)));
  if (missing.length) throw new Error(`dist/${missing[0]} is missing: build the server first (npm run build, or npm run package:plugin, which does).`);
  rmSync(out, { recursive: true, force: true });
  for (const f of SERVER_FILES) {
    mkdirSync(join(out, 'server', f, '..'), { recursive: true });
    cpSync(join(root, 'dist', f), join(out, 'server', f));
  }
  agent();
  skills();
  commands();
  mcpConfig();
  manifest();
  cpSync(join(root, 'LICENSE'), join(out, 'LICENSE'));
  const archive = join(root, 'dist', `pagerduty-plugin-${pkg.version}.tgz`);
  execFileSync('tar', ['-czf', archive, '-C', out, '.']);
  console.log(`plugin: ${out}\narchive: ${archive}`);
}

try {
  main();
} catch (error) {
  // A build-time check (a phrase gone from media/chat/, a missing bundle) is reported as its message alone.
  console.error(`package:plugin: ${(error as Error).message}`);
  process.exit(1);
}
