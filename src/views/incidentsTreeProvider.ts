// The Incidents tree: reads IncidentsStore, keeps node identity stable, and refreshes only what a poll changed.
import * as vscode from 'vscode';
import { VIEWS } from '../contributions';
import { GroupNode, IncidentNode, type IncidentTreeNode } from './incidentNodes';
import { MessageNode } from './messageNode';
import { badgeCount, groupIncidents, GROUPS, type OpenStatus } from './stores/incidents';
import type { IncidentsStore, StoreChange } from './stores/incidentsStore';
import { scopeLabel as label, type Scope } from './stores/scope';
import { serviceRows, type ServicesSection } from './stores/workspaceServices';
import { ServiceNode, ServicesGroupNode, UnresolvedServiceNode } from './serviceNodes';

const scopeLabel = (scope: Scope) => label(scope, vscode.l10n.t);

export class IncidentsTreeProvider implements vscode.TreeDataProvider<IncidentTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<IncidentTreeNode | IncidentTreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly groups: Record<OpenStatus, GroupNode> = { triggered: new GroupNode('triggered'), acknowledged: new GroupNode('acknowledged') };
  private readonly nodes = new Map<string, IncidentNode>();
  private view?: vscode.TreeView<IncidentTreeNode>;
  private readonly services = new ServicesGroupNode();
  private readonly subscriptions: { dispose(): void }[];
  private rootShape = '';

  constructor(
    private readonly store: IncidentsStore,
    private readonly isSignedIn: () => boolean,
    private readonly now: () => number = Date.now,
    /** This workspace's services, shown above the incidents in that scope. */
    private readonly section?: ServicesSection,
  ) {
    this.subscriptions = [store.onDidChange((change) => this.onStoreChange(change))];
    if (section) this.subscriptions.push(section.onDidChange(() => this.refreshAll()));
    this.syncNodes();
  }

  attach(view: vscode.TreeView<IncidentTreeNode>): void {
    this.view = view;
    this.updateViewChrome();
  }

  /** Fires tree events for what changed only; a different root shape (error, empty, load more) refreshes all. */
  private onStoreChange(change: StoreChange): void {
    const changedNodes = this.syncNodes();
    this.updateViewChrome();
    const shape = this.computeRootShape();
    if (change.viewReset || shape !== this.rootShape) {
      this.rootShape = shape;
      this.changed.fire(undefined);
      return;
    }
    if (!change.view) return;
    const targets: IncidentTreeNode[] = change.view.regrouped.map((s) => this.groups[s]);
    for (const node of changedNodes) if (!targets.includes(node.parent)) targets.push(node);
    if (targets.length) this.changed.fire(targets);
  }

  /** Updates node instances from the store; returns nodes whose incident changed in place. */
  private syncNodes(): IncidentNode[] {
    const grouped = groupIncidents(this.store.incidents);
    const updated: IncidentNode[] = [];
    const live = new Set<string>();
    for (const status of GROUPS) {
      this.groups[status].count = grouped[status].length;
      for (const incident of grouped[status]) {
        live.add(incident.id);
        const node = this.nodes.get(incident.id);
        if (!node) {
          this.nodes.set(incident.id, new IncidentNode(incident, this.groups[status]));
        } else if (node.incident !== incident) {
          node.incident = incident;
          node.parent = this.groups[status];
          updated.push(node);
        }
      }
    }
    for (const id of [...this.nodes.keys()]) if (!live.has(id)) this.nodes.delete(id);
    return updated;
  }

  private computeRootShape(): string {
    const s = this.store;
    const services = this.section?.services.length ?? 0;
    return JSON.stringify([this.isSignedIn(), s.error?.kind ?? null, s.error?.message ?? null, s.loaded, s.incidents.length === 0, s.more, s.scope, services]);
  }

  private updateViewChrome(): void {
    if (!this.view) return;
    const count = badgeCount(this.store.incidents);
    this.view.badge = count ? { value: count, tooltip: vscode.l10n.t('{0} triggered incidents ({1})', String(count), scopeLabel(this.store.scope)) } : undefined;
    this.view.description = this.isSignedIn() ? scopeLabel(this.store.scope) : undefined;
  }

  /** Full refresh (e.g. the clock moved on and ages changed). */
  refreshAll(): void {
    this.syncNodes();
    this.updateViewChrome();
    this.rootShape = this.computeRootShape();
    this.changed.fire(undefined);
  }

  getTreeItem(node: IncidentTreeNode): vscode.TreeItem {
    return node.toTreeItem(this.now());
  }

  getChildren(node?: IncidentTreeNode): IncidentTreeNode[] {
    if (!node) return this.rootChildren();
    if (node.kind === 'services') return this.serviceChildren();
    if (node.kind !== 'group') return [];
    return groupIncidents(this.store.incidents)[node.status].map((i) => this.nodes.get(i.id)!).filter(Boolean);
  }

  getParent(node: IncidentTreeNode): IncidentTreeNode | undefined {
    return node.kind === 'incident' ? node.parent : undefined;
  }

  /** The node of an incident, for reveal() and for commands invoked with an id. */
  nodeFor(incidentId: string): IncidentNode | undefined {
    return this.nodes.get(incidentId);
  }

  private rootChildren(): IncidentTreeNode[] {
    // Signed out: no children, so the welcome view (viewsWelcome) with its Sign In button shows.
    if (!this.isSignedIn()) return [];
    const s = this.store;
    if (s.error) return [MessageNode.fromError(s.error, VIEWS.incidents)];
    const top = this.servicesTop();
    if (!s.loaded) return [...top, MessageNode.loading(VIEWS.incidents, vscode.l10n.t('Loading incidents…'))];
    if (s.incidents.length === 0) {
      return [...top, MessageNode.empty(VIEWS.incidents, vscode.l10n.t('No open incidents ({0}).', scopeLabel(s.scope)), 'check')];
    }
    const roots: IncidentTreeNode[] = [...top, this.groups.triggered, this.groups.acknowledged];
    if (s.more) roots.push(MessageNode.loadMore(VIEWS.incidents, s.incidents.length, s.total));
    return roots;
  }

  /** In "This workspace's services": the services section, or why it is empty. */
  private servicesTop(): IncidentTreeNode[] {
    const section = this.section;
    if (this.store.scope !== 'workspace' || !section) return [];
    if (!section.loaded && !section.services.length) return [MessageNode.loading(VIEWS.incidents, vscode.l10n.t("Finding this workspace's services…"))];
    this.services.count = section.services.length;
    if (section.services.length || section.unresolved.length) return [this.services];
    return [
      new MessageNode(`${VIEWS.incidents}/noServices`, vscode.l10n.t('No PagerDuty services found for this workspace.'), {
        icon: 'info',
        tooltip: vscode.l10n.t('Add the pagerduty.com/service-id annotation to a catalog-info.yaml (at a folder root or one level down), or list the services in the pagerduty.workspaceServices setting.'),
      }),
    ];
  }

  private serviceChildren(): IncidentTreeNode[] {
    const section = this.section;
    if (!section) return [];
    const rows = serviceRows(section.services, this.store.incidents, section.oncall, section.multiRoot, vscode.l10n.t);
    return [
      ...rows.map((row, i) => new ServiceNode(row, section.services[i]!.url)),
      ...section.unresolved.map((problem) => new UnresolvedServiceNode(problem)),
    ];
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
