/**
 * The protocol revisions this server speaks, and an unsupported-version answer that names them all. The SDK's own
 * error (-32022) lists only the per-request revisions in its data; its text names none, so a person reading a client's
 * log learns nothing they can act on. The text is completed here, on stdio and HTTP; the data stays the SDK's.
 */
import { PROTOCOL_VERSION_META_KEY, SUPPORTED_PROTOCOL_VERSIONS, type JSONRPCMessage, type Transport } from '@modelcontextprotocol/server';

/** Spoken per request (server/discover, _meta envelope). */
export const MODERN_VERSIONS = ['2026-07-28'] as const;
/** Spoken after an initialize handshake. */
export const HANDSHAKE_VERSIONS: readonly string[] = SUPPORTED_PROTOCOL_VERSIONS;
const UNSUPPORTED_PROTOCOL_VERSION = -32022;

export function namingVersions(message: JSONRPCMessage): JSONRPCMessage {
  if (!('error' in message) || message.error.code !== UNSUPPORTED_PROTOCOL_VERSION) return message;
  const text = `${message.error.message.replace(/\.$/, '')}. This server speaks ${MODERN_VERSIONS.join(', ')} in each request's _meta, or ${HANDSHAKE_VERSIONS.join(', ')} after an initialize handshake.`;
  return { ...message, error: { ...message.error, message: text } };
}

/**
 * On stdio the SDK checks the version of a connection's first message only; each 2026-07-28 request names its own,
 * so one naming a version not spoken is answered here, as the SDK answers it over HTTP. Undefined: pass it on.
 */
export function unsupportedVersionAnswer(message: JSONRPCMessage): JSONRPCMessage | undefined {
  if (!('method' in message) || !('id' in message)) return undefined;
  const requested = (message.params?._meta as Record<string, unknown> | undefined)?.[PROTOCOL_VERSION_META_KEY];
  if (requested === undefined || (MODERN_VERSIONS as readonly unknown[]).includes(requested)) return undefined;
  const error = { code: UNSUPPORTED_PROTOCOL_VERSION, message: `Unsupported protocol version: ${String(requested).slice(0, 40)}`, data: { supported: [...MODERN_VERSIONS], requested } };
  return namingVersions({ jsonrpc: '2.0', id: message.id, error });
}

/** `transport`, whose unsupported-version answers name the versions spoken. */
export function withVersionsNamed<T extends Transport>(transport: T): T {
  const send = transport.send.bind(transport);
  transport.send = (message, options) => send(namingVersions(message), options);
  return transport;
}

/** The same for an HTTP answer: a JSON error body is rewritten, anything else passes as it is. */
export async function answerNamingVersions(answer: Response): Promise<Response> {
  if (answer.status !== 400 || !answer.headers.get('content-type')?.includes('application/json')) return answer;
  const body = (await answer.json()) as JSONRPCMessage;
  const headers = new Headers(answer.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(namingVersions(body)), { status: answer.status, headers });
}
