// The incident page's script in a DOM (happy-dom), driven by the extension's messages as the panel sends them: where
// focus goes after an action, the one live region and what it says, aria-busy, the toolbar's arrow keys, and that
// every control's accessible name is unique. The real VS Code run (test/e2e/ui/incidentPageA11y.ts) checks the same
// with axe-core and a keyboard.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GlobalRegistrator } from '@happy-dom/global-registrator';
import type { CallResult } from '../../src/model/callResult';
import type { HostMessage, PageMessage } from '../../src/model/incidentPage/protocol';
import { buildIncidentView, type IncidentView } from '../../src/model/incidentPage/viewModel';
import { formatOnly } from '../../src/model/translate';

const NOW = Date.parse('2026-11-25T10:00:00Z');
const ok = (structuredContent: Record<string, unknown>): CallResult => ({ content: [{ type: 'text', text: 'ok' }], structuredContent });

function view(status: 'triggered' | 'acknowledged'): IncidentView {
  const built = buildIncidentView(
    {
      incident: ok({ incident: { id: 'Q1', number: 1056, title: 'Disk full', status, urgency: 'high', html_url: 'https://acme.pagerduty.com/incidents/Q1', created_at: '2026-11-25T07:55:00Z' } }),
      alerts: ok({ alerts: [1, 2].map((n) => ({ id: `A${n}`, summary: `Disk ${n} full`, severity: 'critical', status: 'triggered', html_url: `https://acme.pagerduty.com/alerts/A${n}` })) }),
      changes: ok({ change_events: [1, 2].map((n) => ({ id: `C${n}`, summary: `Deploy v2.${n}`, timestamp: '2026-11-25T07:50:00Z', links: [{ href: `https://ci.example.com/${n}`, text: 'Release notes' }] })) }),
      related: ok({ related_incidents: [{ id: 'Q2', number: 1061, title: 'Checkout latency' }, { id: 'Q4', number: 1062, title: 'Checkout latency' }] }),
      past: ok({ past_incidents: [{ id: 'Q3', title: 'Disk full', created_at: '2026-10-02T08:00:00Z' }, { id: 'Q5', title: 'Disk full', created_at: '2026-09-14T08:00:00Z' }] }),
    },
    NOW,
    formatOnly,
  );
  assert.ok(!('error' in built));
  return built;
}

const posted: PageMessage[] = [];
const send = (message: HostMessage) => window.dispatchEvent(new window.MessageEvent('message', { data: message }));
const $ = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const action = (name: string) => $<HTMLButtonElement>(`[data-action="${name}"]`);
const toolbarButtons = () => Array.from(document.querySelectorAll<HTMLButtonElement>('[role="toolbar"] > button'));
const press = (key: string) => document.activeElement!.dispatchEvent(new window.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));

