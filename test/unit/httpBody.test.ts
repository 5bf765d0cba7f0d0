import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { BodyReader, MAX_UNFINISHED_BODIES_PER_ADDRESS, type Body } from '../../src/mcp/httpBody';

/** A request body as the server sees it: a stream with headers and the remote address of its socket. */
function request(address = '203.0.113.7', headers: Record<string, string> = {}): PassThrough & IncomingMessage {
  return Object.assign(new PassThrough(), { headers, socket: { remoteAddress: address } }) as unknown as PassThrough & IncomingMessage;
}

/** Settles to the body, or to 'pending' if the read has not finished by the time already-queued events have run. */
async function settled(body: Promise<Body>): Promise<Body | 'pending'> {
  return Promise.race([body, new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending')))]);
}

describe('HTTP request bodies (read before a request takes a slot)', () => {
  it('parses one JSON-RPC message, and answers bad JSON and batches with the SDK\'s codes', async () => {
    const reader = new BodyReader(1024, 30_000);
    const cases: [string, Body][] = [
      ['{"jsonrpc":"2.0","id":1,"method":"ping"}', { ok: true, message: { jsonrpc: '2.0', id: 1, method: 'ping' } }],
      ['{"jsonrpc":', { ok: false, status: 400, code: -32700, message: 'Parse error: the request body is not valid JSON.' }],
      ['[{"jsonrpc":"2.0","id":1,"method":"ping"}]', { ok: false, status: 400, code: -32600, message: 'JSON-RPC batches are not accepted (MCP 2025-06-18 removed them): send one JSON-RPC message per POST.' }],
    ];
    for (const [text, expected] of cases) {
      const req = request();
      const body = reader.read(req);
      req.end(text);
      assert.deepEqual(await body, expected, text);
    }
  });

  it('refuses a body over the limit, announced or streamed, with 413', async () => {
    const reader = new BodyReader(1024, 30_000);
    const announced = await reader.read(request(undefined, { 'content-length': '1025' }));
    assert.deepEqual(announced, { ok: false, status: 413, code: -32000, message: 'The request body exceeds 1024 bytes (--max-body-bytes).' });
    const req = request();
    const streamed = reader.read(req);
    req.write('x'.repeat(1000));
    req.write('x'.repeat(100));
    const refused = await streamed;
    assert.ok(!refused.ok && 'status' in refused && refused.status === 413 && !refused.close, 'the rest is read and dropped, so the 413 arrives');
  });

  it('cuts a body that does not arrive within its deadline with 408, the connection to be closed', async () => {
    const reader = new BodyReader(1024, 200);
    const req = request();
    const body = reader.read(req);
    req.write('{"jsonrpc":');
    assert.deepEqual(await body, {
      ok: false,
      status: 408,
      code: -32000,
      message: 'The request body did not arrive within 0.2 s; send it with the request.',
      close: true,
    });
  });

  it(`keeps at most ${MAX_UNFINISHED_BODIES_PER_ADDRESS} unfinished bodies per address, cutting the oldest; other addresses are not touched`, async () => {
    const reader = new BodyReader(1024, 30_000);
    const slow = Array.from({ length: MAX_UNFINISHED_BODIES_PER_ADDRESS }, () => {
      const req = request('198.51.100.1');
      return { req, body: reader.read(req) };
    });
    const elsewhere = request('198.51.100.2');
    const elsewhereBody = reader.read(elsewhere);
    for (const { body } of slow) assert.equal(await settled(body), 'pending', 'at the cap, nobody is cut');
    const next = request('198.51.100.1');
    const nextBody = reader.read(next);
    const oldest = await settled(slow[0].body);
    assert.ok(oldest !== 'pending' && !oldest.ok && 'status' in oldest && oldest.status === 408 && oldest.close);
    assert.match((oldest as { message: string }).message, /Too many unfinished request bodies from your address \(at most 8\): this, the oldest, is cut/);
    for (const { body } of slow.slice(1)) assert.equal(await settled(body), 'pending');
    next.end('{"id":2}');
    elsewhere.end('{"id":3}');
    assert.deepEqual(await nextBody, { ok: true, message: { id: 2 } }, 'the newest, sent at once, is read');
    assert.deepEqual(await elsewhereBody, { ok: true, message: { id: 3 } });
    for (const { req } of slow.slice(1)) req.destroy();
    for (const { body } of slow.slice(1)) assert.deepEqual(await body, { ok: false, gone: true }, 'a client that went away needs no answer');
  });
});
