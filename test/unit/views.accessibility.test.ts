// What a screen reader says for each row of the PagerDuty trees: the row's visible label and description (the same
// local times), status and urgency in the user's language. VS Code reads the tooltip when a row has no
// accessibilityInformation, so every row must have it. Translation is checked with a pseudo-locale that marks every
// string passed through vscode.l10n.t.
import '../support/installFakeVscode';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type * as vscode from 'vscode';
import { IncidentsTreeProvider } from '../../src/views/incidentsTreeProvider';
import { IncidentsStore } from '../../src/views/stores/incidentsStore';
import { formatWhen } from '../../src/views/stores/oncall';
import { OncallStore } from '../../src/views/stores/oncallStore';
import { OncallTreeProvider } from '../../src/views/oncallTreeProvider';
import { entry, fakeTools, incident, incidentsServer, ME, ok } from '../support/viewsBuilders';

const NOW = Date.parse('2026-01-10T10:12:00Z');
const l10n = (require('vscode') as typeof vscode).l10n as { t: (message: string, ...args: string[]) => string };
const english = l10n.t;
/** Every message through vscode.l10n.t comes back as ⟦message⟧ with its arguments filled in. */
const pseudo = (message: string, ...args: string[]) => `⟦${message.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? '')}⟧`;

interface Provider<T> {
  getChildren(node?: T): T[];
  getTreeItem(node: T): vscode.TreeItem;
}

function allItems<T>(provider: Provider<T>, nodes = provider.getChildren()): vscode.TreeItem[] {
  return nodes.flatMap((node) => [provider.getTreeItem(node), ...allItems(provider, provider.getChildren(node) ?? [])]);
}

function assertNamesShowWhatIsShown(items: vscode.TreeItem[]) {
  assert.ok(items.length > 0);
  for (const item of items) {
    const name = item.accessibilityInformation?.label;
    assert.ok(name, `"${String(item.label)}" has an accessible name (else VS Code reads its tooltip)`);
    assert.ok(name.includes(String(item.label)), `"${name}" contains the label "${String(item.label)}"`);
    if (item.description) assert.ok(name.includes(String(item.description)), `"${name}" contains the description "${String(item.description)}"`);
  }
}

async function incidentsTree() {
  const incidents = [incident({ title: 'Disk full', created_at: '2026-01-10T10:00:00Z' }), incident({ status: 'acknowledged', urgency: 'low' })];
  const store = new IncidentsStore(incidentsServer({ assigned: incidents }).api, 'assigned');
  await store.poll({ viewVisible: true });
  return new IncidentsTreeProvider(store, () => true, () => NOW);
}

async function oncallTree() {
  const mine = entry({ user: { id: ME.id, name: ME.name }, end: '2026-01-12T10:00:00Z' });
  const everyone = [mine, entry({ user: { id: 'PU2', name: 'Bo' }, escalation_level: 2, end: '2026-01-10T18:00:00Z' }), entry({ user: { id: 'PU3', name: 'Cy' }, schedule: null, start: null, end: null })];
  const store = new OncallStore(fakeTools((_name, args) => ok({ entries: args.user_ids ? [mine] : everyone })).api, () => ME, () => NOW);
  await store.poll({ viewVisible: true });
  return new OncallTreeProvider(store, () => ME, () => true, () => NOW);
}

describe('tree rows: accessible names', () => {
  beforeEach(() => (l10n.t = english));
  afterEach(() => (l10n.t = english));

  it('Incidents: every row names its label and description, then urgency and status in words', async () => {
    const provider = await incidentsTree();
    const items = allItems(provider);
    assertNamesShowWhatIsShown(items);
    const row = items.find((i) => i.label === 'Disk full')!;
    assert.match(row.accessibilityInformation!.label, /^Disk full, #\d+ · Checkout API · 12m, High urgency, Triggered$/);
    const group = items.find((i) => i.label === 'Acknowledged')!;
    assert.equal(group.accessibilityInformation?.label, 'Acknowledged, 1 incidents');
  });

  it('Incidents: urgency and status are translated, never the raw API values (also in the tooltip)', async () => {
    l10n.t = pseudo;
    const provider = await incidentsTree();
    const row = allItems(provider).find((i) => i.label === 'Disk full')!;
    const name = row.accessibilityInformation!.label;
    assert.ok(name.includes('⟦High urgency⟧') && name.includes('⟦Triggered⟧'), name);
    assert.doesNotMatch(name, /\bhigh\b|\btriggered\b/);
    const tooltip = (row.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /⟦Triggered⟧, ⟦High urgency⟧/);
    assert.doesNotMatch(tooltip, /2026-01-10T10:00:00Z/, 'the creation time in the user\'s locale, not ISO');
  });

  it('On-Call: every row has a name with what it shows; times as shown (local), never ISO; my rows say so', async () => {
    const provider = await oncallTree();
    const items = allItems(provider);
    assertNamesShowWhatIsShown(items);
    const me = items.find((i) => i.id === 'oncall/me')!;
    assert.equal(me.accessibilityInformation?.label, `You are on call, until ${formatWhen('2026-01-12T10:00:00Z', NOW)} (Platform Escalation)`);
    const bo = items.find((i) => i.label === 'Bo')!;
    assert.equal(bo.accessibilityInformation?.label, `Bo, Platform Primary · until ${formatWhen('2026-01-10T18:00:00Z', NOW)}`);
    assert.ok(String(bo.tooltip).includes(formatWhen('2026-01-10T18:00:00Z', NOW)));
    assert.ok(items.find((i) => i.label === ME.name)!.accessibilityInformation!.label.endsWith('(you)'));
    for (const item of items) {
      assert.doesNotMatch(item.accessibilityInformation!.label, /\d{4}-\d\d-\d\dT/, 'no ISO time read aloud');
      assert.doesNotMatch(String(item.tooltip ?? ''), /\d{4}-\d\d-\d\dT/, 'no ISO time in a tooltip');
    }
  });

  it('On-Call: the names go through vscode.l10n.t', async () => {
    l10n.t = pseudo;
    const provider = await oncallTree();
    for (const item of allItems(provider)) assert.match(item.accessibilityInformation!.label, /^⟦.*⟧$/, String(item.label));
  });
});
