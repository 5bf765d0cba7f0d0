// Links the incident page offers to VS Code: every one must survive vscode.Uri.parse(url, true), and a failing click
// must not become an unhandled rejection (issue 20, item 7).
import { vscodeRecord } from '../support/installFakeVscode';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as vscode from 'vscode';
import type { CallResult } from '../../src/mcp/registry';
import { parseIncidentRef } from '../../src/model/incidentRef';
import { pagerDutyApi } from '../../src/model/pagerdutyApi';
import { IncidentPages } from '../../src/views/incidentPage/panel';
import { isSafeLink, safeLink } from '../../src/model/incidentPage/protocol';
import type { IncidentView } from '../../src/model/incidentPage/viewModel';

/** VS Code's own checks in Uri.parse(value, true) (src/vs/base/common/uri.ts), which throw on these. */
function vscodeUriParse(value: string): void {
  const m = /^(([^:/?#]+?):)?(\/\/([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?/.exec(value)!;
  const [scheme, authority, path] = [m[2] ?? '', m[4] ?? '', m[5] ?? ''];
  if (!scheme) throw new Error('[UriError]: Scheme is missing');
  if (!/^\w[\w\d+.-]*$/.test(scheme)) throw new Error('[UriError]: Scheme contains illegal characters.');
  if (path && authority && !path.startsWith('/')) throw new Error('[UriError]: path must begin with "/"');
  if (path && !authority && path.startsWith('//')) throw new Error('[UriError]: path cannot begin with "//"');
}

const HOSTILE = [' https://ci.example/build/1', 'ht\ttps://ci.example/build/2', '\nhttps://ci.example/build/3', 'https://ci.example/\nbuild/4', 'https:ci.example/build/5', 'https:\\\\ci.example\\build\\6', '\u0001https://ci.example/7'];

describe('incident page links', () => {
  it('isSafeLink accepts only links VS Code parses as they are; safeLink normalises the rest or refuses', () => {
    for (const url of [...HOSTILE, 'https://ci.example/ok', 'http://ci.example', 'javascript:alert(1)', 'command:workbench.action.quit', 'file:///etc/passwd', 'https://']) {
      if (isSafeLink(url)) assert.doesNotThrow(() => vscodeUriParse(url), JSON.stringify(url));
      const normal = safeLink(url);
      if (normal !== undefined) {
        assert.doesNotThrow(() => vscodeUriParse(normal), JSON.stringify(url));
        assert.ok(isSafeLink(normal), `${JSON.stringify(normal)} is safe as it is`);
        assert.match(normal, /^https?:\/\/ci\.example(\/|$)/);
      }
    }
    for (const url of HOSTILE) assert.equal(isSafeLink(url), false, JSON.stringify(url));
    assert.equal(safeLink(' https://ci.example/build/1'), 'https://ci.example/build/1');
    assert.equal(safeLink('ht\ttps://ci.example/build/2'), 'https://ci.example/build/2');
    assert.equal(safeLink('https://ci.example/ok'), 'https://ci.example/ok');
    for (const url of ['javascript:alert(1)', 'command:x', 'file:///etc/passwd', 'https://', 42, undefined]) assert.equal(safeLink(url), undefined, String(url));
  });

  it('the page is offered change-event links normalised and only clean text, and a click that fails is logged, not an unhandled rejection', async () => {
    const ok = (structuredContent: Record<string, unknown>): CallResult => ({ content: [{ type: 'text', text: '' }], structuredContent });
    const incident = { id: 'PINC1', number: 7, title: 'Deploy broke \u202echeckout\u200b', status: 'triggered', urgency: 'high', assignees: [], teams: [], html_url: ' https://acme.pagerduty.com/incidents/PINC1', created_at: '2026-11-25T07:55:00Z' };
    const change = { id: 'C1', summary: 'deploy', timestamp: '2026-11-25T07:50:00Z', links: HOSTILE.map((href) => ({ href })), html_url: 'ht\ttps://acme.pagerduty.com/changes/C1' };
    const callTool = async (name: string): Promise<CallResult> =>
      name === 'get_incident' ? ok({ incident }) : name === 'list_incident_change_events' ? ok({ change_events: [change] }) : { isError: true, content: [{ type: 'text', text: 'n/a' }] };
    const warnings: string[] = [];
    const log = { info() {}, debug() {}, show() {}, error: (m: string) => warnings.push(m), warn: (m: string) => warnings.push(m) };
    const pages = new IncidentPages({ api: pagerDutyApi(callTool), log, extensionUri: vscode.Uri.file('/ext'), refreshIntervalSeconds: () => 60, changed() {}, investigate: async () => undefined });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const env = vscode.env as { openExternal: (uri: unknown) => Thenable<boolean> };
    const openExternal = env.openExternal;
    try {
      await pages.open(parseIncidentRef('PINC1')!);
      const panel = vscodeRecord.webviewPanels.at(-1)!;
      panel.send({ type: 'ready' });
      const view = (panel.webview.posted.at(-1) as { view: IncidentView }).view;
      const links = view.changes.items[0]!.links.map((l) => l.href);
      assert.ok(links.length >= 3, JSON.stringify(links));
      for (const href of [...links, view.url, view.changes.items[0]!.url].filter((u): u is string => u !== undefined)) {
        assert.doesNotThrow(() => vscodeUriParse(href), JSON.stringify(href));
      }
      assert.ok(links.includes('https://ci.example/build/1'), 'a link with a leading space is offered normalised');
      // The page cleans its data as a whole too, as the card does: here the results bypass the toolbox's cleaning.
      assert.equal(view.title, 'Deploy broke checkout');
      assert.doesNotMatch(JSON.stringify(view), /[\u200b\u202e]/);

      env.openExternal = async () => {
        throw new Error('Scheme contains illegal characters.');
      };
      panel.send({ type: 'openLink', url: 'https://ci.example/build/1' });
      await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(unhandled, [], 'no unhandled rejection');
      assert.ok(warnings.some((w) => /openLink.*illegal characters/.test(w)), JSON.stringify(warnings));
    } finally {
      env.openExternal = openExternal;
      process.off('unhandledRejection', onUnhandled);
      pages.dispose();
    }
  });
});
