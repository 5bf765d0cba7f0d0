// The sidebar in a real VS Code against the simulator: the Incidents and On-Call trees, the palette commands
// (driven through their automation arguments), the status bar, and the docs screenshots.
// Runs after mcp.e2e, which signs out: the suite starts signed out (welcome view) and signs in itself.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BulkResult } from '../../../src/commands/incidentCommands';
import type { IncidentTreeNode } from '../../../src/views/incidentNodes';
import type { ViewsApi } from '../../../src/views';
import type { OncallTreeNode } from '../../../src/views/oncallNodes';
import { screenshot, suite, test, before } from '../runner';
import { e2e, extensionApi, simulatorGet, waitFor } from './env';

interface SimIncident {
  id: string;
  incident_number: number;
  status: string;
  title: string;
}

let views: ViewsApi;
let meId: string;
let signedOutRoots: number | undefined;

/** What the Incidents tree shows: group → incident ids, read through the same provider the view uses. */
function treeGroups(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const root of views.incidentsTree.getChildren()) {
    if (root.kind !== 'group') continue;
    out[root.status] = views.incidentsTree.getChildren(root).map((n: IncidentTreeNode) => (n.kind === 'incident' ? n.incident.id : '?'));
  }
  return out;
}

async function simIncidents(query: string): Promise<SimIncident[]> {
  return (await simulatorGet<{ incidents: SimIncident[] }>(`/incidents?${query}&limit=100`)).incidents;
}

const myOpenQuery = () => `user_ids[]=${meId}&statuses[]=triggered&statuses[]=acknowledged`;

