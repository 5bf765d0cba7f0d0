// The Incidents tree in the scope "This workspace's services": the services section above the groups, each row's
// state and on-call, the mentions PagerDuty could not match, and what shows when the workspace names no service.
import '../support/installFakeVscode';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as vscode from 'vscode';
import type { IncidentTreeNode } from '../../src/views/incidentNodes';
import { IncidentsTreeProvider } from '../../src/views/incidentsTreeProvider';
import { IncidentsStore } from '../../src/views/stores/incidentsStore';
import type { ServicesSection, WorkspaceService } from '../../src/views/stores/workspaceServices';
import { entry, fakeTools, incident, ME, ok } from '../support/viewsBuilders';

const PAY: WorkspaceService = { id: 'PPAYAPI', name: 'Payments API', escalationPolicy: { id: 'PEP1', name: 'Platform Escalation' }, folders: ['payments'] };

function section(over: Partial<ServicesSection> = {}): ServicesSection {
  return { services: [PAY], unresolved: [], oncall: [entry({ user: { id: 'U1', name: 'Ann' } })], multiRoot: false, loaded: true, onDidChange: () => ({ dispose() {} }), ...over };
}

async function treeOf(s: ServicesSection, open = [incident({ service: { id: PAY.id, name: PAY.name } })]) {
  const { api } = fakeTools((name) => (name === 'get_user_data' ? ok({ user: ME }) : ok({ incidents: open, more: false })));
  const store = new IncidentsStore(api, 'workspace', undefined, () => s.services.map((x) => x.id));
  await store.poll({ viewVisible: true });
  const provider = new IncidentsTreeProvider(store, () => true, Date.now, s);
  const item = (node: IncidentTreeNode) => provider.getTreeItem(node) as vscode.TreeItem;
  return { provider, item };
}

describe("the Incidents tree in This workspace's services", () => {
  it('puts the services section above the groups: state, open incidents, who is on call', async () => {
    const { provider, item } = await treeOf(section());
    const roots = provider.getChildren();
    assert.deepEqual(roots.map((r) => item(r).label), ["This workspace's services", 'Triggered', 'Acknowledged']);
    const [row] = provider.getChildren(roots[0]);
    assert.deepEqual([item(row!).label, item(row!).description], ['Payments API', 'Critical · 1 open incident · on call: Ann']);
    assert.equal((item(row!).iconPath as vscode.ThemeIcon).id, 'error');
  });

  it('lists what PagerDuty could not match, with the reason and never an integration key', async () => {
    const unresolved = [{ source: { kind: 'integrationKey' as const, value: 'secretkey123', folder: 'payments', origin: 'catalog-info.yaml' }, why: 'No PagerDuty service has this integration key.' }];
    const { provider, item } = await treeOf(section({ services: [], unresolved }), []);
    const [group] = provider.getChildren();
    const [row] = provider.getChildren(group);
    const shown = item(row!);
    assert.deepEqual([shown.label, shown.description], ['Integration key in catalog-info.yaml', 'No PagerDuty service has this integration key.']);
    assert.ok(!JSON.stringify(shown).includes('secretkey123'));
  });

  it('says how to name the services when the workspace names none', async () => {
    const { provider, item } = await treeOf(section({ services: [] }), []);
    assert.deepEqual(provider.getChildren().map((r) => item(r).label), ['No PagerDuty services found for this workspace.', "No open incidents (This workspace's services)."]);
  });
});
