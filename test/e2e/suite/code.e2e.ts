// Incidents meet the code, in a real VS Code with test/fixtures/payments-workspace open against the simulator's code
// incidents (phase `code` of scripts/e2e/run.ts): the workspace scope, its services section and status bar, the
// Problems entries and CodeLens appearing and going away on resolve, the review document's content, the LM tool.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BulkResult } from '../../../src/commands/incidentCommands';
import type { PagerDutyExtensionApi } from '../../../src/extension';
import { screenshot, suite, test, before } from '../runner';
import { e2e, extensionApi, simulatorGet, waitFor } from './env';
import { record } from './transcript';

const SERVICE = 'PPAYAPI';
let api: PagerDutyExtensionApi;

const folder = () => vscode.workspace.workspaceFolders![0]!;
const fileUri = (path: string) => vscode.Uri.joinPath(folder().uri, ...path.split('/'));
const byTitle = (title: string) => api.views.incidents.incidents.find((i) => i.title === title);
const pagerDutyProblems = (path: string) => vscode.languages.getDiagnostics(fileUri(path)).filter((d) => d.source === 'PagerDuty');

function text(result: vscode.LanguageModelToolResult): string {
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

suite("incidents meet the code: this workspace's services", () => {
  before(async () => {
    api = await extensionApi();
    const result = await vscode.commands.executeCommand<{ outcome: string }>('pagerduty.signIn', { token: e2e.userToken() });
    assert.equal(result.outcome, 'signedIn');
  });

  test("finds the service in catalog-info.yaml and shows that scope, its services section and the status bar count", async () => {
    await waitFor('the Payments API service from catalog-info.yaml', () => api.views.workspaceServices.ids.includes(SERVICE), 30_000);
    // workers/catalog-info.yaml names the same service by its integration key: resolved too, so nothing is left over.
    assert.deepEqual(api.views.workspaceServices.ids, [SERVICE]);
    assert.deepEqual(api.views.workspaceServices.unresolved.map((u) => u.why), []);
    await waitFor("the scope This workspace's services", () => api.views.incidents.scope === 'workspace');
    await waitFor("this workspace's two open incidents", () => api.views.incidents.loaded && api.views.incidents.incidents.length === 2, 30_000);
    assert.deepEqual(api.views.incidents.incidents.map((i) => i.service?.id), [SERVICE, SERVICE]);
    const [servicesGroup] = api.views.incidentsTree.getChildren();
    assert.equal(servicesGroup?.kind, 'services');
    const rows = await waitFor('who is on call for the service', () => {
      const items = api.views.incidentsTree.getChildren(servicesGroup).map((n) => n.toTreeItem(Date.now()));
      return items.some((i) => /on call: /.test(String(i.description))) ? items : undefined;
    });
    assert.equal(rows[0]!.label, 'Payments API');
    assert.match(String(rows[0]!.description), /^Critical · 2 open incidents · on call: /);
    await waitFor('the status bar counting this workspace', () => /1 triggered in this workspace/.test(api.views.statusBar.text) || undefined);
    record('code: services section', `${rows[0]!.label}: ${rows[0]!.description}; status bar ${api.views.statusBar.text}`);
  }, { timeout: 60_000 });

  test('marks the lines open incidents name: Problems entries and CodeLens', async () => {
    const degraded = byTitle('Payment processing degraded')!;
    const charge = await waitFor('the Problems entry on charge.ts', () => pagerDutyProblems('src/payments/charge.ts').at(0), 30_000);
    assert.equal(charge.range.start.line, 11, 'line 12, where the seeded TypeError was thrown');
    assert.equal(charge.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(charge.message, new RegExp(`^PagerDuty #${degraded.number} · triggered \\d+m ago · Payment processing degraded$`));
    assert.equal(pagerDutyProblems('workers/refund.py').at(0)?.range.start.line, 8, 'the Python frame, line 9');
    const ledger = await waitFor('the acknowledged incident on main.go', () => pagerDutyProblems('cmd/ledger/main.go').at(0));
    assert.equal(ledger.severity, vscode.DiagnosticSeverity.Information);
    assert.deepEqual(pagerDutyProblems('src/main/java/com/acme/payments/Gateway.java'), [], 'a resolved incident marks nothing');
    // The CodeLens command reads an open document's model ("Illegal argument" otherwise).
    const editor = await vscode.window.showTextDocument(fileUri('src/payments/charge.ts'), { selection: new vscode.Range(11, 0, 11, 0) });
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', fileUri('src/payments/charge.ts'));
    const lens = lenses.find((l) => l.command?.title.startsWith(`PagerDuty #${degraded.number}`));
    assert.ok(lens, 'a CodeLens above the line');
    assert.equal(lens.range.start.line, 11);
    assert.deepEqual([lens.command!.command, lens.command!.arguments], ['pagerduty.openIncidentPage', [degraded.id]]);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('pagerduty.incidents.focus');
    await vscode.window.showTextDocument(editor.document);
    await screenshot('docs/code-hints.png');
  }, { timeout: 60_000 });

  test('the language-model tool finds the incidents that touch a file, fenced', async () => {
    const tool = vscode.lm.tools.find((t) => t.name === 'pagerduty_incidents_for_code');
    assert.ok(tool, 'contributed and registered');
    const result = await vscode.lm.invokeTool('pagerduty_incidents_for_code', { input: { files: ['src/payments/charge.ts'] }, toolInvocationToken: undefined });
    const answer = text(result);
    record('code: pagerduty_incidents_for_code', answer);
    assert.match(answer, /^Checked 1 file\(s\) against 3 incidents of Payments API in the last 90 days: 1 touch them\./);
    assert.ok(answer.includes('<<<PAGERDUTY_DATA') && answer.includes('alert frame: src/payments/charge.ts:12 (chargeCard)'), answer);
  });

  test('drafts the post-incident review as a Markdown document with frames linked into the repository', async () => {
    const resolved = await simulatorGet<{ incidents: { id: string; title: string }[] }>(`/incidents?service_ids[]=${SERVICE}&statuses[]=resolved&date_range=all`);
    const id = resolved.incidents.find((i) => i.title === 'Card capture timeouts')!.id;
    const drafted = await vscode.commands.executeCommand<{ uri: string; path: string }>('pagerduty.draftPostIncidentReview', id);
    assert.match(drafted.path, /^docs\/postmortems\/\d{4}-\d\d-\d\d-\d+-[a-z0-9-]+\.md$/);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === drafted.uri)!;
    assert.equal(document.uri.scheme, 'untitled', 'nothing is written until the engineer saves');
    assert.equal(document.languageId, 'markdown');
    const md = document.getText();
    record('code: review document', md);
    for (const heading of ['## Summary', '## Impact', '## Timeline', '## Alerts', '## Notes', '## Change events', '## Commits in the workspace', '## Responders', '## Root cause', '## Action items']) {
      assert.ok(md.includes(heading), heading);
    }
    assert.ok(md.includes('](../../src/main/java/com/acme/payments/Gateway.java#L9) (com\\.acme\\.payments\\.Gateway\\.capture)'), 'a frame as a relative link');
    assert.ok(md.includes('](../../app/models/invoice.rb#L6)'), 'the Ruby frame too');
    await screenshot('docs/post-incident-review.png');
  }, { timeout: 60_000 });

  test('the marks go away when the incident is resolved', async () => {
    const degraded = byTitle('Payment processing degraded')!;
    const result = await vscode.commands.executeCommand<BulkResult>('pagerduty.resolveIncidents', { ids: [degraded.id], note: 'Fixed in the charge handler.' });
    assert.equal(result.failed, 0);
    await api.views.refresh();
    await waitFor('the Problems entry gone from charge.ts', () => pagerDutyProblems('src/payments/charge.ts').length === 0, 30_000);
    assert.deepEqual(pagerDutyProblems('cmd/ledger/main.go').map((d) => d.range.start.line), [13, 21], 'the acknowledged one stays');
    await vscode.window.showTextDocument(fileUri('src/payments/charge.ts'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', fileUri('src/payments/charge.ts'));
    assert.equal(lenses.filter((l) => l.command?.title.startsWith('PagerDuty #')).length, 0);
  }, { timeout: 60_000 });
});
