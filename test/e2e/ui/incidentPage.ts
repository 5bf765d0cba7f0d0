// The incident page in the real VS Code, driven like a user through the UI (extension-host tests cannot see inside
// a webview): a tree click opens the page with the simulator's title, alerts, notes and timeline; Acknowledge, Add
// Note, Snooze and Send Status Update from the page reach the simulator (and the tree); an alert body and a note full
// of HTML and script show literally and run nothing; a vscode:// link opens a page, after VS Code's confirmation.
// Accessibility (./a11y.ts): keyboard focus, toolbar and live region, and axe on the page and the sidebar in a light
// and a high-contrast theme. Saves docs/incident-page-{dark,light}.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import type { Simulator } from '../../simulator';
import { openVSCode, runCommand, screenshot, until } from '../harness';
import { axeIncidentPage, axeSidebar, incidentPageFrame, keyboardChecks } from './a11y';

export interface UiIncidentPageOptions {
  extensionDevelopmentPath: string;
  dataDir: string;
  sim: Simulator;
  docsDir: string;
  /** The extension's id (publisher.name), for the vscode:// link. */
  extensionId: string;
}

/** What an attacker puts in an alert body and a note: rendered as HTML it would run. */
export const HOSTILE_HTML = '<img src=x onerror="window.__pdPwned=1"><script>window.__pdPwned=2</script><b>bold?</b>';

