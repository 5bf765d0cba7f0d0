// Issue 20 (hardening, round 3), the pure parts: the incident page's data meets the same cleaning rules as the text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clipDeep, jsonText } from '../../src/mcp/untrusted';
import { detailRows } from '../../src/views/incidentPage/viewModel';

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
});
