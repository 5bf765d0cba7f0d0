/**
 * stdio transport for the server: newline-delimited JSON-RPC, like the SDK's StdioServerTransport, but a bad line is
 * answered and logged instead of dropped silently. The SDK's reader ignores a line that is not JSON (no -32700), and a
 * message over its buffer limit makes it close the transport, so the server exited with code 0 and no word why.
 * Here an oversized message is skipped up to its newline (never held in memory) and answered, and the server goes on;
 * an oversized answer is never written (the client would drop the connection): an error answer goes instead.
 */
import { parseJSONRPCMessage, type JSONRPCMessage, type Transport } from '@modelcontextprotocol/server';

/** The SDK's own limit for one stdio message (STDIO_DEFAULT_MAX_BUFFER_SIZE). */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;
const INTERNAL_ERROR = -32603;
/** Kept free below the limit when sending: the reader's buffer may also hold the start of the next message. */
const SEND_MARGIN_BYTES = 256 * 1024;

export interface LineTransportOptions {
  stdin?: NodeJS.ReadableStream;
  stdout?: NodeJS.WritableStream;
  maxMessageBytes?: number;
  log(line: string): void;
  /** The streams failed: the server cannot go on. */
  onFatal(reason: string): void;
  /** stdin ended: the client closed the connection. */
  onEnd?(): void;
  /** An answer to send instead of passing a message on (e.g. a request naming a protocol version not spoken). */
  screen?(message: JSONRPCMessage): JSONRPCMessage | undefined;
}

export class LineTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;

  private readonly stdin: NodeJS.ReadableStream;
  private readonly stdout: NodeJS.WritableStream;
  private readonly max: number;
  private chunks: Buffer[] = [];
  private size = 0;
  private closed = false;

  constructor(private readonly options: LineTransportOptions) {
    this.stdin = options.stdin ?? process.stdin;
    this.stdout = options.stdout ?? process.stdout;
    this.max = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  }

  async start(): Promise<void> {
    this.stdin.on('data', this.onData);
    this.stdin.on('end', this.onEnd);
    this.stdin.on('error', this.onStreamError);
    this.stdout.on('error', this.onStreamError);
  }

  private readonly onData = (chunk: Buffer | string) => {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let from = 0;
    for (let nl = data.indexOf(10, from); nl !== -1; nl = data.indexOf(10, from)) {
      this.append(data.subarray(from, nl));
      this.endLine();
      from = nl + 1;
    }
    this.append(data.subarray(from));
  };

  private readonly onEnd = () => {
    if (this.size > 0) this.endLine(); // a last message without its newline
    this.options.onEnd?.();
    void this.close();
  };

  private readonly onStreamError = (error: Error) => {
    this.options.onFatal(`stdio failed: ${error.message}`);
  };

  /** Bytes past the limit are counted, not kept. */
  private append(part: Buffer) {
    if (part.length === 0) return;
    if (this.size + part.length <= this.max) this.chunks.push(part);
    else this.chunks = [];
    this.size += part.length;
  }

  private endLine() {
    const size = this.size;
    const line = size <= this.max ? Buffer.concat(this.chunks).toString('utf8').replace(/\r$/, '') : undefined;
    this.chunks = [];
    this.size = 0;
    if (line === undefined) {
      this.reject(null, INVALID_REQUEST, `Message of ${size} bytes exceeds the ${this.max}-byte limit and was ignored.`);
      return;
    }
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      this.reject(null, PARSE_ERROR, `Parse error: a line of ${line.length} characters is not JSON (${(error as Error).message.slice(0, 120)}).`);
      return;
    }
    let message: JSONRPCMessage;
    try {
      message = parseJSONRPCMessage(json);
    } catch {
      const id = (json as { id?: unknown } | null)?.id;
      this.reject(typeof id === 'string' || typeof id === 'number' ? id : null, INVALID_REQUEST, 'Invalid Request: not a JSON-RPC 2.0 message.');
      return;
    }
    const answer = this.options.screen?.(message);
    if (answer) void this.send(answer);
    else this.onmessage?.(message);
  }

  private reject(id: string | number | null, code: number, message: string) {
    this.options.log(`${message} Answered with JSON-RPC error ${code}.`);
    // JSON-RPC answers an unreadable request with id null; the SDK's message type has no room for that, hence the cast.
    void this.send({ jsonrpc: '2.0', id, error: { code, message } } as unknown as JSONRPCMessage);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      const line = this.bounded(message);
      if (line === undefined || this.stdout.write(`${line}\n`)) resolve();
      else this.stdout.once('drain', resolve);
    });
  }

  /**
   * The message as one line, or what goes instead when it is over the limit: the SDK's client (and ours) drops the
   * connection on a line over its buffer, so an answer too large is replaced by an error answer to the same request,
   * and any other message is not sent. Logged either way. Room is left for a chunk of the next message, which the
   * SDK's reader counts in the same buffer.
   */
  private bounded(message: JSONRPCMessage): string | undefined {
    const line = JSON.stringify(message);
    const limit = this.max - Math.min(SEND_MARGIN_BYTES, Math.floor(this.max / 4));
    // A UTF-16 unit is at most 3 bytes of UTF-8: most lines need no byte count.
    if (line.length * 3 <= limit) return line;
    const bytes = Buffer.byteLength(line);
    if (bytes <= limit) return line;
    const id = 'id' in message && ('result' in message || 'error' in message) ? message.id : undefined;
    this.options.log(`An outgoing message of ${bytes} bytes exceeds the ${limit}-byte limit: ${id === undefined ? 'not sent' : `answered request ${String(id).slice(0, 40)} with error ${INTERNAL_ERROR} instead`}.`);
    if (id === undefined) return undefined;
    const text = `The answer was too large to send (${bytes} bytes; the limit is ${limit}): ask for less, e.g. a smaller limit, fewer fields or one item by id.`;
    return JSON.stringify({ jsonrpc: '2.0', id, error: { code: INTERNAL_ERROR, message: text } });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stdin.off('data', this.onData);
    this.stdin.off('end', this.onEnd);
    this.onclose?.();
  }
}
