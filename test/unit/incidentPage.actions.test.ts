import { vscodeRecord } from '../support/installFakeVscode';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { IncidentSummary } from '../../src/mcp/shape/incident';
import { runPageAction } from '../../src/views/incidentPage/actions';
import { openCommit } from '../../src/views/incidentPage/commits';
import { parsePageMessage } from '../../src/model/incidentPage/protocol';
import { failed, fakeTools, ok } from '../support/viewsBuilders';

const SHA = '3f2a9c1d0b7e4a6f8c5d2e1b0a9f8e7d6c5b4a39';

/** The built-in git extension as commits.ts sees it: repositories that know some commits. */
function fakeGit(repos: { root: string; commits: string[] }[], opts: { active?: boolean } = {}) {
  const api = {
    repositories: repos.map((r) => ({
      rootUri: { toString: () => r.root },
      getCommit: async (ref: string) => {
        const hash = r.commits.find((c) => c.startsWith(ref));
        if (!hash) throw new Error(`fatal: bad object ${ref}`);
        return { hash };
      },
    })),
  };
  let activations = 0;
  const extension = {
    isActive: opts.active ?? true,
    exports: { getAPI: () => api },
    activate: async () => {
      activations++;
      return { getAPI: () => api };
    },
  };
  vscodeRecord.extensions.set('vscode.git', extension);
  return { activations: () => activations };
}

beforeEach(() => {
  vscodeRecord.extensions.clear();
  vscodeRecord.executed.length = 0;
  vscodeRecord.opened.length = 0;
  vscodeRecord.messages.length = 0;
  vscodeRecord.statusMessages.length = 0;
  vscodeRecord.ui.showInputBox = async () => undefined;
});

describe('incident page: opening a change event commit', () => {
  it('a commit in a workspace repository opens there with git.viewCommit, not in the browser', async () => {
    fakeGit([
      { root: 'file:///ws/other', commits: ['aaaaaaa1111111'] },
      { root: 'file:///ws/checkout', commits: [SHA] },
    ]);
    const where = await openCommit(SHA.slice(0, 12), 'https://github.com/acme/checkout/commit/' + SHA);
    assert.equal(where, 'workspace');
    const view = vscodeRecord.executed.filter((e) => e.command === 'git.viewCommit');
    assert.equal(view.length, 1);
    assert.equal(String(view[0]!.args[0]), 'file:///ws/checkout', 'the repository that has the commit');
    assert.equal(view[0]!.args[1], SHA, 'the full hash git resolved');
    assert.deepEqual(vscodeRecord.opened, []);
  });

  it('activates the git extension when it is not active yet', async () => {
    const git = fakeGit([{ root: 'file:///ws/checkout', commits: [SHA] }], { active: false });
    assert.equal(await openCommit(SHA, undefined), 'workspace');
    assert.equal(git.activations(), 1);
  });

  it('a commit no workspace repository has: its link opens in the browser', async () => {
    fakeGit([{ root: 'file:///ws/checkout', commits: ['bbbbbbb2222222'] }]);
    const url = `https://github.com/acme/checkout/commit/${SHA}`;
    assert.equal(await openCommit(SHA, url), 'external');
    assert.deepEqual(vscodeRecord.opened, [url]);
    assert.equal(vscodeRecord.executed.some((e) => e.command === 'git.viewCommit'), false);
  });

  it('no git extension (or git disabled): the link opens in the browser', async () => {
    const url = `https://github.com/acme/checkout/commit/${SHA}`;
    assert.equal(await openCommit(SHA, url), 'external');
    vscodeRecord.extensions.set('vscode.git', { isActive: true, exports: { getAPI: () => { throw new Error('Git model not found'); } } });
    assert.equal(await openCommit(SHA, url), 'external');
    assert.deepEqual(vscodeRecord.opened, [url, url]);
  });

  it('neither in a repository nor linked (or an unsafe link): nothing opens and the user is told why', async () => {
    fakeGit([]);
    assert.equal(await openCommit(SHA, undefined), 'none');
    assert.equal(await openCommit(SHA, 'command:workbench.action.terminal.new'), 'none');
    assert.deepEqual(vscodeRecord.opened, []);
    assert.equal(vscodeRecord.messages.length, 2);
    assert.match(vscodeRecord.messages[0]!.text, /Commit 3f2a9c1d0b is not in an open git repository/);
  });
});

describe('incident page: Send Status Update', () => {
  const incident = { id: 'Q1ABC23', number: 1056, status: 'resolved', urgency: 'high' } as IncidentSummary;

  it('the page may ask for it: the message passes validation', () => {
    assert.deepEqual(parsePageMessage({ type: 'action', action: 'statusUpdate' }), { type: 'action', action: 'statusUpdate' });
    assert.equal(parsePageMessage({ type: 'action', action: 'statusUpdate', message: 'smuggled text' }), undefined, 'the text comes from VS Code’s input box, not the page');
  });

  it('asks for the text, then sends it with create_incident_status_update and confirms in the status bar', async () => {
    const tools = fakeTools((name) => (name === 'create_incident_status_update' ? ok({ status_update: { id: 'SU1' } }) : failed('invalid_arguments', name)));
    let asked: { title?: string } | undefined;
    vscodeRecord.ui.showInputBox = async (options) => ((asked = options), '  Rolled back; next update at 11:00.  ');
    assert.deepEqual(await runPageAction('statusUpdate', incident, tools.api), { error: undefined });
    assert.match(asked?.title ?? '', /#1056/);
    assert.deepEqual(tools.calls, [{ name: 'create_incident_status_update', args: { incident_id: 'Q1ABC23', message: 'Rolled back; next update at 11:00.' } }]);
    assert.match(vscodeRecord.statusMessages.join(), /Status update sent for #1056/);
  });

  it('Escape or an empty text sends nothing', async () => {
    const tools = fakeTools(() => ok({}));
    assert.equal(await runPageAction('statusUpdate', incident, tools.api), 'cancelled');
    vscodeRecord.ui.showInputBox = async () => '   ';
    assert.equal(await runPageAction('statusUpdate', incident, tools.api), 'cancelled');
    assert.deepEqual(tools.calls, []);
  });

  it("PagerDuty's refusal comes back as the error shown on the page, with no confirmation", async () => {
    const tools = fakeTools(() => failed('forbidden', 'Forbidden (403): status updates need the Stakeholder license'));
    vscodeRecord.ui.showInputBox = async () => 'Investigating';
    const outcome = await runPageAction('statusUpdate', incident, tools.api);
    assert.notEqual(outcome, 'cancelled');
    assert.match((outcome as { error?: string }).error ?? '', /Stakeholder license/);
    assert.deepEqual(vscodeRecord.statusMessages, []);
  });
});
