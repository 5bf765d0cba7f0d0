// The incident card (MCP Apps) in the real VS Code chat, with the scripted model: get_incident and list_incidents show
// the card; its Acknowledge / Resolve / Add note ask the person in VS Code (a notification, then a pick) and only then
// change the simulator; what the model received is the fenced text alone. Runs in chatContext.ts's window.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import type { Simulator } from '../../simulator';
import { runCommand, screenshot, waitForNotification } from '../harness';
import { axeIncidentCard, toolbarKeys } from '../ui/a11y';
import { ask, CHAT, newChat, showForScreenshot, waitForResponse } from './chat';
import { FENCED_DATA, type Scenario } from './script';

const CARD = '#card';

/** `carded`: a triggered incident no other check of the window touches. */
export function incidentCardChecks(sim: Simulator, docsDir: string, carded: { id: string; number: number }) {
  const scenarios = {
    card: { match: `Show incident ${carded.id}`, steps: [{ tool: 'get_incident', input: { incident_id: carded.id } }, { text: 'CARD-SHOWN' }] },
    list: { match: 'Show the open incidents', steps: [{ tool: 'list_incidents', input: { scope: 'all', statuses: ['triggered', 'acknowledged'], limit: 10 } }, { text: 'LIST-SHOWN' }] },
  } satisfies Record<string, Scenario>;

  async function run(page: Page, log: { toolResult(s: Scenario): string }, check: (name: string, fn: () => Promise<void>) => Promise<void>): Promise<void> {
    await check('get_incident shows the incident card (the page\'s pieces); Acknowledge asks in VS Code first, then changes the simulator; the model got only the text', async () => {
      // The chat beside an empty editor area, for the README's pictures.
      await page.locator(`${CHAT} .interactive-input-part`).first().click();
      await runCommand(page, 'View: Close All Editors');
      await newChat(page);
      await ask(page, scenarios.card.match);
      await waitForResponse(page, 'CARD-SHOWN');
      const card = await frameWith(page, `${CARD} button[data-action="acknowledge"]`);
      assert.match((await card.locator(`${CARD} header`).textContent()) ?? '', new RegExp(`#${carded.number}[\\s\\S]*Triggered`));
      assert.ok(await card.locator(`${CARD} .facts`).count(), 'the page\'s facts');
      assert.ok(await card.locator(`${CARD} #alerts .alert`).count(), 'the latest alerts');
      await showForScreenshot(page);
      await screenshot(page, join(docsDir, 'agent-mode-incident-card.png'));
      const result = log.toolResult(scenarios.card);
      assert.ok(!result.includes('pagerduty/incidentCard') && !result.trimStart().startsWith('{'), 'the card data did not reach the model');
      assert.match(result, FENCED_DATA);
      // Accessibility, as on the incident page: axe finds nothing in the card, its toolbar is one Tab stop moved by
      // arrows, and its one live region is kept while the card re-renders (marked here, compared after the action).
      await axeIncidentCard(card, 'the incident card in chat');
      assert.deepEqual((await toolbarKeys(page, card, `${CARD} [role="toolbar"]`)).slice(0, 2), ['acknowledge', 'resolve']);
      await card.evaluate(() => { (window as unknown as { pdRegion?: Element | null }).pdRegion = document.getElementById('action-status'); });
      const question = await clickAndAnswer(page, card, card.locator(`${CARD} button[data-action="acknowledge"]`), new RegExp(`Acknowledge incident #${carded.number}`), 'confirm', join(docsDir, 'agent-mode-card-confirm.png'));
      assert.match(question, /in PagerDuty\?/);
      await card.locator(`${CARD} header .status-acknowledged`).waitFor({ timeout: 30_000 });
      assert.equal(sim.state.incidents.get(carded.id)!.status, 'acknowledged');
      assert.match((await card.locator(`${CARD} #action-status`).textContent()) ?? '', new RegExp(`^Acknowledged #${carded.number} `), 'one plain line, no data fence');
      assert.ok(await card.evaluate(() => document.getElementById('action-status') === (window as unknown as { pdRegion?: Element | null }).pdRegion), 'the same live region, its text updated');
      assert.equal(await card.locator('[aria-live], [role="status"]').count(), 1, 'one live region');
    });

    await check('the card adds a note once confirmed; a Resolve whose question is dismissed changes nothing and the card says so', async () => {
      const card = await frameWith(page, `${CARD} #note-input`);
      const note = `Card note ${Date.now()}`;
      await card.locator(`${CARD} #note-input`).fill(note);
      await clickAndAnswer(page, card, card.locator(`${CARD} #note-add`), new RegExp(`Add a note to incident #${carded.number}`), 'confirm');
      await card.locator(`${CARD} #notes .note`, { hasText: note }).waitFor({ timeout: 30_000 });
      assert.ok((sim.state.notes.get(carded.id) ?? []).some((n) => n.content === note));
      await clickAndAnswer(page, card, card.locator(`${CARD} button[data-action="resolve"]`), new RegExp(`Resolve incident #${carded.number}`), 'dismiss');
      await card.locator(`${CARD} #action-status.error`, { hasText: 'Nothing changed' }).waitFor({ timeout: 30_000 });
      assert.equal(sim.state.incidents.get(carded.id)!.status, 'acknowledged');
    });

    await check('list_incidents shows a card of the open incidents; Resolve on a row, confirmed, resolves it; a title opens its card', async () => {
      await newChat(page);
      await ask(page, scenarios.list.match);
      await waitForResponse(page, 'LIST-SHOWN');
      const card = await frameWith(page, `${CARD} article.incident-row`);
      const rows = card.locator(`${CARD} article.incident-row`);
      assert.ok((await rows.count()) > 1);
      for (const id of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-incident')!))) {
        assert.notEqual(sim.state.incidents.get(id)?.status, 'resolved', `${id} is open`);
        assert.match(log.toolResult(scenarios.list), new RegExp(id), 'every row is in the text the model got');
      }
      await axeIncidentCard(card, 'the list card in chat');
      await showForScreenshot(page);
      await screenshot(page, join(docsDir, 'agent-mode-incident-list-card.png'));
      const row = rows.filter({ has: card.locator('button[data-action="resolve"]') }).first();
      const id = (await row.getAttribute('data-incident'))!;
      const { number } = sim.state.incidents.get(id)!;
      await clickAndAnswer(page, card, row.locator('button[data-action="resolve"]'), new RegExp(`Resolve incident #${number}`), 'confirm');
      await card.locator(`${CARD} article.incident-row[data-incident="${id}"] .status-resolved`).waitFor({ timeout: 30_000 });
      assert.equal(sim.state.incidents.get(id)!.status, 'resolved');
      const other = rows.filter({ hasNot: card.locator('.status-resolved') }).first();
      const otherNumber = (await other.locator('button.link').first().textContent())!.split(' ')[0]!;
      // By keyboard (the card grows and shrinks as it switches, which moves a mouse target inside the chat).
      await other.locator('button.link').first().press('Enter');
      await card.locator(`${CARD} header`, { hasText: otherNumber }).waitFor({ timeout: 30_000 });
      await card.locator(`${CARD} button[data-action="back"]`).press('Enter');
      await rows.first().waitFor({ timeout: 30_000 });
    });
  }

  return { scenarios, run };
}

