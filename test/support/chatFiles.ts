// The chat customizations package.json contributes (chatAgents, chatSkills, chatPromptFiles), read the way VS Code
// reads them: the file at each `path`, its YAML front matter and its body. Shared by the unit test and the e2e checks.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';

export const ROOT = path.resolve(__dirname, '..', '..');

export type ChatKind = 'chatAgents' | 'chatSkills' | 'chatPromptFiles';
export const CHAT_KINDS: readonly ChatKind[] = ['chatAgents', 'chatSkills', 'chatPromptFiles'];

export interface ChatFile {
  kind: ChatKind;
  /** As written in package.json, relative to the extension root. */
  path: string;
  file: string;
  header: Record<string, unknown>;
  body: string;
}

/** The `{ path }` entries package.json contributes, per kind. */
export function contributedPaths(): Record<ChatKind, string[]> {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: Partial<Record<ChatKind, { path: string }[]>> };
  return Object.fromEntries(CHAT_KINDS.map((kind) => [kind, (manifest.contributes[kind] ?? []).map((entry) => entry.path)])) as Record<ChatKind, string[]>;
}

/** Front matter between the first two `---` lines (VS Code's rule), parsed as YAML; the rest is the body. */
export function parseChatFile(text: string): { header: Record<string, unknown>; body: string } {
  const lines = text.split(/\r?\n/);
  if (!/^---\s*$/.test(lines[0] ?? '')) throw new Error('no front matter: the file must start with a --- line');
  const end = lines.findIndex((line, i) => i > 0 && /^---\s*$/.test(line));
  if (end < 0) throw new Error('front matter is not closed by a --- line');
  const header = load(lines.slice(1, end).join('\n'));
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw new Error('front matter must be key: value pairs');
  return { header: header as Record<string, unknown>, body: lines.slice(end + 1).join('\n') };
}

export function readChatFiles(): ChatFile[] {
  const paths = contributedPaths();
  return CHAT_KINDS.flatMap((kind) =>
    paths[kind].map((p) => {
      const file = path.resolve(ROOT, p);
      if (!existsSync(file)) throw new Error(`${kind} entry ${p} does not exist`);
      return { kind, path: p, file, ...parseChatFile(readFileSync(file, 'utf8')) };
    }),
  );
}

/** The one custom agent, the one skill and the prompt files, by kind. */
export function chatContributions() {
  const files = readChatFiles();
  const of = (kind: ChatKind) => files.filter((f) => f.kind === kind);
  const [agent] = of('chatAgents');
  const [skill] = of('chatSkills');
  if (!agent || !skill) throw new Error('package.json must contribute the agent and the skill');
  return { agent, skill, prompts: of('chatPromptFiles') };
}

/**
 * This extension's language-model tools (package.json `languageModelTools`), by the full reference name an agent's
 * `tools:` list uses (VS Code 1.139: `<extension id, lower case>/<toolReferenceName>`), with the name the model sees.
 */
export const EXTENSION_TOOLS: Readonly<Record<string, string>> = (() => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    contributes: { languageModelTools?: { name: string; toolReferenceName?: string }[] };
  };
  const id = `${manifest.publisher}.${manifest.name}`.toLowerCase();
  return Object.fromEntries((manifest.contributes.languageModelTools ?? []).map((t) => [`${id}/${t.toolReferenceName ?? t.name}`, t.name]));
})();

/**
 * The tools the agent may list besides its MCP server's, by full reference name, with the name the model sees: VS
 * Code's built-ins (toolset/tool, from Copilot Chat's languageModelToolSets in 1.139), and this extension's own.
 * No terminal: the agent reads PagerDuty text anyone can write, so git goes through pagerduty_commit only.
 */
export const BUILT_IN_TOOLS: Readonly<Record<string, string>> = {
  'search/codebase': 'semantic_search',
  'search/textSearch': 'grep_search',
  'search/fileSearch': 'file_search',
  'search/changes': 'get_changed_files',
  'read/readFile': 'read_file',
  'read/skill': 'skill',
  ...EXTENSION_TOOLS,
};

/** Tools that run commands (a terminal, a task, a shell), by reference or model name, in VS Code 1.139 and later. */
export const COMMAND_RUNNING_TOOL = /terminal|execute|runCommand|runTask|run_task|createAndRunTask|shell|runTests|run_tests|runNotebook|run_notebook|runVscodeCommand/i;

/** `pagerduty/<tool>` entries of an agent's or prompt's `tools:` list, as bare tool names. */
export function pagerDutyToolsOf(file: ChatFile, server = 'pagerduty'): string[] {
  const tools = (file.header.tools ?? []) as string[];
  return tools.filter((t) => t.startsWith(`${server}/`)).map((t) => t.slice(server.length + 1));
}
