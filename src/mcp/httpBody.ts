/**
 * Request bodies of the HTTP server, read and parsed before a request takes one of --max-concurrent's slots: a slow
 * upload holds a socket and a buffer, never a slot. Each read is bounded in size (whatever Content-Length says; a
 * chunked body has none) and in time, and one remote address has at most MAX_UNFINISHED_BODIES_PER_ADDRESS bodies
 * unfinished: a further one cuts that address's oldest, so slow uploads cannot pile up towards the connection limit,
 * while a client that sends its body at once (every real one) is read before it could become the oldest.
 */
import type { IncomingMessage } from 'node:http';

/** Per remote address (behind a load balancer, its address: the balancer should buffer bodies, as most do). */
export const MAX_UNFINISHED_BODIES_PER_ADDRESS = 8;
/** An MCP message is a few KiB: 10 s is ample even for a 1 MiB body on a slow link (shorter when --request-timeout-ms is). */
export const BODY_DEADLINE_MS = 10_000;

/** JSON-RPC codes of the refusals, as the SDK's transport uses them. */
const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;
const SERVER_ERROR = -32000;

export type Body =
  | { ok: true; message: unknown }
  /** `close`: the body was left unread, so the connection cannot carry another request. */
  | { ok: false; status: number; code: number; message: string; close?: boolean }
  /** The client went away before its body arrived: nobody to answer. */
  | { ok: false; gone: true };

interface Reading {
  cut(status: number, message: string): void;
}

export class BodyReader {
  private readonly unfinished = new Map<string, Reading[]>();
  private readonly deadlineMs: number;

  constructor(
    private readonly limit: number,
    requestTimeoutMs: number,
  ) {
    this.deadlineMs = Math.min(BODY_DEADLINE_MS, requestTimeoutMs);
  }

  read(req: IncomingMessage): Promise<Body> {
    const tooLarge = { ok: false, status: 413, code: SERVER_ERROR, message: `The request body exceeds ${this.limit} bytes (--max-body-bytes).` } as const;
    if (Number(req.headers['content-length'] ?? 0) > this.limit) return Promise.resolve(tooLarge);
    const address = req.socket.remoteAddress ?? '';
    return new Promise<Body>((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      const finish = (body: Body) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        req.off('data', onData).off('end', onEnd).off('close', onClose);
        this.forget(address, reading);
        resolve(body);
      };
      const reading: Reading = {
        cut: (status, message) => finish({ ok: false, status, code: SERVER_ERROR, message, close: true }),
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size <= this.limit) return void chunks.push(chunk);
        // The rest is discarded as it comes (bounded by --request-timeout-ms): closing on unread data would reset the
        // connection, and clients could lose the 413 before reading it.
        finish(tooLarge);
        req.resume();
      };
      const onEnd = () => finish(parse(Buffer.concat(chunks)));
      const onClose = () => finish({ ok: false, gone: true });
      const timer = setTimeout(
        () => reading.cut(408, `The request body did not arrive within ${this.deadlineMs / 1000} s; send it with the request.`),
        this.deadlineMs,
      );
      req.on('data', onData).on('end', onEnd).on('close', onClose);
      this.track(address, reading);
    });
  }

  private track(address: string, reading: Reading): void {
    const list = this.unfinished.get(address) ?? [];
    this.unfinished.set(address, list);
    list.push(reading);
    if (list.length > MAX_UNFINISHED_BODIES_PER_ADDRESS) {
      list[0].cut(408, `Too many unfinished request bodies from your address (at most ${MAX_UNFINISHED_BODIES_PER_ADDRESS}): this, the oldest, is cut.`);
    }
  }

  private forget(address: string, reading: Reading): void {
    const list = this.unfinished.get(address);
    const at = list?.indexOf(reading) ?? -1;
    if (!list || at === -1) return;
    list.splice(at, 1);
    if (list.length === 0) this.unfinished.delete(address);
  }
}

function parse(raw: Buffer): Body {
  let message: unknown;
  try {
    message = JSON.parse(raw.toString('utf8'));
  } catch {
    return { ok: false, status: 400, code: PARSE_ERROR, message: 'Parse error: the request body is not valid JSON.' };
  }
  if (Array.isArray(message)) {
    return {
      ok: false,
      status: 400,
      code: INVALID_REQUEST,
      message: 'JSON-RPC batches are not accepted (MCP 2025-06-18 removed them): send one JSON-RPC message per POST.',
    };
  }
  return { ok: true, message };
}
