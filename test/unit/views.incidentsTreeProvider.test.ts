import { vscodeRecord } from '../support/installFakeVscode';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as vscode from 'vscode';
import type { IncidentTreeNode } from '../../src/views/incidentNodes';
import { IncidentsTreeProvider } from '../../src/views/incidentsTreeProvider';
import { IncidentsStore } from '../../src/views/stores/incidentsStore';
import { failed, fakeTools, incident, incidentsServer, ME, ok } from '../support/viewsBuilders';

const NOW = Date.parse('2026-01-10T10:12:00Z');

function tree(store: IncidentsStore, signedIn = true) {
  const provider = new IncidentsTreeProvider(store, () => signedIn, () => NOW);
  const events: (IncidentTreeNode | IncidentTreeNode[] | undefined)[] = [];
  provider.onDidChangeTreeData((e) => events.push(e));
  const view = { badge: undefined as vscode.ViewBadge | undefined, description: undefined as string | undefined };
  provider.attach(view as unknown as vscode.TreeView<IncidentTreeNode>);
  const item = (node: IncidentTreeNode) => provider.getTreeItem(node);
  return { provider, events, view, item };
}

describe('IncidentsTreeProvider', () => {
  it('signed out: no rows, so the welcome view shows', () => {
    const { provider } = tree(new IncidentsStore(incidentsServer({}).api, 'assigned'), false);
    assert.deepEqual(provider.getChildren(), []);
  });

  it('shows a loading row, then Triggered and Acknowledged groups with their incidents', async () => {
    const a = incident({ title: 'Disk full' });
    const b = incident({ status: 'acknowledged', urgency: 'low' });
    const store = new IncidentsStore(incidentsServer({ assigned: [a, b] }).api, 'assigned');
    const { provider, item, view } = tree(store);
    const loading = item(provider.getChildren()[0]!);
    assert.equal(loading.label, 'Loading incidents…');
    assert.equal((loading.iconPath as vscode.ThemeIcon).id, 'loading~spin');

    await store.poll({ viewVisible: true });
    const roots = provider.getChildren();
    assert.deepEqual(roots.map((r) => [item(r).label, item(r).description]), [['Triggered', '1'], ['Acknowledged', '1']]);
    const [first] = provider.getChildren(roots[0]);
    const row = item(first!);
    assert.equal(row.label, 'Disk full');
    assert.equal(row.description, `#${a.number} · Checkout API · 12m`);
    assert.equal(row.contextValue, 'incident;triggered;open;high;link;');
    assert.equal(provider.getParent(first!), roots[0]);
    assert.deepEqual(view.badge, { value: 1, tooltip: '1 triggered incidents (Assigned to me)' });
    assert.equal(view.description, 'Assigned to me');
  });

  it('a changed incident keeps its node and refreshes only that row', async () => {
    const a = incident();
    const b = incident({ created_at: '2026-01-01T00:00:00Z' });
    let list = [a, b];
    const store = new IncidentsStore(fakeTools((name) => (name === 'get_user_data' ? ok({ user: ME }) : ok({ incidents: list, more: false }))).api, 'assigned');
    const { provider, events } = tree(store);
    await store.poll({ viewVisible: true });
    const before = provider.nodeFor(b.id)!;
    list = [a, { ...b, title: 'Renamed' }];
    events.length = 0;
    await store.poll({ viewVisible: true });
    assert.equal(provider.nodeFor(b.id), before, 'same node instance');
    assert.equal(before.incident.title, 'Renamed');
    assert.deepEqual(events, [[before]]);
  });

  it('offers "Load more" when PagerDuty has more, with the count', async () => {
    const store = new IncidentsStore(fakeTools((name) => (name === 'get_user_data' ? ok({ user: ME }) : ok({ incidents: [incident()], more: true, total: 40 }))).api, 'assigned');
    const { provider, item } = tree(store);
    await store.poll({ viewVisible: true });
    const more = item(provider.getChildren().at(-1)!);
    assert.equal(more.label, 'Load more…');
    assert.equal(more.description, '1 of 40');
    assert.equal(more.command?.command, 'pagerduty.loadMoreIncidents');
  });

  it('an empty scope says so with the scope label', async () => {
    const store = new IncidentsStore(incidentsServer({ assigned: [], all: [] }).api, 'all');
    const { provider, item, view } = tree(store);
    await store.poll({ viewVisible: true });
    assert.equal(item(provider.getChildren()[0]!).label, 'No open incidents (All incidents).');
    assert.equal(view.description, 'All incidents');
  });

  it('a rejected token shows one error row whose click signs in', async () => {
    const store = new IncidentsStore(fakeTools(() => failed('unauthorized', 'PagerDuty rejected the API token (401)')).api, 'assigned');
    const { provider, item } = tree(store);
    await store.poll({ viewVisible: true });
    const roots = provider.getChildren();
    assert.equal(roots.length, 1);
    const row = item(roots[0]!);
    assert.equal(row.label, 'PagerDuty rejected the token: sign in again.');
    assert.equal(row.command?.command, 'pagerduty.signIn');
    assert.equal(row.contextValue, 'error;');
    assert.match(String(row.tooltip), /401[\s\S]*Click to sign in/);
    assert.equal(vscodeRecord.messages.length, 0, 'no popup: the tree shows it');
  });
});