/** The frame (the MCP App's iframe, nested in VS Code's webview) that holds `selector`. */
async function frameWith(page: Page, selector: string, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) if (await frame.locator(selector).count().catch(() => 0)) return frame;
    if (Date.now() > deadline) throw new Error(`no frame shows ${selector}`);
    await page.waitForTimeout(500);
  }
}

/**
 * Clicks a card button and answers the question its action asks. A tool call made by an MCP App has no chat request,
 * so VS Code 1.139 shows the elicitation as a notification ("Respond") and then a quick pick with the one confirming
 * choice; clearing the notification cancels. The smoke-test driver keeps toasts in the notification center
 * (harness/ui.ts), so the notification is answered there. Returns its text.
 */
async function clickAndAnswer(page: Page, card: Frame, button: Locator, question: RegExp, answer: 'confirm' | 'dismiss', shot?: string): Promise<string> {
  await button.click();
  // The card says it waits for the person: the click reached it and the call is on its way.
  await card.locator(`${CARD} #action-status`, { hasText: 'Confirm in VS Code' }).waitFor({ timeout: 15_000 });
  const text = await waitForNotification(page, question, 30_000);
  const item = page.locator('.notifications-center .notification-list-item', { hasText: question }).first();
  if (answer === 'dismiss') {
    await item.hover();
    await item.locator('.codicon-notifications-clear').first().click();
  } else {
    await item.getByRole('button', { name: 'Respond' }).click();
    const pick = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
    await pick.waitFor({ state: 'visible', timeout: 30_000 });
    if (shot) await screenshot(page, shot);
    await pick.click();
  }
  const center = page.locator('.notifications-center');
  if (await center.isVisible()) {
    await center.locator('.codicon-notifications-hide, .codicon-chevron-down').first().click();
    await center.waitFor({ state: 'hidden', timeout: 10_000 });
  }
  return text;
}
