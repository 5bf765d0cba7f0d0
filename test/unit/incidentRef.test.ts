import assert from 'node:assert/strict';
import { test } from 'node:test';
import { incidentKey, isIncidentKey, isIncidentNumber, parseIncidentRef } from '../../src/model/incidentRef';

test('an id, a number and "#number" give the key PagerDuty takes', () => {
  assert.equal(parseIncidentRef('Q1ABC23'), 'Q1ABC23');
  assert.equal(parseIncidentRef('1234'), '1234');
  assert.equal(parseIncidentRef(' #1234 '), '1234');
  assert.equal(incidentKey('#1005'), '1005');
});

test('anything else is not a reference', () => {
  for (const text of ['', '#', '##12', 'Q1 ABC', 'a/b', '../x', 'x'.repeat(21), '<id>']) assert.equal(parseIncidentRef(text), undefined, text);
});

test('a key has no "#"; a number is digits only', () => {
  assert.equal(isIncidentKey('Q1ABC23'), true);
  assert.equal(isIncidentKey('#12'), false);
  assert.equal(isIncidentNumber('1234'), true);
  assert.equal(isIncidentNumber('Q1ABC23'), false);
});
