// The front matter of media/chat's files for plugin hosts: read, written, and the agent's made portable.
import yaml from 'js-yaml';
import { pluginText } from './hostText';

/** Front matter only VS Code reads: Copilot CLI warns about it and Claude Code ignores it. */
const VSCODE_ONLY_FIELDS = ['argument-hint', 'handoffs', 'agent'];

export function splitFrontMatter(text: string, file: string): { meta: Record<string, unknown>; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`${file}: no front matter`);
  return { meta: yaml.load(m[1]) as Record<string, unknown>, body: m[2] };
}

export function joinFrontMatter(meta: Record<string, unknown>, body: string): string {
  return `---\n${yaml.dump(meta, { lineWidth: -1 })}---\n${body}`;
}

/**
 * The agent for plugin hosts: VS Code-only fields dropped; its tools keep VS Code's names, which Copilot's runtime
 * maps to its own, except the extension's own tools (`<publisher>.<name>/<tool>`, e.g. pagerduty_commit), which no
 * plugin host has; then its text with the hosts' lines (hostText.ts).
 */
export function pluginAgent(text: string, file: string, extension: { publisher: string; name: string }): string {
  const { meta, body } = splitFrontMatter(text, file);
  for (const f of VSCODE_ONLY_FIELDS) delete meta[f];
  const extensionTool = `${extension.publisher}.${extension.name}/`;
  meta.tools = (meta.tools as string[]).filter((t) => !t.startsWith(extensionTool));
  return pluginText('agent', joinFrontMatter(meta, body), file);
}
