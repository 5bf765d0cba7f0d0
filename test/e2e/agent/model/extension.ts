// A test-only language model for Copilot agent mode (see test/e2e/agent/script.ts for its contract). Bundled and
// packaged as its own .vsix by test/e2e/agent/modelVsix.ts and installed beside the PagerDuty extension.
import { appendFileSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { MODEL_ID, MODEL_NAME, MODEL_VENDOR, SPILLED_RESULT, type LoggedMessage, type LoggedPart, type ModelRequest, type Script, type Step } from '../script';

// @types/vscode 1.101 predates the final chat provider API (1.104): the few members used are typed here.
interface ChatTool { name: string; description?: string }
interface ChatOptions { tools?: readonly ChatTool[] }
interface Progress { report(part: unknown): void }
interface ChatMessage { role: number; content: readonly unknown[] }
interface LmWithProviders {
  registerLanguageModelChatProvider(vendor: string, provider: unknown): vscode.Disposable;
  selectChatModels(selector: { vendor: string }): Thenable<unknown[]>;
}
const lm = vscode.lm as unknown as LmWithProviders;
const USER_ROLE = 1;
const ASSISTANT_ROLE = 2;

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    lm.registerLanguageModelChatProvider(MODEL_VENDOR, {
      provideLanguageModelChatInformation: async () => [{
        id: MODEL_ID, name: MODEL_NAME, family: MODEL_ID, version: '1', tooltip: MODEL_NAME, detail: 'e2e',
        maxInputTokens: 400_000, maxOutputTokens: 16_000, capabilities: { toolCalling: true, imageInput: false },
      }],
      provideLanguageModelChatResponse: async (_model: unknown, messages: readonly ChatMessage[], options: ChatOptions, progress: Progress) => {
        respond(messages, options, progress);
      },
      provideTokenCount: async (_model: unknown, text: unknown) => Math.ceil(textOf(text).length / 4),
    }),
  );
  // The workbench asks providers for models lazily; resolving the vendor once makes the model selectable at once.
  void lm.selectChatModels({ vendor: MODEL_VENDOR });
}

function respond(messages: readonly ChatMessage[], options: ChatOptions, progress: Progress): void {
  const logged = messages.map(logMessage);
  const { request, index } = userRequest(logged);
  const step = logged.slice(index + 1).filter((m) => m.role === 'assistant' && !m.parts.some(isFollowUpRead)).length;
  const scenario = readScript().scenarios.find((s) => request.includes(s.match));
  const tools = (options.tools ?? []).map((t) => t.name);
  const planned: Step | undefined = scenario?.steps[step];
  const spilled = spilledResult(logged.at(-1));
  const readFile = tools.find((t) => t === READ_FILE || t.endsWith('_readFile'));
  let reply: ModelRequest['reply'];
  if (spilled && readFile) {
    // Copilot writes tool results over 8 KB to a file and tells the model to read it: do what a model would.
    reply = { tool: readFile, input: { filePath: spilled, startLine: 1, endLine: 100_000 } };
    progress.report(new vscode.LanguageModelToolCallPart(`read_${Date.now()}`, readFile, reply.input as object));
  } else if (planned && 'tool' in planned) {
    const name = tools.find((t) => t === planned.tool || t.endsWith(`_${planned.tool}`));
    if (name) {
      reply = { tool: name, input: planned.input };
      progress.report(new vscode.LanguageModelToolCallPart(`call_${Date.now()}_${step}`, name, planned.input));
    } else {
      reply = { text: `TOOL NOT OFFERED: ${planned.tool}` };
    }
  } else {
    reply = { text: planned?.text ?? `(scripted model: nothing scripted for step ${step})` };
  }
  if (reply.text !== undefined) progress.report(new vscode.LanguageModelTextPart(reply.text));
  const folded = foldedTools(options.tools ?? []);
  const record: ModelRequest = { at: new Date().toISOString(), userRequest: request, scenario: scenario?.match, step, tools, folded, messages: logged, reply };
  if (process.env.E2E_MODEL_LOG) appendFileSync(process.env.E2E_MODEL_LOG, `${JSON.stringify(record)}\n`);
}

const READ_FILE = 'read_file';

/**
 * Copilot offers at most 88 tools a request and folds the rest of a large tool set into "activate_…" tools whose
 * description lists what they hold ("Contains the tools: a, b"); the model calls one to get them.
 */
function foldedTools(tools: readonly ChatTool[]): Record<string, string[]> {
  const folded: Record<string, string[]> = {};
  for (const tool of tools) {
    const listed = tool.name.startsWith('activate_') ? /Contains the tools: ([^<\n]+)/.exec(tool.description ?? '') : null;
    if (listed) folded[tool.name] = listed[1]!.split(',').map((n) => n.trim().replace(/\.$/, '')).filter(Boolean);
  }
  return folded;
}

/** The file a spilled tool result was written to, when the last message carries one. */
function spilledResult(message: LoggedMessage | undefined): string | undefined {
  for (const part of message?.parts ?? []) {
    const match = part.type === 'toolResult' ? SPILLED_RESULT.exec(part.text.trim()) : null;
    if (match) return match[1]!.trim();
  }
  return undefined;
}

function isFollowUpRead(part: LoggedPart): boolean {
  return part.type === 'toolCall' && (part.name === READ_FILE || part.name.endsWith('_readFile')) && String((part.input as { filePath?: string })?.filePath).includes('chat-session-resources');
}

function readScript(): Script {
  try {
    return JSON.parse(readFileSync(process.env.E2E_MODEL_SCRIPT ?? '', 'utf8')) as Script;
  } catch {
    return { scenarios: [] };
  }
}

/** Copilot wraps the typed request in <userRequest>; other requests (titles, summaries) fall back to the last user text. */
function userRequest(messages: LoggedMessage[]): { request: string; index: number } {
  for (let i = messages.length - 1; i >= 0; i--) {
    const text = messages[i]!.parts.map((p) => (p.type === 'text' ? p.text : '')).join('\n');
    const match = /<userRequest>([\s\S]*?)<\/userRequest>/.exec(text);
    if (messages[i]!.role === 'user' && match) return { request: match[1]!.trim(), index: i };
  }
  const last = [...messages].reverse().find((m) => m.role === 'user');
  return { request: last?.parts.map((p) => ('text' in p ? p.text : '')).join('\n') ?? '', index: messages.length - 1 };
}

function logMessage(message: ChatMessage): LoggedMessage {
  const role = message.role === USER_ROLE ? 'user' : message.role === ASSISTANT_ROLE ? 'assistant' : 'system';
  return { role, parts: message.content.map(logPart) };
}

function logPart(part: unknown): LoggedPart {
  const p = part as Record<string, unknown>;
  if (typeof p.callId === 'string' && typeof p.name === 'string') return { type: 'toolCall', callId: p.callId, name: p.name, input: p.input };
  if (typeof p.callId === 'string' && Array.isArray(p.content)) return { type: 'toolResult', callId: p.callId, text: p.content.map(textOf).join('') };
  if (typeof p.value === 'string') return { type: 'text', text: p.value };
  return { type: 'other', text: textOf(part) };
}

/** Text of a part: text parts' value, data parts decoded, anything else as JSON. */
function textOf(part: unknown): string {
  if (typeof part === 'string') return part;
  const p = part as Record<string, unknown> | undefined;
  if (typeof p?.value === 'string') return p.value;
  if (p?.data instanceof Uint8Array) return new TextDecoder().decode(p.data);
  try {
    return JSON.stringify(part) ?? '';
  } catch {
    return String(part);
  }
}
