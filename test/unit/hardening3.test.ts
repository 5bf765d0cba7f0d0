// Issue 20 (hardening, round 3), the pure parts: the incident page's data meets the same cleaning rules as the text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PassThrough } from 'node:stream';
import { LineTransport } from '../../src/mcp/lineTransport';
import { incidentLine, type IncidentSummary } from '../../src/mcp/shape/incident';
import { incidentRowView } from '../../src/model/incidentPage/viewModel';
import { formatOnly } from '../../src/model/translate';
import { clipDeep, jsonText } from '../../src/model/untrusted';
import { detailRows } from '../../src/model/incidentPage/viewModel';

describe('hardening round 3 (pure)', () => {
  it('2. detail rows of a JSON string are cleaned after parsing, keys included; so is a string that is not JSON', () => {
    const rows = detailRows('{"\\u202efile":"\\u202egnp.exe","n":{"k\\u200b":"\\u0007x"}}');
    assert.deepEqual(rows, [{ key: 'file', value: 'gnp.exe' }, { key: 'n', value: '{"k":"x"}' }]);
    assert.deepEqual(detailRows('plain \u202etext\u0007'), [{ key: '', value: 'plain text' }]);
    assert.deepEqual(detailRows({ 'a\u2066': ['\u200bb'] }), [{ key: 'a', value: '["b"]' }]);
  });

  it('2. clipDeep cleans keys as well as values; jsonText re-serialises parsed JSON clean and keeps other text', () => {
    assert.deepEqual(clipDeep({ 'k\u202e': { 'x\u0007': 'v\u200b' } }), { k: { x: 'v' } });
    assert.equal(jsonText('{"a":"\\u202eb"}'), '{"a":"b"}');
    assert.equal(jsonText({ 'e\u001b': 1 }), '{"e":1}');
    assert.equal(jsonText('not json \u202e'), 'not json ');
    assert.equal(jsonText('"a JSON string \\u202e"'), 'a JSON string ');
  });

  it('3. an answer over the message limit is replaced by an error answer to the same request; another message is not sent', async () => {
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

  it('3. joined lists stop at 10 names, each cut at 200 characters, then "and N more": in the text and the card row', () => {
    const assignees = Array.from({ length: 500 }, (_, n) => ({ id: `PU${n}`, name: `R${n} ${'x'.repeat(3000)}` }));
    const incident = { id: 'P1', number: 1, title: 't', status: 'triggered', urgency: 'high', assignees, teams: [], html_url: '' } as unknown as IncidentSummary;
    const line = incidentLine(incident);
    assert.ok(line.length < 3000, `text line of ${line.length}`);
    assert.match(line, /R9 x+… \[\d+ more characters cut\] and 490 more/);
    const row = incidentRowView(incident, Date.now(), formatOnly);
    assert.ok(row.detail.length < 3000, `row detail of ${row.detail.length}`);
    assert.match(row.detail, /and 490 more/);
  });
});
