// Chat beyond tools, in the real VS Code with the scripted model: the server asks the person (MCP elicitation,
// answered in VS Code's question carousel in the chat) instead of guessing, and incidents reach the chat as
// context (Add Context… → MCP Resources, and PagerDuty: Add to Chat from the incident page); the incident card's
// checks (incidentCard.ts) run in the same window. Every assertion is on the simulator or on what the model received.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Simulator } from '../../simulator';
import { screenshot } from '../harness';
import { ask, CHAT, confirmTool, newChat, openChat, runIncidentCommand, waitForResponse } from './chat';
import { incidentCardChecks } from './incidentCard';
import { fencedBlocks, type ModelRequest, type Scenario, type Script } from './script';

const HOUR = 3_600_000;

/** What agentMode.ts lends: its window (signed in, writes on, this script) and its check reporter. */
export interface ChatContextHost {
  sim: Simulator;
  /** Where the README's screenshots go. */
  docsDir: string;
  window(name: string, script: Script, fn: (page: Page, log: { of(s: Scenario): ModelRequest[]; toolResult(s: Scenario): string }) => Promise<void>): Promise<void>;
  check(name: string, fn: () => Promise<void>): Promise<void>;
}

export async function runChatContext({ sim, docsDir, window, check }: ChatContextHost): Promise<void> {
  const schedule = [...sim.state.schedules.values()].find((s) => s.layers.some((l) => l.userIds.length > 1))!;
  const cover = sim.state.users.get(schedule.layers.flatMap((l) => l.userIds).at(-1)!)!;
  const start = new Date(Math.ceil(Date.now() / HOUR) * HOUR + 72 * HOUR);
  const window1 = { start: start.toISOString(), end: new Date(start.getTime() + 2 * HOUR).toISOString() };
  // The oldest open incidents: agentMode.ts's own checks use the newest.
  const open = [...sim.state.incidents.values()].filter((i) => i.status !== 'resolved').sort((a, b) => a.number - b.number);
  const eleven = open.slice(0, 11);
  const mine = open.filter((i) => i.assignments.some((a) => a.userId === sim.me.id)).at(-1)!;
  const paged = open[12]!;
  const carded = open.slice(13).find((i) => i.status === 'triggered')!;

  const scenarios = {
    override: { match: `Find cover on ${schedule.name}`, steps: [{ tool: 'create_schedule_override', input: { schedule_id: schedule.id, ...window1 } }, { text: 'COVERED' }] },
    bulk: { match: 'Resolve the eleven oldest incidents', steps: [{ tool: 'manage_incidents', input: { incident_ids: eleven.map((i) => i.id), status: 'resolved' } }, { text: 'BULK-DONE' }] },
    resource: { match: 'What is the attached incident about?', steps: [{ text: 'ATTACHED-READ' }] },
    addToChat: { match: 'Summarize the incident I added', steps: [{ text: 'ADDED-READ' }] },
  } satisfies Record<string, Scenario>;
  const card = incidentCardChecks(sim, docsDir, carded);

  await window('agent chat context', { scenarios: [...Object.values(scenarios), ...Object.values(card.scenarios)] }, async (page, log) => {
    await check('create_schedule_override without a user: VS Code asks in the chat, the chosen user is put on call', async () => {
      const before = schedule.overrides.length;
      await ask(page, scenarios.override.match);
      await confirmTool(page, 'Allow');
      await answerQuestion(page, { option: cover.name }, join(docsDir, 'agent-mode-elicitation.png'));
      await waitForResponse(page, 'COVERED');
      assert.equal(schedule.overrides.length, before + 1);
      assert.equal(schedule.overrides.at(-1)!.userId, cover.id);
      assert.match(log.toolResult(scenarios.override), new RegExp(`Created override[\\s\\S]*${cover.name}`));
    });

    await check('resolving 11 incidents asks to confirm the count; cancelling resolves none and the model is told', async () => {
      await newChat(page);
      await ask(page, scenarios.bulk.match);
      await confirmTool(page, 'Allow');
      const question = await answerQuestion(page, 'cancel');
      assert.match(question, /Resolve 11 incidents at once/);
      await waitForResponse(page, 'BULK-DONE');
      assert.ok(eleven.every((i) => sim.state.incidents.get(i.id)!.status !== 'resolved'), 'no incident resolved');
      assert.match(log.toolResult(scenarios.bulk), /Nothing changed: the person cancelled the question/);
    });

    await check('Add Context… → MCP Resources lists my open incidents; the attached one reaches the model as fenced text', async () => {
      await newChat(page);
      await openChat(page);
      await page.locator(`${CHAT} .interactive-input-part`).getByRole('button', { name: /^Add Context/ }).first().click();
      await (await rowOf(page, /MCP Resources/)).click();
      const row = await rowOf(page, new RegExp(`#${mine.number}\\b`));
      await screenshot(page, join(docsDir, 'agent-mode-add-context.png'));
      await row.click();
      await ask(page, scenarios.resource.match);
      await waitForResponse(page, 'ATTACHED-READ');
      assertReceived(log.of(scenarios.resource), mine);
    });

    await check('Add to Chat in the incident page\'s title bar attaches the incident; sent, the model receives it', async () => {
      await newChat(page);
      await runIncidentCommand(page, 'PagerDuty: Open Incident Page', paged.number);
      await page.locator('.tabs-container .tab', { hasText: `#${paged.number} ` }).waitFor({ timeout: 30_000 });
      // The page's title-bar button (F1 would go to the focused webview, not the workbench).
      await page.locator('.part.editor .editor-actions [aria-label*="Add to Chat"]').first().click();
      await page.locator(`${CHAT} .chat-attached-context`, { hasText: paged.id }).first().waitFor({ timeout: 30_000 });
      await ask(page, scenarios.addToChat.match);
      await waitForResponse(page, 'ADDED-READ');
      assertReceived(log.of(scenarios.addToChat), paged);
    });

    await card.run(page, log, check);
  });
}