suite('sidebar views', () => {
  before(async () => {
    const api = await extensionApi();
    views = api.views;
    await api.session.ready;
    if (api.session.state === 'signedOut') signedOutRoots = views.incidentsTree.getChildren().length + views.oncallTree.getChildren().length;
    await vscode.commands.executeCommand('pagerduty.signIn', { token: e2e.userToken() });
    await waitFor('signed in', () => api.session.state === 'signedIn');
    meId = (await simulatorGet<{ user: { id: string } }>('/users/me')).user.id;
    await vscode.commands.executeCommand('workbench.view.extension.pagerduty');
    await vscode.commands.executeCommand('pagerduty.setIncidentScope', 'assigned');
    await views.refresh();
  });

  test('signed out, both trees are empty so the welcome view with Sign In shows', () => {
    assert.equal(signedOutRoots, 0);
  });

  test('the Incidents tree shows my open incidents from the simulator, grouped', async () => {
    const sim = await simIncidents(myOpenQuery());
    assert.ok(sim.some((i) => i.status === 'triggered'), 'the seed has triggered incidents assigned to me');
    const groups = await waitFor('the tree to load', () => (views.incidents.loaded ? treeGroups() : undefined));
    const expect = (status: string) => sim.filter((i) => i.status === status).map((i) => i.id).sort();
    assert.deepEqual([...(groups.triggered ?? [])].sort(), expect('triggered'));
    assert.deepEqual([...(groups.acknowledged ?? [])].sort(), expect('acknowledged'));
    const first = views.incidentsTree.getChildren(views.incidentsTree.getChildren()[0]!)[0]!;
    const item = views.incidentsTree.getTreeItem(first);
    assert.match(String(item.contextValue), /^incident;triggered;open;(high|low);link;$/);
    assert.match(String(item.description), /^#\d+ · .+ · \d+[smhd]$/);
    console.log(`tree: ${groups.triggered?.length} triggered, ${groups.acknowledged?.length} acknowledged`);
  });

  test('the status bar shows my on-call state and triggered count', async () => {
    const triggered = (await simIncidents(`user_ids[]=${meId}&statuses[]=triggered`)).length;
    const text = await waitFor('status bar text', () => (views.oncall.loaded ? views.statusBar.text : undefined));
    // The seed puts me on Platform Primary's current turn.
    assert.equal(text, `$(broadcast) On call · ${triggered} triggered`);
    assert.equal(views.statusBar.command, 'pagerduty.incidents.focus');
  });

  test('screenshot of the Incidents view', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    // A wider sidebar so titles and descriptions are readable in the docs (resizes the focused part).
    await vscode.commands.executeCommand('pagerduty.incidents.focus');
    for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.increaseViewSize');
    await new Promise((r) => setTimeout(r, 800));
    await screenshot('docs/incidents-view.png');
  }, { timeout: 30_000 });

  test('acknowledging from the palette command changes the simulator and moves the incident in the tree', async () => {
    const target = treeGroups().triggered![0]!;
    const result = await vscode.commands.executeCommand<BulkResult>('pagerduty.acknowledgeIncidents', [target]);
    assert.equal(result.succeeded, 1, JSON.stringify(result));
    const sim = await simulatorGet<{ incident: SimIncident }>(`/incidents/${target}`);
    assert.equal(sim.incident.status, 'acknowledged');
    const groups = treeGroups();
    assert.ok(!groups.triggered?.includes(target), 'left Triggered');
    assert.ok(groups.acknowledged?.includes(target), 'now under Acknowledged');
    assert.match(result.message ?? '', /^Acknowledged 1 of 1 incidents\.$/);
  });

  test('resolving with a note adds the note, resolves, and removes it from the tree', async () => {
    const target = treeGroups().acknowledged![0]!;
    const note = `Resolved from the e2e suite at ${new Date().toISOString()}`;
    const result = await vscode.commands.executeCommand<BulkResult>('pagerduty.resolveIncidents', { ids: [target], note });
    assert.equal(result.succeeded, 1, JSON.stringify(result));
    assert.equal((await simulatorGet<{ incident: SimIncident }>(`/incidents/${target}`)).incident.status, 'resolved');
    const notes = (await simulatorGet<{ notes: { content: string }[] }>(`/incidents/${target}/notes`)).notes;
    assert.ok(notes.some((n) => n.content === note), 'the note is on the incident');
    const groups = treeGroups();
    assert.ok(![...(groups.triggered ?? []), ...(groups.acknowledged ?? [])].includes(target));
  });

  test('a bulk action where one incident fails reports it in one summary', async () => {
    const target = treeGroups().triggered![0]!;
    const bogus = 'PNOSUCH9';
    const result = await vscode.commands.executeCommand<BulkResult>('pagerduty.acknowledgeIncidents', { ids: [target, bogus] });
    assert.equal(result.succeeded, 1, JSON.stringify(result));
    assert.equal(result.failed, 1);
    assert.equal(result.results.find((r) => !r.ok)?.incident_id, bogus);
    assert.match(result.message ?? '', new RegExp(`^Acknowledged 1 of 2 incidents\\. Failed: ${bogus}: .+`));
    assert.equal((await simulatorGet<{ incident: SimIncident }>(`/incidents/${target}`)).incident.status, 'acknowledged');
  });

  test('the On-Call view shows who the simulator has on call now, and my status first', async () => {
    await vscode.commands.executeCommand('pagerduty.oncall.focus');
    await waitFor('on-call for everyone', () => views.oncall.entries.length > 0 || undefined, 20_000);
    const now = Date.now();
    const sim = (await simulatorGet<{ oncalls: { user: { id: string; summary: string }; start: string | null; end: string | null }[] }>('/oncalls?limit=100')).oncalls;
    const current = sim.filter((o) => (!o.start || Date.parse(o.start) <= now) && (!o.end || now < Date.parse(o.end)));
    const expected = [...new Set(current.map((o) => o.user.summary))].sort();
    const tree = views.oncallTree;
    const roots = tree.getChildren();
    assert.equal(tree.getTreeItem(roots[0]!).label, 'You are on call');
    const names = new Set<string>();
    for (const policy of roots.filter((n: OncallTreeNode) => n.kind === 'policy')) {
      for (const level of tree.getChildren(policy)) {
        for (const entry of tree.getChildren(level)) names.add(String(tree.getTreeItem(entry).label));
      }
    }
    assert.deepEqual([...names].sort(), expected);
    assert.ok(names.has(e2e.me().name));
    await new Promise((r) => setTimeout(r, 800));
    await screenshot('docs/oncall-view.png');
  }, { timeout: 40_000 });
});