/** The incident page's inner frame (VS Code nests each page inside a webview host frame), found by its title. */
export async function findPageFrame(page: Page, title: string, timeoutMs = 20_000): Promise<FrameLocator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hosts = await page.locator('iframe.webview.ready').count();
    for (let i = 0; i < hosts; i++) {
      const frame = page.frameLocator('iframe.webview.ready').nth(i).frameLocator('#active-frame');
      const text = await frame.locator('#incident-title').textContent({ timeout: 500 }).catch(() => undefined);
      if (text === title) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no incident page titled "${title}" within ${timeoutMs} ms`);
    await page.waitForTimeout(250);
  }
}


/**
 * Picks a built-in colour theme ("Dark 2026") in *Preferences: Color Theme*, as a user would (VS Code does not watch
 * the user settings file under the test server), then waits until the workbench wears it (its class names the theme
 * file, e.g. vscode-theme-defaults-themes-2026-dark-json) and the page has the matching body class.
 */
async function setColorTheme(page: Page, frame: FrameLocator, theme: string, themeFile: string, kind: 'light' | 'dark' | 'high-contrast'): Promise<void> {
  const input = page.locator('.quick-input-widget input[type="text"]');
  const row = (label: string) => page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
  // F1 can go unheard while the webview frame has focus: retry until the palette shows.
  for (let attempt = 0; !(await input.isVisible()); attempt++) {
    if (attempt === 5) throw new Error('the command palette did not open');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 2_000 }).catch(() => undefined);
  }
  await input.fill('>Preferences: Color Theme');
  // Clicked by its exact label: "Browse Color Themes in Marketplace" is listed first.
  await row('Preferences: Color Theme').click({ timeout: 10_000 });
  await input.fill(theme);
  await row(theme).click({ timeout: 10_000 });
  const workbench = page.locator('.monaco-workbench').first();
  await until(`the ${theme} theme`, async () => ((await workbench.getAttribute('class')) ?? '').includes(`vscode-theme-defaults-themes-${themeFile}-json`));
  await frame.locator(`body.vscode-${kind}`).waitFor({ timeout: 10_000 });
  await page.waitForTimeout(500); // the page's colours come from CSS variables set with the class
}

export async function uiIncidentPage(opts: UiIncidentPageOptions): Promise<void> {
  const { sim } = opts;
  // A triggered incident assigned to me, given an alert body and a note that are pure HTML/script.
  const target = [...sim.state.incidents.values()].find((i) => i.status === 'triggered' && i.assignments.some((a) => a.userId === sim.me.id) && (sim.state.alerts.get(i.id) ?? []).length > 0);
  assert.ok(target, 'the simulator has a triggered incident of mine with alerts');
  const alert = sim.state.alerts.get(target.id)![0]!;
  alert.details = { ...alert.details, runbook: HOSTILE_HTML };
  const hostileNote = `Saw this: ${HOSTILE_HTML}`;
  sim.state.notes.set(target.id, [...(sim.state.notes.get(target.id) ?? []), { id: 'PHOSTILE', incidentId: target.id, userId: sim.me.id, content: hostileNote, created_at: new Date().toISOString().slice(0, 19) + 'Z' }]);

  const vscode = await openVSCode({ extensionDevelopmentPath: opts.extensionDevelopmentPath, dataDir: opts.dataDir, env: { PAGERDUTY_DEV_TOKEN: sim.tokens.user } });
  try {
    const { page } = vscode;
    await page.waitForTimeout(3000);
    await runCommand(page, 'PagerDuty: Focus on Incidents View');
    const row = page.locator('.pane .monaco-list-row', { hasText: target.title }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });

    // 1. A click opens the page with the simulator's data.
    await row.click();
    const frame = await findPageFrame(page, target.title);
    const tab = page.locator('.tabs-container .tab', { hasText: `#${target.number}` });
    await tab.first().waitFor({ timeout: 10_000 });
    const alertsText = await frame.locator('#alerts').innerText();
    assert.ok(alertsText.includes(alert.summary), 'alert summary shown');
    assert.match(alertsText, /via Events API v2/, 'the integration the alert came through');
    assert.match(await frame.locator('main').innerText(), new RegExp(`Conference bridge[\\s\\S]*incident-${target.number}`), 'the conference bridge');
    const notesText = await frame.locator('#notes').innerText();
    const timelineText = await frame.locator('#timeline').innerText();
    for (const entry of sim.state.logEntriesByIncident.get(target.id) ?? []) assert.ok(timelineText.includes(entry.summary), `timeline shows "${entry.summary}"`);

    // 2. HTML and script in PagerDuty text: shown literally, nothing runs, no element is created from it.
    assert.ok(notesText.includes(hostileNote), 'the hostile note is shown as text');
    assert.ok(alertsText.includes(HOSTILE_HTML), 'the hostile alert detail is shown as text');
    assert.equal(await frame.locator('main img, main script:not([nonce]), main b').count(), 0, 'no element made from PagerDuty text');
    assert.equal(await frame.locator('body').evaluate(() => (window as unknown as { __pdPwned?: number }).__pdPwned), undefined, 'no script from PagerDuty ran');

    // 3. Acknowledge from the page: the simulator, the page and the tree change.
    await frame.locator('[data-action="acknowledge"]').click();
    await until('the simulator has it acknowledged', () => sim.state.incidents.get(target.id)!.status === 'acknowledged');
    await frame.locator('.badge.status-acknowledged').waitFor({ timeout: 10_000 });
    await until('the tree shows it acknowledged', async () => /acknowledged/i.test((await row.getAttribute('aria-label')) ?? ''), 20_000);

    // 4. Add a note inline.
    const note = `Checked from VS Code at ${Date.now()}`;
    await frame.locator('#note-input').fill(note);
    await frame.locator('#note-add').click();
    await until('the simulator has the note', () => (sim.state.notes.get(target.id) ?? []).some((n) => n.content === note));
    await frame.locator('#notes', { hasText: note }).waitFor({ timeout: 10_000 });
    assert.equal(await frame.locator('#note-input').inputValue(), '', 'the box is cleared after adding');

    // 5. Snooze: a native quick pick for the duration, then the simulator logs it and the timeline shows it.
    await frame.locator('[data-action="snooze"]').click();
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: '1 hours' }).first();
    await pick.waitFor({ state: 'visible', timeout: 10_000 });
    await pick.click();
    await until('the simulator logged the snooze', () => (sim.state.logEntriesByIncident.get(target.id) ?? []).some((e) => e.type === 'snooze_log_entry'));
    await frame.locator('#timeline', { hasText: 'snooze' }).waitFor({ timeout: 10_000 });

    // 6. Send Status Update: VS Code's input box for the text, then PagerDuty receives it.
    const update = `Mitigated at ${Date.now()}; next update in 30 minutes.`;
    await frame.locator('[data-action="statusUpdate"]').click();
    const box = page.locator('.quick-input-widget input[type="text"]');
    await box.waitFor({ state: 'visible', timeout: 10_000 });
    await box.fill(update);
    await page.keyboard.press('Enter');
    // Closed before the palette is used again (a closing input box still counts as visible there).
    await box.waitFor({ state: 'hidden', timeout: 10_000 });
    await until('the simulator received the status update', () =>
      sim.requests.some((r) => r.method === 'POST' && r.path === `/incidents/${target.id}/status_updates` && (r.body as { message?: string } | undefined)?.message === update && r.status === 200));

    // 7. By keyboard: focus after Refresh and a cancelled pick, the toolbar's arrows, the live region.
    const pageFrame = await incidentPageFrame(page, target.title);
    await keyboardChecks(page, pageFrame);

    // The same page in both themes; axe on the page and the sidebar in the light one and in high contrast.
    await setColorTheme(page, frame, 'Dark 2026', '2026-dark', 'dark');
    await screenshot(page, join(opts.docsDir, 'incident-page-dark.png'));
    await setColorTheme(page, frame, 'Light 2026', '2026-light', 'light');
    await screenshot(page, join(opts.docsDir, 'incident-page-light.png'));
    const views = ['Incidents', 'On-Call'];
    await axeIncidentPage(pageFrame, 'Light 2026');
    await axeSidebar(page, 'Light 2026', views);
    await setColorTheme(page, frame, 'Dark High Contrast', 'hc_black', 'high-contrast');
    await axeIncidentPage(pageFrame, 'Dark High Contrast');
    await axeSidebar(page, 'Dark High Contrast', views);

    // 8. A vscode:// link (here through "Developer: Open URL", as the OS would hand it over) opens a page.
    const other = [...sim.state.incidents.values()].find((i) => i.id !== target.id && i.status !== 'resolved')!;
    await runCommand(page, 'Developer: Open URL');
    const input = page.locator('.quick-input-widget input[type="text"]');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`vscode://${opts.extensionId}/incident/${other.number}`);
    await page.keyboard.press('Enter');
    // VS Code asks once whether this extension may open the link ("Allow '…' extension to open this URI?").
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'extension to open this URI' });
    try {
      await dialog.waitFor({ state: 'visible', timeout: 10_000 });
      await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Open$/ }).first().click();
    } catch (error) {
      const dialogs = await page.locator('.monaco-dialog-box').evaluateAll((boxes) => boxes.map((b) => b.outerHTML));
      throw new Error(`no "open this URI" dialog to confirm (${(error as Error).message.split('\n')[0]}); dialogs in the DOM: ${dialogs.join('\n') || 'none'}`);
    }
    await findPageFrame(page, other.title);
    await page.locator('.tabs-container .tab', { hasText: `#${other.number}` }).first().waitFor({ timeout: 10_000 });
    console.log(`[e2e] incident page: #${target.number} opened from the tree, acknowledged, noted, snoozed and updated; #${other.number} opened from a vscode:// link`);
  } finally {
    await vscode.stop();
  }
}
