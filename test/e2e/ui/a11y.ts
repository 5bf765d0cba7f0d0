// Accessibility checks in the real VS Code, used by the incident page run (phase `page`): axe-core (WCAG 2.1 A/AA,
// best practice, and label-in-name) injected with Playwright into the incident page's frame and into the PagerDuty
// sidebar, scoped to the extension's own content; and the keyboard: focus after Refresh and after a cancelled pick,
// the toolbar's arrow keys, and what the live region says.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { until } from '../harness';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  // Off by default in axe (experimental): a control's name must contain what it shows (WCAG 2.5.3, voice control).
  rules: { 'label-content-name-mismatch': { enabled: true } },
};

/**
 * VS Code's own tree widget, not our content: it renders a row's label and description as adjacent spans with no
 * space between, so axe reads "Ann" and "always" as the one word "Annalways" that no name can contain. What a row
 * says is ours, so label-in-name is checked on each row's own parts instead (rowNames below).
 */
const VSCODE_TREE_WIDGET_RULES = new Set(['label-content-name-mismatch']);

/** axe as it is once injected into a page. */
type AxeWindow = { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } };

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.help}):\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary ?? ''}\n    ${n.html.slice(0, 600)}`).join('\n')}`).join('\n');
}

/** The incident page's inner frame (a Frame, so scripts can be evaluated in it), found by its title. */
export async function incidentPageFrame(page: Page, title: string): Promise<Frame> {
  for (const frame of page.frames()) {
    const shown = await frame.evaluate(() => document.getElementById('incident-title')?.textContent).catch(() => undefined);
    if (shown === title) return frame;
  }
  throw new Error(`no incident page frame titled "${title}" among ${page.frames().length} frames`);
}

/** axe on the incident page: all of it is ours (the frame holds only the page). */
export async function axeIncidentPage(frame: Frame, theme: string): Promise<void> {
  await axeInFrame(frame, 'document', `the incident page (${theme})`);
}

/** axe on an incident card in chat: the MCP App's frame, scoped to the card (#card). */
export async function axeIncidentCard(frame: Frame, what: string): Promise<void> {
  await axeInFrame(frame, '#card', what);
}

async function axeInFrame(frame: Frame, scope: 'document' | string, what: string): Promise<void> {
  await frame.evaluate(AXE_SOURCE);
  const violations = (await frame.evaluate(
    ([scoped, options]) => (window as unknown as AxeWindow).axe.run(scoped === 'document' ? document : scoped, options).then((r) => r.violations),
    [scope, AXE_OPTIONS] as const,
  )) as AxeViolation[];
  assert.equal(violations.length, 0, `axe on ${what}:\n${describeViolations(violations)}`);
  console.log(`[e2e] a11y: axe finds no violation on ${what}`);
}

/**
 * By keyboard on a card's toolbar: one Tab stop, Home/End/arrows move within it. Returns the actions in their order.
 */
export async function toolbarKeys(page: Page, frame: Frame, toolbar: string): Promise<string[]> {
  const focused = () => frame.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action ?? document.activeElement?.tagName ?? 'none');
  const actions = await frame.locator(`${toolbar} > button`).evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.action ?? ''));
  assert.ok(actions.length > 1, `the toolbar has its actions (${actions.join(', ')})`);
  assert.equal(await frame.locator(`${toolbar} > button[tabindex="0"]`).count(), 1, 'the toolbar is one Tab stop');
  await frame.locator(`${toolbar} > button[tabindex="0"]`).focus();
  for (const [key, action] of [['Home', actions[0]], ['ArrowRight', actions[1]], ['End', actions.at(-1)], ['ArrowLeft', actions.at(-2)]] as const) {
    await page.keyboard.press(key);
    assert.equal(await focused(), action, `${key} moves to ${action}`);
  }
  await page.keyboard.press('Home');
  return actions;
}

