import { vscodeRecord } from '../support/installFakeVscode';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { IncidentCommands } from '../../src/commands/incidentCommands';
import { GroupNode, IncidentNode } from '../../src/views/incidentNodes';
import { IncidentsStore } from '../../src/views/stores/incidentsStore';
import type { Scope } from '../../src/views/stores/scope';
import type { Incident } from '../../src/views/stores/types';
import type { FakeQuickPick } from '../support/fakeVscode';
import { failed, fakeTools, incident, ME, ok } from '../support/viewsBuilders';

const log = { info() {}, warn() {}, error() {}, debug() {}, show() {} } as never;

/** A toolset whose manage_incidents acknowledges/resolves every id except those in `broken`. */
function setup(loaded: Incident[], opts: { broken?: Record<string, string>; mine?: Incident[]; selected?: Incident[] } = {}) {
  const tools = fakeTools((name, args) => {
    if (name === 'get_user_data') return ok({ user: ME });
    if (name === 'list_incidents') return ok({ incidents: args.scope === 'assigned' && opts.mine ? opts.mine : loaded, more: false });
    if (name === 'add_note_to_incident') return opts.broken?.[String(args.incident_id)] ? failed('not_found', 'Incident Not Found') : ok({});
    if (name === 'manage_incidents') {
      const ids = args.incident_ids as string[];
      const results = ids.map((id) => {
        const error = opts.broken?.[id];
        const known = loaded.find((i) => i.id === id);
        return error ? { incident_id: id, ok: false, error } : { incident_id: id, ok: true, incident: known && { ...known, status: args.status } };
      });
      return ok({ results });
    }
    return failed('invalid_arguments', `unexpected ${name}`);
  });
  const store = new IncidentsStore(tools.api, 'assigned');
  const group = new GroupNode('triggered');
  const scopes: Scope[] = [];
  let refreshes = 0;
  const commands = new IncidentCommands({
    session: { api: tools.api },
    log,
    views: {
      incidents: store,
      selection: () => (opts.selected ?? []).map((i) => new IncidentNode(i, group)),
      refresh: async () => void refreshes++,
      setScope: (s) => void scopes.push(s),
    },
  });
  const writes = () => tools.calls.filter((c) => c.name !== 'get_user_data' && c.name !== 'list_incidents');
  return { commands, store, tools, writes, scopes, refreshes: () => refreshes };
}

beforeEach(() => {
  vscodeRecord.messages.length = 0;
  vscodeRecord.statusMessages.length = 0;
  vscodeRecord.ui.quickPick = (pick) => pick.hide();
  vscodeRecord.ui.showInputBox = async () => undefined;
  vscodeRecord.ui.showQuickPick = async () => undefined;
});

describe('acknowledge and resolve', () => {
  it('acknowledges the ids given, moves them in the store at once and ends with one summary', async () => {
    const a = incident({ title: 'Disk full' });
    const { commands, store, writes, refreshes } = setup([a]);
    await store.poll({ viewVisible: true });
    const result = await commands.acknowledge([[a.id]]);
    assert.deepEqual(writes().map((c) => [c.name, c.args]), [['manage_incidents', { incident_ids: [a.id], status: 'acknowledged' }]]);
    assert.equal(store.find(a.id)?.status, 'acknowledged');
    assert.deepEqual(result, { results: [{ incident_id: a.id, ok: true }], succeeded: 1, failed: 0, message: 'Acknowledged 1 of 1 incidents.' });
    assert.deepEqual(vscodeRecord.messages, [{ severity: 'info', text: 'Acknowledged 1 of 1 incidents.' }]);
    assert.equal(refreshes(), 1);
  });

  it('with several incidents selected in the tree and no arguments, acts on the selection without asking', async () => {
    const [a, b] = [incident(), incident()];
    let asked = false;
    vscodeRecord.ui.quickPick = (pick) => ((asked = true), pick.hide());
    const { commands, writes } = setup([a, b], { selected: [a, b] });
    const result = await commands.acknowledge([]);
    assert.equal(asked, false);
    assert.deepEqual(writes()[0]!.args.incident_ids, [a.id, b.id]);
    assert.equal(result?.succeeded, 2);
  });

  it('a single selection asks with a multi-select pick of my open incidents; Escape does nothing', async () => {
    const [a, b] = [incident(), incident()];
    let pick: FakeQuickPick | undefined;
    vscodeRecord.ui.quickPick = (p) => void (pick = p);
    const { commands, writes, tools } = setup([], { mine: [a, b], selected: [a] });
    const pending = commands.acknowledge([]);
    await new Promise((r) => setImmediate(r));
    assert.equal(pick!.canSelectMany, true);
    assert.deepEqual(tools.calls.at(-1)!.args, { scope: 'assigned', statuses: ['triggered'], limit: 100 });
    pick!.accept([pick!.items[1]!]);
    const result = await pending;
    assert.deepEqual(writes()[0]!.args.incident_ids, [b.id]);
    assert.equal(result?.succeeded, 1);

    vscodeRecord.ui.quickPick = (p) => p.hide();
    assert.equal(await commands.acknowledge([]), undefined);
    assert.equal(writes().length, 1, 'nothing written after Escape');
  });

  it('the summary names each failure by number and title, also for incidents only the quick pick listed', async () => {
    const listed = incident({ title: 'Only in the pick' });
    const other = incident({ title: 'Fine' });
    vscodeRecord.ui.quickPick = (p) => setImmediate(() => p.accept(p.items));
    const { commands } = setup([], { mine: [listed, other], broken: { [listed.id]: 'Incident Not Found' } });
    const result = await commands.acknowledge([]);
    assert.equal(result?.message, `Acknowledged 1 of 2 incidents. Failed: #${listed.number} Only in the pick: Incident Not Found`);
    assert.equal(vscodeRecord.messages[0]!.severity, 'warning');
  });

  it('resolve adds the note first; an incident whose note failed is not resolved', async () => {
    const [a, b] = [incident(), incident({ status: 'acknowledged' })];
    const { commands, writes } = setup([a, b], { broken: { [b.id]: 'x' } });
    const result = await commands.resolve([{ ids: [a.id, b.id], note: ' rolled back ' }]);
    assert.deepEqual(writes().map((c) => c.name), ['add_note_to_incident', 'add_note_to_incident', 'manage_incidents']);
    assert.deepEqual(writes()[0]!.args, { incident_id: a.id, note: 'rolled back' });
    assert.deepEqual(writes()[2]!.args, { incident_ids: [a.id], status: 'resolved' });
    assert.equal(result?.failed, 1);
    assert.match(result!.message!, /^Resolved 1 of 2 incidents\. Failed: .*note not added, so not resolved: Incident Not Found$/);
    assert.equal(vscodeRecord.messages[0]!.severity, 'warning');
  });

  it('resolve from the palette asks for the note; Escape cancels the whole action', async () => {
    const a = incident();
    const { commands, writes } = setup([a]);
    assert.equal(await commands.resolve([a.id]), undefined);
    assert.equal(writes().length, 0);
    vscodeRecord.ui.showInputBox = async () => '';
    const result = await commands.resolve([a.id]);
    assert.deepEqual(writes().map((c) => c.name), ['manage_incidents'], 'an empty note adds none');
    assert.equal(result?.succeeded, 1);
  });

  it('every failure is an error message', async () => {
    const a = incident();
    const { commands } = setup([a], { broken: { [a.id]: 'Incident Not Found' } });
    await commands.acknowledge([a.id]);
    assert.equal(vscodeRecord.messages[0]!.severity, 'error');
  });
});

