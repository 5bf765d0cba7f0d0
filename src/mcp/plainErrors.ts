/**
 * The SDK puts an McpError's message ("MCP error -32602: …", code included) on the wire, and the client's McpError
 * prefixes it again: "MCP error -32602: MCP error -32602: …". The code has its own field, so the text goes without it,
 * on every transport (stdio and HTTP): createServer wraps each transport it is connected to.
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export function withoutCodePrefix(message: JSONRPCMessage): JSONRPCMessage {
  if (!('error' in message)) return message;
  const prefix = `MCP error ${message.error.code}: `;
  return message.error.message.startsWith(prefix) ? { ...message, error: { ...message.error, message: message.error.message.slice(prefix.length) } } : message;
}

/** `transport`, whose send drops that prefix from error answers. */
export function plainErrors<T extends Transport>(transport: T): T {
  const send = transport.send.bind(transport);
  transport.send = (message, options) => send(withoutCodePrefix(message), options);
  return transport;
}
