/**
 * Lists rendered as a whole (list_oncalls grouped by policy, list_incident_log_entries reordered oldest first) meet the
 * answer cap by showing fewer items and a next_offset where the model continues, never by a cut mid-list.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PagerDutyClient } from '../../src/pagerduty/client';
import { Toolbox } from '../../src/mcp/registry';
import { ALL_TOOLS, DEFAULT_TOOLSETS } from '../../src/mcp/tools';
import { fittingCount } from '../../src/mcp/tools/output';
import { TOOLSETS } from '../../src/mcp/tools/types';
import { ANSWER_MAX_CHARS, FENCE_CLOSE, FIELD_MAX_CHARS } from '../../src/model/untrusted';
import { clientWith, ctxOf, fullToolbox, incidentBody, respondJson, textOf } from '../support/toolDoubles';

/** A PagerDuty that pages `all` under `key` by offset and limit, as the real one does. */
function toolboxOver(key: string, all: Record<string, unknown>[], extra: (url: URL) => Record<string, unknown> | undefined = () => undefined) {
  const fetchImpl = (async (input: string | URL) => {
    const url = new URL(String(input));
    const special = extra(url);
    if (special) return Response.json(special);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 25);
    return Response.json({ [key]: all.slice(offset, offset + limit), offset, limit, more: offset + limit < all.length, total: all.length });
  }) as typeof fetch;
  const client = new PagerDutyClient({ token: 'list-cuts-test-token', baseUrl: 'http://127.0.0.1:1', maxRetries: 0, fetchImpl });
  const toolbox = new Toolbox(ALL_TOOLS, { enableWrites: false, toolsets: TOOLSETS, structuredOutput: true }, DEFAULT_TOOLSETS);
  return (name: string, args: Record<string, unknown>) => toolbox.call(name, args, { client, now: () => new Date('2026-11-25T10:00:00Z') });
}

const policies = Array.from({ length: 40 }, (_, i) => ({ id: `PEP${i}`, summary: `Escalation policy number ${i} for a service with a long name` }));
const oncalls = Array.from({ length: 1000 }, (_, i) => ({
  escalation_policy: policies[i % policies.length],
  escalation_level: (i % 3) + 1,
  user: { id: `PU${i}`, summary: `Responder ${i} with a rather long display name` },
  schedule: { id: `PS${i % 7}`, summary: `Follow-the-sun schedule ${i % 7}` },
  start: '2026-11-25T09:00:00Z',
  end: '2026-11-26T09:00:00Z',
}));

describe('lists rendered as a whole stay under the answer cap with a next_offset', () => {
  it('fittingCount finds the longest prefix that fits, and at least one', () => {
    const render = (xs: string[]) => xs.join('');
    const items = Array.from({ length: 100 }, () => 'x'.repeat(1000));
    const n = fittingCount(items, render);
    assert.ok(render(items.slice(0, n)).length <= ANSWER_MAX_CHARS - 2_000 && render(items.slice(0, n + 1)).length > ANSWER_MAX_CHARS - 2_000, String(n));
    assert.equal(fittingCount(['y'.repeat(ANSWER_MAX_CHARS * 2)], render), 1);
    assert.equal(fittingCount([], render), 0);
    assert.equal(fittingCount(['a', 'b'], render), 2);
  });

  it('list_oncalls with limit 1000 shows what fits, grouped, and says where to continue', async () => {
    const call = toolboxOver('oncalls', oncalls);
    for (const offset of [0, 200]) {
      const result = await call('list_oncalls', { limit: 1000, offset });
      const text = result.content[0]!.text;
      const shown = (result.structuredContent!.entries as unknown[]).length;
      assert.ok(!result.isError, text);
      assert.ok(text.length <= ANSWER_MAX_CHARS && !text.includes('[answer cut'), `bounded by the list, not the backstop (${text.length})`);
      assert.ok(shown > 50 && shown < 1000 - offset, `${shown} shown`);
      assert.equal(result.structuredContent!.next_offset, offset + shown);
      assert.equal(result.structuredContent!.more, true);
      assert.match(text, new RegExp(`Call again with offset ${offset + shown} for the rest\\.$`));
      assert.ok(text.includes(`Responder ${offset + shown - 1} `) && !text.includes(`Responder ${offset + shown} `), 'exactly the first entries of the page');
    }
  });

  it('list_incident_log_entries keeps the newest entries of an over-long page, shown oldest first, and continues at the next offset', async () => {
    // Newest first, as PagerDuty lists them: entry 0 is the newest.
    const entries = Array.from({ length: 100 }, (_, i) => ({
      id: `PLE${i}`,
      type: 'annotate_log_entry',
      summary: `Note ${i}: ${'a long pasted stack trace line '.repeat(40)}`,
      created_at: new Date(Date.parse('2026-11-25T09:00:00Z') - i * 60_000).toISOString(),
      agent: { id: 'PU1', summary: 'Ada' },
    }));
    const call = toolboxOver('log_entries', entries, (url) => (url.pathname === '/incidents/Q1ABC' ? { incident: { id: 'Q1ABC', incident_number: 7 } } : undefined));
    const result = await call('list_incident_log_entries', { incident_id: 'Q1ABC', limit: 100 });
    const text = result.content[0]!.text;
    const shown = result.structuredContent!.log_entries as { id: string }[];
    assert.ok(!result.isError, text);
    assert.ok(text.length <= ANSWER_MAX_CHARS && !text.includes('[answer cut'), String(text.length));
    assert.ok(shown.length > 5 && shown.length < 100);
    assert.deepEqual(shown.map((e) => e.id), entries.slice(0, shown.length).map((e) => e.id).reverse(), 'the newest, oldest first');
    assert.equal(result.structuredContent!.next_offset, shown.length);
    assert.ok(text.indexOf(`Note ${shown.length - 1}:`) < text.indexOf('Note 0:'), 'oldest first in the text');
  });
});

