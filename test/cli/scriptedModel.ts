/**
 * An OpenAI-compatible chat-completions endpoint on loopback that Copilot CLI uses as its model (BYOK). Scripted by the
 * prompt: a user message holding `CALL <tool> <json arguments>` gets that tool call once; after a tool result, or
 * without such a line, it answers `DONE`. Every request body is kept, so tests assert on what the model was given.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ModelRequest {
  messages: Array<{ role: string; content: unknown; tool_calls?: unknown[] }>;
  tools?: Array<{ type: string; function: { name: string; description?: string } }>;
}

export interface ScriptedModel {
  baseUrl: string;
  requests: ModelRequest[];
  /** Called with each request before it is answered (while Copilot and its MCP servers are running). */
  onRequest?: (request: ModelRequest) => void;
  close(): Promise<void>;
}

export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p?.text === 'string' ? p.text : '')).join('');
  return '';
}

function reply(request: ModelRequest): Record<string, unknown> {
  const { messages } = request;
  const callAt = messages.findLastIndex((m) => m.role === 'user' && /^CALL \S+/m.test(textOf(m.content)));
  const answered = callAt >= 0 && messages.slice(callAt).some((m) => m.role === 'tool');
  if (callAt >= 0 && !answered) {
    const [, name, args] = /^CALL (\S+)\s*(.*)$/m.exec(textOf(messages[callAt].content))!;
    return { role: 'assistant', content: null, tool_calls: [{ id: `call_${messages.length}`, type: 'function', function: { name, arguments: args || '{}' } }] };
  }
  return { role: 'assistant', content: 'DONE' };
}

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

export async function startScriptedModel(): Promise<ScriptedModel> {
  const model: ScriptedModel = { baseUrl: '', requests: [], close: () => new Promise((done) => server.close(() => done())) };
  const server: Server = createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404).end();
      return;
    }
    const request = JSON.parse(await body(req)) as ModelRequest & { stream?: boolean; model?: string };
    model.requests.push(request);
    model.onRequest?.(request);
    const message = reply(request);
    const finish = message.tool_calls ? 'tool_calls' : 'stop';
    const usage = { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11 };
    const base = { id: `chatcmpl-${model.requests.length}`, created: Math.floor(Date.now() / 1000), model: request.model ?? 'gpt-4.1' };
    if (!request.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: finish }], usage }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const delta = message.tool_calls
      ? { role: 'assistant', tool_calls: (message.tool_calls as any[]).map((c, index) => ({ index, ...c })) }
      : { role: 'assistant', content: message.content };
    const chunk = (choices: unknown[], extra = {}) => res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices, ...extra })}\n\n`);
    chunk([{ index: 0, delta, finish_reason: null }]);
    chunk([{ index: 0, delta: {}, finish_reason: finish }]);
    chunk([], { usage });
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  model.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return model;
}
