import '../support/installFakeVscode';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OncallStore } from '../../src/views/stores/oncallStore';
import type { OncallTreeNode } from '../../src/views/oncallNodes';
import type { TreeNode } from '../../src/views/treeNode';
import { OncallTreeProvider } from '../../src/views/oncallTreeProvider';
import { entry, failed, fakeTools, ME, ok } from '../support/viewsBuilders';

const NOW = Date.parse('2026-01-10T12:00:00Z');
const url = (node: OncallTreeNode | undefined) => (node as TreeNode).url;
const mine = entry({ user: { id: ME.id, name: ME.name }, escalation_policy: { id: 'PEP2', name: 'Payments' } });
const everyone = [
  entry({ user: { id: 'PU2', name: 'Bo' }, escalation_level: 2 }),
  entry({ user: { id: 'PU1', name: 'Ann' } }),
  entry({ user: { id: ME.id, name: ME.name }, escalation_policy: { id: 'PEP2', name: 'Payments' } }),
  entry({ user: { id: 'PU3', name: 'Cy' }, schedule: null, start: null, end: null }),
];

async function loaded(answer = (args: Record<string, unknown>) => ok({ entries: args.user_ids ? [mine] : everyone }), me: typeof ME | undefined = ME) {
  const store = new OncallStore(fakeTools((_name, args) => answer(args)).api, () => ME, () => NOW);
  await store.poll({ viewVisible: true });
  return tree(store, me);
}

function tree(store: OncallStore, me: typeof ME | undefined = ME) {
  const provider = new OncallTreeProvider(store, () => me, () => true, () => NOW);
  const label = (n: OncallTreeNode) => String(provider.getTreeItem(n).label);
  return { provider, label, item: (n: OncallTreeNode) => provider.getTreeItem(n) };
}

describe('OncallTreeProvider', () => {
  it('shows a loading row until the first poll', () => {
    const { provider, label } = tree(new OncallStore(fakeTools(() => ok({ entries: [] })).api, () => ME, () => NOW));
    assert.deepEqual(provider.getChildren().map(label), ['Loading on-call…']);
  });

  it('my status first, then my policies first, then levels and people in order', async () => {
    const { provider, label } = await loaded();
    const roots = provider.getChildren();
    assert.deepEqual(roots.map(label), ['You are on call', 'Payments', 'Platform Escalation']);
    const platform = roots[2]!;
    const levels = provider.getChildren(platform);
    assert.deepEqual(levels.map(label), ['Level 1', 'Level 2']);
    assert.deepEqual(provider.getChildren(levels[0]).map(label), ['Ann', 'Cy']);
    assert.deepEqual(provider.getChildren(levels[1]).map(label), ['Bo']);
  });

  it('people rows say until when and through which schedule; links come from my account', async () => {
    const { provider, item } = await loaded();
    const platform = provider.getChildren()[2]!;
    const [ann, cy] = provider.getChildren(provider.getChildren(platform)[0]);
    assert.match(String(item(ann!).description), /^Platform Primary · until /);
    assert.equal(item(cy!).description, 'always');
    assert.equal(item(ann!).contextValue, 'oncallUser;link;');
    assert.equal(url(ann), 'https://acme.pagerduty.com/users/PU1');
    assert.equal(url(platform), 'https://acme.pagerduty.com/escalation_policies/PEP1');
    assert.equal(item(platform).contextValue, 'escalationPolicy;link;');
  });

  it('without my web address there are no links', async () => {
    const { provider, item } = await loaded(undefined, { ...ME, html_url: '' });
    const policy = provider.getChildren()[1]!;
    assert.equal(url(policy), undefined);
    assert.equal(item(policy).contextValue, 'escalationPolicy;');
  });

  it('nobody on call: my status and a message', async () => {
    const { provider, label } = await loaded(() => ok({ entries: [] }));
    assert.deepEqual(provider.getChildren().map(label), ['Not on call', 'Nobody is on call right now.']);
  });

  it('a failed poll shows one error row with Retry', async () => {
    const { provider, item } = await loaded(() => failed('network', 'connect ECONNREFUSED'));
    const roots = provider.getChildren();
    assert.equal(roots.length, 1);
    assert.equal(item(roots[0]!).label, 'Cannot reach PagerDuty: retrying automatically.');
    assert.equal(item(roots[0]!).command?.command, 'pagerduty.refresh');
  });
});
