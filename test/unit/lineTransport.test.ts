/** The stdio transport's line framing (src/mcp/lineTransport.ts): what happens to a message over the size limit. */
import assert from 'node:assert/strict';
import { LineTransport } from '../../src/mcp/lineTransport';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';

describe('the message size limit', () => {
  it('an answer over the message limit is replaced by an error answer to the same request; another message is not sent', async () => {
    const stdout = new PassThrough();
    const lines: string[] = [];
    const logged: string[] = [];
    stdout.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    const transport = new LineTransport({ stdin: new PassThrough(), stdout, maxMessageBytes: 4000, log: (l) => logged.push(l), onFatal: () => assert.fail('fatal') });
    await transport.send({ jsonrpc: '2.0', id: 7, result: { text: 'x'.repeat(5000) } });
    await transport.send({ jsonrpc: '2.0', method: 'notifications/message', params: { data: 'y'.repeat(5000) } });
    await transport.send({ jsonrpc: '2.0', id: 8, result: { text: 'fits' } });
    // 1000 characters of 3 UTF-8 bytes each: under 4000 characters, over the byte limit.
    await transport.send({ jsonrpc: '2.0', id: 9, result: { text: '\u20ac'.repeat(1000) } });
    const sent = lines.map((l) => JSON.parse(l));
    assert.equal(sent.length, 3, JSON.stringify(sent).slice(0, 300));
    assert.equal(sent[0].id, 7);
    assert.equal(sent[0].error.code, -32603);
    assert.match(sent[0].error.message, /too large to send/);
    assert.deepEqual(sent[1], { jsonrpc: '2.0', id: 8, result: { text: 'fits' } });
    assert.equal(sent[2].id, 9);
    assert.ok(sent[2].error);
    assert.equal(logged.length, 3, JSON.stringify(logged));
    assert.match(logged[1]!, /not sent/);
  });
});