describe('answer caps', () => {
  it('stops a long page at the answer cap, says where to continue, and keeps typed output consistent', async () => {
    const all = Array.from({ length: 1000 }, (_, i) => incidentBody(i + 1, `Disk usage high on host-${i} `.repeat(10)));
    const client = clientWith((url) => {
      const q = new URL(url).searchParams;
      const offset = Number(q.get('offset') ?? 0);
      const limit = Number(q.get('limit'));
      return respondJson({ incidents: all.slice(offset, offset + limit), more: offset + limit < all.length, total: all.length, offset, limit });
    });
    for (const structured of [true, false]) {
      const r = await fullToolbox(structured).call('list_incidents', { limit: 1000, offset: 5 }, ctxOf(client));
      const text = textOf(r);
      assert.ok(text.length <= ANSWER_MAX_CHARS, `${text.length} chars`);
      const shown = Number(/Showing (\d+) of the 995 fetched: the answer reached its size cap/.exec(text)?.[1]);
      assert.ok(shown > 50 && shown < 995, text.slice(-300));
      assert.match(text, new RegExp(`Call again with offset ${5 + shown} for the rest`));
      assert.ok(text.trimEnd().split('\n').at(-2) === FENCE_CLOSE, 'the fence is closed before the footer');
      if (structured) {
        assert.equal((r.structuredContent!.incidents as unknown[]).length, shown);
        assert.equal(r.structuredContent!.next_offset, 5 + shown);
        assert.equal(r.structuredContent!.more, true);
      }
    }
  });

  it('cuts a huge field, says so, and bounds an answer repeating it', async () => {
    const title = 'T'.repeat(200_000);
    const client = clientWith(() => respondJson({ incidents: Array.from({ length: 12 }, (_, i) => incidentBody(i + 1, title)), more: false, total: 12 }));
    const r = await fullToolbox().call('list_incidents', { limit: 12 }, ctxOf(client));
    const text = textOf(r);
    assert.ok(text.length <= ANSWER_MAX_CHARS, `${text.length} chars`);
    for (const line of text.split('\n')) assert.ok(line.length <= FIELD_MAX_CHARS, `a line of ${line.length} chars`);
    assert.match(text, /more characters cut\]/);
    const typed = r.structuredContent!.incidents as { title: string }[];
    assert.ok(typed.every((i) => i.title.length <= FIELD_MAX_CHARS && i.title.endsWith('more characters cut]')));
  });

  it('bounds an answer no list helper pages (all notes of an incident) and closes its fence', async () => {
    const notes = Array.from({ length: 100 }, (_, i) => ({ id: `N${i}`, content: `note ${i} `.repeat(400), created_at: '2026-11-25T09:00:00Z' }));
    const client = clientWith(() => respondJson({ notes }));
    const r = await fullToolbox().call('list_incident_notes', { incident_id: 'Q1ABC' }, ctxOf(client));
    const text = textOf(r);
    assert.ok(text.length <= ANSWER_MAX_CHARS, `${text.length} chars`);
    assert.match(text, /\n\[answer cut at 40000 characters: \d+ more not shown; ask for less/);
    assert.equal(text.split('\n').at(-2), FENCE_CLOSE, 'the fence is closed before the note');
  });
});
