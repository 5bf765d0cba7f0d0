/**
 * node:http ⇄ Fetch API for the SDK's web-standard HTTP entry (createMcpHandler): the request's head as a Request
 * (its body was already read, within our limits, and goes as parsedBody), the Response written back, streamed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The request line and headers; no body (the caller passes the parsed one). `signal` ends the exchange when the client goes. */
export function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  // The URL is only the SDK's to read (path and query); the host part is fixed, never what the client claimed.
  return new Request(new URL(req.url ?? '/', 'http://localhost'), { method: req.method, headers, signal });
}

/** Writes `answer` to `res`, streaming its body (an SSE stream stays open until the SDK ends it or the client goes). */
export async function sendResponse(answer: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(answer.status, headers);
  if (!answer.body) {
    res.end();
    return;
  }
  const reader = answer.body.getReader();
  res.once('close', () => void reader.cancel().catch(() => undefined));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.write(value)) continue;
      await new Promise((resolve) => {
        res.once('drain', resolve);
        res.once('close', resolve);
      });
    }
  } catch {
    // The client went away, or the exchange was torn down: nothing more to send.
  }
  res.end();
}
