/**
 * The typed in-process API over the real toolset (in-process Toolbox, as the extension's session builds it) against the
 * spec-validated simulator: every method's tool name and arguments are accepted, its answer is read into the declared
 * shape, and its writes reach PagerDuty.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createToolbox } from '../../src/mcp/server';
import { TOOLSETS } from '../../src/mcp/tools/types';
import type { CallTool } from '../../src/model/callResult';
import { parseIncidentRef } from '../../src/model/incidentRef';
import { pagerDutyApi, type PagerDutyApi } from '../../src/model/pagerdutyApi';
import { PagerDutyClient } from '../../src/pagerduty/client';
import { assertNoViolations } from '../simulator/assert';
import { startSimulator, type Simulator } from '../simulator/index';

/** A reference as the extension takes it in (a command argument, a link). */
const key = (ref: string) => parseIncidentRef(ref)!;

describe('typed in-process API over the toolset', () => {
  let sim: Simulator;
  const toolbox = createToolbox({ enableWrites: true, toolsets: [...TOOLSETS], structuredOutput: true });
  const callToolAs = (token: string): CallTool => {
    const client = new PagerDutyClient({ token, baseUrl: sim.url, fromEmail: sim.me.email });
    return (name, args) => toolbox.call(name, args, { client, now: () => new Date() });
  };
  let api: PagerDutyApi;
  before(async () => {
    sim = await startSimulator();
    api = pagerDutyApi(callToolAs(sim.tokens.user));
  });
  after(async () => {
    await sim.close();
    assertNoViolations(sim);
  });

  const open = () => [...sim.state.incidents.values()].filter((i) => i.status !== 'resolved');
  const value = <T>(answer: { ok: true; value: T } | { ok: false; error: string }): T => {
    if (!answer.ok) assert.fail(`expected an answer, got: ${answer.error}`);
    return answer.value;
  };

  it('reads the user, incidents by id and by number, and a page of my incidents', async () => {
    assert.equal(value(await api.me())?.id, sim.me.id);
    const rec = open()[0]!;
    assert.equal(value(await api.incidents.get(key(rec.id))).number, rec.number);
    assert.equal(value(await api.incidents.get(key(`#${rec.number}`))).id, rec.id);
    const page = value(await api.incidents.list({ scope: 'all', statuses: ['triggered', 'acknowledged'], limit: 5 }));
    assert.equal(page.incidents.length, 5);
    assert.ok(page.incidents.every((i) => i.status !== 'resolved' && typeof i.number === 'number'));
    assert.equal(page.more, true);
  });

  it('an unknown incident is a failure with the tool text, never a value', async () => {
    const got = await api.incidents.get(key('QNOSUCH1'));
    assert.equal(got.ok, false);
    assert.match(!got.ok ? got.error : '', /not found/i);
  });

  it('lists the choices the page offers: users, priorities, workflows, policy levels, on-call entries', async () => {
    const users = value(await api.users(100));
    assert.ok(users.some((u) => u.id === sim.me.id && u.name === sim.me.name));
    assert.equal(value(await api.priorities()).length, sim.state.priorities.size);
    const workflows = value(await api.workflows(100));
    assert.ok(workflows.length > 0 && workflows.every((w) => typeof w.id === 'string' && typeof w.name === 'string'));
    const policy = [...sim.state.escalationPolicies.values()][0]!;
    const levels = value(await api.policyLevels(policy.id));
    assert.ok(levels.length > 0 && levels.every((l, i) => l.level === i + 1 && l.targets.length > 0));
    const oncalls = value(await api.oncalls({ limit: 100 }));
    assert.ok(oncalls.length > 0 && oncalls.every((e) => e.user.id && e.escalation_policy.id));
  });

  it('acknowledges and changes incidents, one line each, with the updated incident', async () => {
    const [a, b] = open().filter((i) => i.status === 'triggered');
    const rows = await api.incidents.acknowledge([a!.id, b!.id]);
    assert.deepEqual(rows.map((r) => [r.incident_id, r.ok, r.incident?.status]).sort(), [[a!.id, true, 'acknowledged'], [b!.id, true, 'acknowledged']].sort());
    const flipped = a!.urgency === 'high' ? 'low' : 'high';
    const [urgent] = await api.incidents.update([a!.id], { urgency: flipped });
    assert.equal(urgent!.incident!.urgency, flipped);
    assert.equal(sim.state.incidents.get(a!.id)!.urgency, flipped);
  });

  it('resolves with a note: the note lands first, then the status', async () => {
    const rec = open()[0]!;
    const rows = await api.incidents.resolve([rec.id], 'Rolled back the deploy');
    assert.deepEqual(rows?.map((r) => [r.incident_id, r.ok]), [[rec.id, true]]);
    assert.equal(sim.state.incidents.get(rec.id)!.status, 'resolved');
    assert.ok((sim.state.notes.get(rec.id) ?? []).some((n) => n.content === 'Rolled back the deploy'));
  });

  it('a refused note leaves the incident open and says so on its line; the others are resolved', async () => {
    const observer = pagerDutyApi(callToolAs(sim.tokens.observer));
    const rec = open()[0]!;
    const rows = await observer.incidents.resolve([rec.id], 'note from an observer');
    assert.equal(rows?.length, 1);
    assert.equal(rows![0]!.ok, false);
    assert.equal(rows![0]!.noteFailed, true);
    assert.match(rows![0]!.error ?? '', /403|forbidden|permission|not allowed/i);
    assert.notEqual(sim.state.incidents.get(rec.id)!.status, 'resolved');
  });

  it('writes on one incident: note, snooze, status update, responders, workflow', async () => {
    const rec = open().find((i) => i.status === 'acknowledged') ?? open()[0]!;
    assert.deepEqual(await api.incidents.addNote(rec.id, 'Looking at the database'), { error: undefined });
    assert.ok((sim.state.notes.get(rec.id) ?? []).some((n) => n.content === 'Looking at the database'));
    if (sim.state.incidents.get(rec.id)!.status !== 'acknowledged') await api.incidents.acknowledge([rec.id]);
    assert.deepEqual(await api.incidents.snooze(rec.id, 30), { error: undefined });
    assert.ok(sim.state.incidents.get(rec.id)!.snoozedUntil);
    assert.deepEqual(await api.incidents.statusUpdate(rec.id, 'Mitigated; monitoring'), { error: undefined });
    const other = [...sim.state.users.values()].find((u) => u.id !== sim.me.id)!;
    assert.deepEqual(await api.incidents.addResponders(rec.id, 'Please help', [other.id]), { error: undefined });
    assert.ok(sim.state.incidents.get(rec.id)!.responderRequests.length > 0);
    const [workflow] = value(await api.workflows(100));
    assert.deepEqual(await api.incidents.startWorkflow(rec.id, workflow!.id), { error: undefined });
    assert.ok(sim.requests.some((r) => r.method === 'POST' && r.path === `/incident_workflows/${workflow!.id}/instances`));
  });

  it('a rejected token fails every read with the error kind the sidebar reacts to', async () => {
    const bad = pagerDutyApi(callToolAs('u+wrongwrongwrongwrong'));
    const got = await bad.incidents.get(key(open()[0]!.id));
    assert.equal(got.ok, false);
    assert.equal(!got.ok && (got.result._meta as Record<string, unknown>)['pagerduty/errorKind'], 'unauthorized');
    const rows = await bad.incidents.acknowledge([open()[0]!.id]);
    assert.equal(rows[0]!.ok, false);
  });
});
