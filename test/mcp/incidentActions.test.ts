import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMcp, type McpSession } from '../support/mcpHarness';
import { appsAndModel } from '../support/appSessions';

const FENCE = /<<<PAGERDUTY_DATA\n[\s\S]*\nPAGERDUTY_DATA>>>/;

describe('extra incident tools (snooze, merge, status update, incident log) against the simulator', () => {
  let s: McpSession;
  before(async () => {
    s = await startMcp({ writes: true });
  });
  after(() => s.close());

  const withStatus = (status: string, skip: string[] = []) =>
    [...s.sim.state.incidents.values()].filter((i) => i.status === status && !skip.includes(i.id));

  it('snooze_incident: snoozes an acknowledged incident and logs it; triggered and bad durations fail clearly', async () => {
    const acked = withStatus('acknowledged')[0]!;
    const r = await s.ok('snooze_incident', { incident_id: String(acked.number), duration_minutes: 90 });
    assert.equal(r.structured.incident.id, acked.id);
    assert.match(r.text, FENCE);
    const log = s.sim.state.logEntriesByIncident.get(acked.id)!.at(-1)!;
    assert.equal(log.type, 'snooze_log_entry');
    assert.match(log.summary, /1\.5 hour|90 minute/);
    const triggered = withStatus('triggered')[0]!;
    assert.match(await s.fails('snooze_incident', { incident_id: triggered.id, duration_minutes: 5 }), /acknowledged before it can be snoozed/);
    assert.match(await s.fails('snooze_incident', { incident_id: acked.id, duration_minutes: 0 }), /argument "duration_minutes"/);
    assert.match(await s.fails('snooze_incident', { incident_id: acked.id, duration_minutes: 7 * 24 * 60 + 1 }), /argument "duration_minutes"/);
  });

  it('merge_incidents: moves the alerts into the target and resolves the sources; self-merge is refused', async () => {
    const [target, source] = withStatus('triggered');
    const alertsBefore = (s.sim.state.alerts.get(target!.id) ?? []).length + (s.sim.state.alerts.get(source!.id) ?? []).length;
    const r = await s.ok('merge_incidents', { target_incident_id: target!.id, source_incident_ids: [String(source!.number)] });
    assert.equal(r.structured.incident.id, target!.id);
    assert.deepEqual(r.structured.incident.merged, [source!.id]);
    assert.equal(s.sim.state.incidents.get(source!.id)!.status, 'resolved');
    assert.equal((s.sim.state.alerts.get(target!.id) ?? []).length, alertsBefore);
    assert.match(await s.fails('merge_incidents', { target_incident_id: target!.id, source_incident_ids: [target!.id] }), /cannot be merged into itself/);
    assert.match(await s.fails('merge_incidents', { target_incident_id: target!.id, source_incident_ids: [] }), /argument "source_incident_ids"/);
  });

  it('create_incident_status_update: posts the message; subject without html_message is refused before any request', async () => {
    const open = withStatus('triggered')[0]!;
    const r = await s.ok('create_incident_status_update', { incident_id: open.id, message: 'Mitigated; monitoring.' });
    assert.equal(r.structured.status_update.message, 'Mitigated; monitoring.');
    assert.equal(r.structured.status_update.sender.id, s.sim.me.id);
    assert.match(r.text, FENCE);
    assert.match(await s.fails('create_incident_status_update', { incident_id: open.id, message: 'x', subject: 'only a subject' }), /subject and html_message together/);
  });

  it('list_incident_log_entries: the incident timeline, oldest first, including the snooze', async () => {
    const acked = withStatus('acknowledged')[0]!;
    await s.ok('snooze_incident', { incident_id: acked.id, duration_minutes: 60 });
    const r = await s.ok('list_incident_log_entries', { incident_id: acked.id });
    const types = r.structured.log_entries.map((e: { type: string }) => e.type);
    assert.equal(types[0], 'trigger_log_entry');
    assert.equal(types.at(-1), 'snooze_log_entry');
    const times = r.structured.log_entries.map((e: { created_at: string }) => e.created_at);
    assert.deepEqual(times, [...times].sort());
    assert.ok(r.structured.log_entries.every((e: { incident: { id: string } }) => e.incident.id === acked.id));
    assert.match(r.text, FENCE);
  });
});