/** The incident's get_incident text (fenced, with its id and title) is somewhere in what the model received. */
function assertReceived(requests: ModelRequest[], incident: { id: string; title: string }): void {
  const received = requests.flatMap((r) => r.messages.flatMap((m) => m.parts.map((p) => ('text' in p ? p.text : '')))).join('\n');
  const fenced = fencedBlocks(received).find((block) => block.includes(`${incident.id} `));
  assert.ok(fenced, `the model never received ${incident.id}'s fenced get_incident text`);
  assert.ok(fenced.includes(incident.title.slice(0, 20)), 'with its title, inside the fence');
}

/** The quick-pick row matching `label`, once it is shown. */
async function rowOf(page: Page, label: RegExp): Promise<Locator> {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  return row;
}

/**
 * Answers an MCP elicitation shown in the chat (VS Code 1.139 renders a form as a question carousel in the
 * response): picks the option containing `option` and submits, or closes it (cancel). Returns the question text.
 */
async function answerQuestion(page: Page, answer: { option: string } | 'cancel', shot?: string): Promise<string> {
  const carousel = page.locator(`${CHAT} .chat-question-carousel-container`).last();
  await carousel.waitFor({ state: 'visible', timeout: 60_000 });
  if (shot) await screenshot(page, shot);
  const text = (await carousel.textContent()) ?? '';
  if (answer === 'cancel') {
    await carousel.locator('.chat-question-close-container .monaco-button, .chat-question-close-container a, .chat-question-close-container [role="button"]').first().click();
  } else {
    await carousel.locator('.chat-question-list-item', { hasText: answer.option }).first().click();
    const submit = carousel.locator('.chat-question-submit-button');
    if (await submit.isVisible()) await submit.click();
  }
  return text;
}