describe('scope, notes and open', () => {
  it('setIncidentScope takes a scope, or asks with the scope labels', async () => {
    const { commands, scopes } = setup([]);
    await commands.setScope('teams');
    await commands.setScope('nonsense'); // asks; Escape
    let labels: string[] = [];
    vscodeRecord.ui.showQuickPick = async (items) => ((labels = items.map((i) => i.label)), items[3]);
    await commands.setScope(undefined);
    assert.deepEqual(labels, ["This workspace's services", 'Assigned to me', 'My teams', 'All incidents']);
    assert.deepEqual(scopes, ['teams', 'all']);
  });

  it('addNote with arguments writes the note and confirms in the status bar', async () => {
    const a = incident({ title: 'Disk full' });
    const { commands, store, writes } = setup([a]);
    await store.poll({ viewVisible: true });
    assert.deepEqual(await commands.addNote([{ id: a.id, note: 'looking' }]), { ok: true });
    assert.deepEqual(writes()[0]!.args, { incident_id: a.id, note: 'looking' });
    assert.deepEqual(vscodeRecord.statusMessages, [`Note added to #${a.number} Disk full`]);
  });

  it('openIncident finds the incident by number and opens its page unless told not to', async () => {
    const a = incident();
    const tools = fakeTools((name) => (name === 'get_incident' ? ok({ incident: a }) : failed('not_found', 'Incident Not Found')));
    const store = new IncidentsStore(tools.api, 'assigned');
    const commands = new IncidentCommands({
      session: { api: tools.api },
      log,
      views: { incidents: store, selection: () => [], refresh: async () => {}, setScope() {} },
    });
    vscodeRecord.executed.length = 0;
    assert.equal((await commands.openIncident({ id: `#${a.number}`, open: false }))?.id, a.id);
    assert.deepEqual(tools.calls.at(-1)!.args, { incident_id: String(a.number) });
    assert.deepEqual(vscodeRecord.executed, []);
    await commands.openIncident(a.id);
    assert.deepEqual(vscodeRecord.executed, [{ command: 'pagerduty.openIncidentPage', args: [a.id] }]);
  });

  it('openIncident checks the reference where it comes in: a malformed one is named in the error, and PagerDuty is not asked', async () => {
    const tools = fakeTools(() => failed('invalid_arguments', 'should not be called'));
    const commands = new IncidentCommands({
      session: { api: tools.api },
      log,
      views: { incidents: new IncidentsStore(tools.api, 'assigned'), selection: () => [], refresh: async () => {}, setScope() {} },
    });
    vscodeRecord.messages.length = 0;
    assert.equal(await commands.openIncident({ id: '../users/PABC', open: false }), undefined);
    assert.deepEqual(tools.calls, []);
    assert.deepEqual(vscodeRecord.messages, [{ severity: 'error', text: 'Not an incident id or number: ../users/PABC' }]);
  });
});