describe('snooze expiry on the simulator clock', () => {
  let s: McpSession;
  let now = Date.parse('2026-11-25T10:00:00Z');
  before(async () => {
    s = await startMcp({ writes: true, simulator: { now: () => new Date(now) } });
  });
  after(() => s.close());

  it('a snoozed incident stays acknowledged until the time runs out, then is triggered again and the log says why', async () => {
    const acked = [...s.sim.state.incidents.values()].find((i) => i.status === 'acknowledged')!;
    await s.ok('snooze_incident', { incident_id: acked.id, duration_minutes: 30 });
    const wakeAt = '2026-11-25T10:30:00Z';
    assert.equal(s.sim.state.incidents.get(acked.id)!.snoozedUntil, wakeAt);

    now += 29 * 60_000;
    let got = await s.ok('get_incident', { incident_id: acked.id });
    assert.equal(got.structured.incident.status, 'acknowledged', 'one minute before the end');

    now += 2 * 60_000;
    got = await s.ok('get_incident', { incident_id: acked.id });
    assert.equal(got.structured.incident.status, 'triggered', 'after the snooze');
    assert.equal(got.structured.incident.last_status_change_at, wakeAt, 'changed when the snooze ended, not when next asked');
    const log = await s.ok('list_incident_log_entries', { incident_id: acked.id });
    const last = log.structured.log_entries.at(-1);
    assert.equal(last.type, 'unacknowledge_log_entry');
    assert.equal(last.created_at, wakeAt);
    assert.equal(s.sim.state.incidents.get(acked.id)!.acknowledgements.length, 0);
  });

  it('resolving during the snooze ends it: nothing re-triggers later', async () => {
    const acked = [...s.sim.state.incidents.values()].find((i) => i.status === 'acknowledged')!;
    await s.ok('snooze_incident', { incident_id: acked.id, duration_minutes: 15 });
    await s.ok('manage_incidents', { incident_ids: [acked.id], status: 'resolved' });
    now += 60 * 60_000;
    const got = await s.ok('get_incident', { incident_id: acked.id });
    assert.equal(got.structured.incident.status, 'resolved');
    assert.ok(!(s.sim.state.logEntriesByIncident.get(acked.id) ?? []).some((e) => e.type === 'unacknowledge_log_entry'));
  });
});

describe('free text of invisible characters only', () => {
  const sessions = appsAndModel();
  let apps: McpSession;
  before(() => ({ apps } = sessions));
  const call = async (s: McpSession, name: string, args: Record<string, unknown>) => (await s.client.callTool({ name, arguments: args })) as any;
  const open = () => [...apps.sim.state.incidents.values()].filter((i) => i.status !== 'resolved');

  it('free text of invisible characters only is refused for every free-text write, before anything is sent', async () => {
    const incident = open()[0]!;
    const service = [...apps.sim.state.services.values()][0]!;
    const writes: [string, Record<string, unknown>, string][] = [
      ['create_incident_status_update', { incident_id: incident.id }, 'message'],
      ['add_note_to_incident', { incident_id: incident.id }, 'note'],
      ['create_incident', { service_id: service.id }, 'title'],
      ['add_responders', { incident_id: incident.id, user_ids: [apps.sim.me.id] }, 'message'],
    ];
    const s = await startMcp({ writes: true, sim: apps.sim });
    try {
      for (const [tool, args, field] of writes) {
        for (const empty of ['\u200b\u200b', '\u202e', '\ufeff \u2060', '\u00ad\u061c\u180e', '   ']) {
          apps.sim.requests.length = 0;
          const text = await s.fails(tool, { ...args, [field]: empty });
          assert.match(text, new RegExp(`argument "${field}": must (not be empty|contain visible text)`), `${tool} ${JSON.stringify(empty)}: ${text}`);
          assert.deepEqual(apps.sim.requests.filter((r) => r.method !== 'GET'), [], `${tool}: nothing was sent`);
        }
      }
      const card = await call(apps, 'incident_card_action', { incident_id: incident.id, action: 'add_note', note: '\u200b\u2066' });
      assert.equal(card.isError, true, 'the card note too');
      assert.ok(await s.ok('create_incident_status_update', { incident_id: incident.id, message: '\u200bvisible' }), 'text with visible characters is sent');
    } finally {
      await s.close();
    }
  });
});