/** axe on the Incidents and On-Call views' bodies (VS Code's pane headers and the rest of the workbench left out). */
export async function axeSidebar(page: Page, theme: string, viewTitles: string[]): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const { scoped, violations } = (await page.evaluate(
    async ({ options, titles }) => {
      const bodies = Array.from(document.querySelectorAll('.part.sidebar .pane'))
        .filter((pane) => titles.includes(pane.querySelector('.pane-header .title')?.textContent?.trim() ?? ''))
        .map((pane) => pane.querySelector('.pane-body'))
        .filter((body): body is Element => body !== null);
      const axe = (window as unknown as AxeWindow).axe;
      return { scoped: bodies.length, violations: bodies.length ? (await axe.run({ include: bodies }, options)).violations : [] };
    },
    { options: AXE_OPTIONS, titles: viewTitles },
  )) as { scoped: number; violations: AxeViolation[] };
  assert.equal(scoped, viewTitles.length, `the sidebar shows the views ${viewTitles.join(', ')}`);
  await rowNames(page, viewTitles);
  const ours = violations.filter((v) => !VSCODE_TREE_WIDGET_RULES.has(v.id));
  assert.equal(ours.length, 0, `axe on the PagerDuty sidebar (${theme}):\n${describeViolations(ours)}`);
  const skipped = violations.filter((v) => VSCODE_TREE_WIDGET_RULES.has(v.id)).map((v) => v.id);
  console.log(`[e2e] a11y: axe finds no violation in the PagerDuty sidebar's content in ${theme}${skipped.length ? ` (VS Code's tree widget: ${skipped.join(', ')})` : ''}`);
}

/** Every row of our views: its accessible name holds its label and its description as shown, and no ISO time. */
async function rowNames(page: Page, viewTitles: string[]): Promise<void> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  const rows = await page.evaluate(
    (titles) =>
      Array.from(document.querySelectorAll('.part.sidebar .pane'))
        .filter((pane) => titles.includes(pane.querySelector('.pane-header .title')?.textContent?.trim() ?? ''))
        .flatMap((pane) => Array.from(pane.querySelectorAll('.pane-body .monaco-list-row')))
        .map((row) => {
          const [label, description] = ['.label-name', '.label-description'].map((part) => (row.querySelector(part)?.textContent ?? '').replace(/\s+/g, ' ').trim());
          return { name: row.getAttribute('aria-label') ?? '', label: label!, description: description! };
        }),
    viewTitles,
  );
  assert.ok(rows.length > 3, `rows in ${viewTitles.join(', ')}: ${rows.length}`);
  for (const { name, label, description } of rows) {
    const spoken = name.replace(/\s+/g, ' ');
    assert.ok(spoken.includes(label) && spoken.includes(description), `the row "${label}" "${description}" is read as "${name}"`);
    assert.doesNotMatch(name, /\d{4}-\d\d-\d\dT/, `no ISO time in "${name}"`);
  }
}


/**
 * By keyboard only, on an open (acknowledged) incident: Enter on Refresh leaves focus on Refresh and the live region
 * says it is done; arrows move within the toolbar (one Tab stop); Escape on Reassign's pick brings focus back to
 * Reassign with "cancelled" announced.
 */
export async function keyboardChecks(page: Page, frame: Frame): Promise<void> {
  const focused = () => frame.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action ?? document.activeElement?.tagName ?? 'none');
  const status = () => frame.evaluate(() => document.getElementById('action-status')?.textContent ?? '');
  const region = await frame.evaluate(() => {
    (window as unknown as { __pdRegion?: Element }).__pdRegion = document.getElementById('action-status') ?? undefined;
    return document.querySelectorAll('[aria-live], [role="status"]').length;
  });
  assert.equal(region, 1, 'one live region');
  // Into the webview the way a person gets there, then onto Refresh.
  await frame.locator('#incident-title').click();
  await frame.locator('[data-action="refresh"]').focus();
  await page.keyboard.press('Enter');
  await until('the live region says Refresh is done', async () => (await status()) === 'Refresh: done.');
  assert.equal(await focused(), 'refresh', 'focus stays on Refresh after it ran');
  assert.equal(await frame.evaluate(() => document.getElementById('action-status') === (window as unknown as { __pdRegion?: Element }).__pdRegion), true, 'the same live region, updated');
  assert.equal(await frame.evaluate(() => document.getElementById('root')?.getAttribute('aria-busy')), 'false', 'not busy once done');

  assert.equal(await frame.locator('[role="toolbar"] > button[tabindex="0"]').count(), 1, 'the toolbar is one Tab stop');
  for (const [key, action] of [['Home', 'acknowledge'], ['ArrowRight', 'resolve'], ['End', 'refresh'], ['ArrowLeft', 'openInPagerDuty'], ['ArrowRight', 'refresh']] as const) {
    await page.keyboard.press(key);
    assert.equal(await focused(), action, `${key} moves to ${action}`);
  }

  await frame.locator('[data-action="reassign"]').focus();
  await page.keyboard.press('Enter');
  const pick = page.locator('.quick-input-widget');
  await pick.waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Escape');
  await pick.waitFor({ state: 'hidden', timeout: 10_000 });
  await until('the live region says Reassign was cancelled', async () => (await status()) === 'Reassign: cancelled, nothing changed.');
  assert.equal(await focused(), 'reassign', 'focus back on Reassign after the pick was cancelled');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), 'escalate', 'and the keyboard goes on from there');
  console.log('[e2e] a11y: focus stays after Refresh and a cancelled pick, the toolbar moves by arrows, the live region announces');
}