describe('incident page in a DOM: focus, announcements, toolbar, names', () => {
  before(async () => {
    GlobalRegistrator.register({ url: 'https://page.test/' });
    document.body.innerHTML = '<div id="root" aria-busy="true"></div>';
    const api = { postMessage: (m: PageMessage) => posted.push(m), getState: () => undefined, setState: () => undefined };
    (globalThis as { acquireVsCodeApi?: unknown }).acquireVsCodeApi = () => api;
    // By a variable: the page script is type-checked with the webviews' own tsconfig (DOM, no Node).
    const pageScript = '../../src/webviews/incidentPage/main.ts';
    await import(pageScript);
    assert.deepEqual(posted, [{ type: 'ready' }]);
    send({ type: 'view', view: view('triggered') });
  });
  after(() => GlobalRegistrator.unregister());

  it('aria-busy: the page is busy until its first view, then only the parts an action reloads, only while it runs', () => {
    assert.equal($('#root').getAttribute('aria-busy'), 'false');
    const parts = () => Array.from(document.querySelectorAll('main > div:not([role])')).map((p) => p.getAttribute('aria-busy'));
    assert.deepEqual(parts(), ['false', 'false']);
    send({ type: 'busy', action: 'refresh' });
    assert.deepEqual(parts(), ['true', 'true']);
    assert.equal($('#action-status').closest('[aria-busy="true"]'), null, 'the live region is never inside a busy part (it would not be heard)');
    send({ type: 'view', view: view('triggered') });
    send({ type: 'done', action: 'refresh' });
    assert.deepEqual(parts(), ['false', 'false']);
  });

  it('Refresh: focus stays on the button through busy, reload and done; one live region says working, then done', () => {
    const region = $('#action-status');
    action('refresh').focus();
    send({ type: 'busy', action: 'refresh' });
    assert.equal(document.activeElement, action('refresh'), 'the busy render keeps the focused button');
    assert.equal(action('refresh').getAttribute('aria-disabled'), 'true', 'unavailable while busy, yet focusable');
    assert.equal(action('refresh').disabled, false);
    assert.equal($('#action-status'), region, 'the same live region');
    assert.equal(region.textContent, 'Refresh: working…');
    send({ type: 'view', view: view('triggered') });
    send({ type: 'done', action: 'refresh' });
    assert.equal(document.activeElement, action('refresh'));
    assert.equal(action('refresh').hasAttribute('aria-disabled'), false);
    assert.equal($('#action-status'), region);
    assert.equal(region.textContent, 'Refresh: done.');
    assert.equal(document.querySelectorAll('[role="status"], [aria-live]').length, 1, 'exactly one live region');
  });

  it('a cancelled pick: focus back on its button (also when the page had lost it), and "cancelled" announced', () => {
    action('reassign').focus();
    send({ type: 'busy', action: 'reassign' });
    (document.activeElement as HTMLElement).blur(); // the quick pick took focus
    assert.equal(document.activeElement, document.body);
    send({ type: 'done', action: 'reassign', cancelled: true });
    assert.equal(document.activeElement, action('reassign'));
    assert.equal($('#action-status').textContent, 'Reassign: cancelled, nothing changed.');
  });

  it('Acknowledge: once acknowledged its button is unavailable, so focus moves to the next available one (Resolve)', () => {
    action('acknowledge').focus();
    send({ type: 'busy', action: 'acknowledge' });
    send({ type: 'view', view: view('acknowledged') });
    send({ type: 'done', action: 'acknowledge' });
    assert.equal(action('acknowledge').getAttribute('aria-disabled'), 'true');
    assert.equal(document.activeElement, action('resolve'));
    assert.equal(action('resolve').tabIndex, 0, 'and it is the toolbar\'s Tab stop');
  });

  it('an error is announced in the same region, marked as an error; focus stays where the person went meanwhile', () => {
    const region = $('#action-status');
    action('escalate').focus();
    send({ type: 'busy', action: 'escalate' });
    $('#note-input').focus();
    send({ type: 'done', action: 'escalate', error: 'Could not escalate #1056: Forbidden (403).' });
    assert.equal($('#action-status'), region);
    assert.equal(region.textContent, 'Could not escalate #1056: Forbidden (403).');
    assert.equal(region.className, 'error');
    assert.equal(document.activeElement, $('#note-input'), 'not pulled back from the note box');
  });

  it('a reload that fails during Refresh is announced as the error, not as "done"', () => {
    send({ type: 'busy', action: 'refresh' });
    send({ type: 'loadError', message: 'get_incident failed: Service Unavailable (503)' });
    send({ type: 'done', action: 'refresh' });
    assert.equal($('#action-status').textContent, 'get_incident failed: Service Unavailable (503)');
  });

  it('the toolbar is one Tab stop; Left/Right/Home/End move within it, unavailable buttons included', () => {
    const buttons = toolbarButtons();
    assert.equal(buttons.length, 13);
    assert.equal(buttons.filter((b) => b.tabIndex === 0).length, 1, 'one Tab stop');
    buttons[0]!.focus();
    assert.equal(buttons[0]!.tabIndex, 0, 'the stop follows focus');
    press('ArrowRight');
    assert.equal(document.activeElement, buttons[1]);
    assert.deepEqual(toolbarButtons().map((b) => b.tabIndex).filter((t) => t === 0).length, 1);
    press('End');
    assert.equal(document.activeElement, buttons[12]);
    press('ArrowRight');
    assert.equal(document.activeElement, buttons[0], 'wraps');
    press('ArrowLeft');
    assert.equal(document.activeElement, buttons[12]);
    press('Home');
    assert.equal(document.activeElement, buttons[0]);
    assert.equal(buttons[0]!.getAttribute('aria-disabled'), 'true', 'Acknowledge (unavailable now) is reachable');
  });

  it('an unavailable button does nothing when clicked', () => {
    posted.length = 0;
    action('acknowledge').click();
    assert.deepEqual(posted, []);
    action('resolve').click();
    assert.deepEqual(posted, [{ type: 'action', action: 'resolve' }]);
  });

  it('every button has its own accessible name, and it contains the visible text', () => {
    const names = Array.from(document.querySelectorAll<HTMLButtonElement>('main button')).map((b) => ({ name: b.getAttribute('aria-label') ?? b.textContent!.trim(), text: b.textContent!.trim() }));
    const seen = new Set<string>();
    for (const { name, text } of names) {
      assert.ok(!seen.has(name), `"${name}" names one control only`);
      seen.add(name);
      assert.ok(name.includes(text), `"${name}" contains its visible text "${text}" (what a voice-control user says)`);
    }
    for (const name of ['Open in PagerDuty: alert Disk 1 full', 'Release notes for Deploy v2.2', '#1062 Checkout latency', 'Disk full, created 2026-09-14']) assert.ok(seen.has(name), name);
  });
});
