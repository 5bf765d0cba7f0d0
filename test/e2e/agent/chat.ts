// Playwright steps for the Chat view of VS Code 1.139 in Agent mode. They rely on workbench internals (IndexedDB
// keys, CSS classes): re-check them when the VS Code server version changes (see
// ../shared/reference/agent-mode-e2e.md).
import type { Page } from 'playwright-core';
import { runCommand, screenshot, until } from '../harness';
import { MODEL_NAME, readModelLog, type ModelRequest } from './script';

// Only used inside page.evaluate (browser side); the project's TypeScript config has no DOM library.
declare const indexedDB: { open(name: string): any };

/** The Chat view in the secondary side bar, where 1.139 puts it. */
export const CHAT = '.part.auxiliarybar';
export const INPUT = `${CHAT} .interactive-input-part`;
const EDITOR = `${INPUT} .monaco-editor`;
/** The agent picker in the chat input; its label is the current agent. */
const AGENT_PICKER = `${INPUT} .action-label[aria-label]`;
const AGENT_LABEL = /^(Agent|Ask|Plan|PagerDuty Incident Expert)$/;

const STATE_DB = 'vscode-web-state-db-global';
const MIGRATED = 'builtinChatExtensionEnablementMigration';
const DISABLED = 'extensionsIdentifiers/disabled';

/**
 * The first load disables the built-in Copilot Chat (chat setup was never completed), which leaves only the
 * "Sign in to use Copilot" agent. Once that migration has been stored, clear the disabled list and reload.
 */
export async function enableBuiltinCopilotChat(page: Page, modelName = MODEL_NAME): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await readState(page, MIGRATED)) !== 'true') {
    if (Date.now() > deadline) throw new Error(`the workbench never stored ${MIGRATED}; has the chat migration changed?`);
    await page.waitForTimeout(500);
  }
  // Seen once in many runs: the chat still offered only Copilot's sign-in after the reload (the workbench had written
  // its disabled list again). So check that the chat input names our model, and redo the step if it does not.
  for (let attempt = 1; ; attempt++) {
    await writeState(page, DISABLED, '[]');
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.statusbar').waitFor({ timeout: 60_000 });
    const ready = await page.locator(`${CHAT} .interactive-input-part`, { hasText: modelName.slice(0, 13) }).first()
      .waitFor({ state: 'visible', timeout: 30_000 }).then(() => true, () => false);
    if (ready) return;
    if (attempt === 3) throw new Error(`the chat never offered "${modelName}" after enabling Copilot Chat ${attempt} times (disabled list: ${await readState(page, DISABLED)})`);
    console.log(`[agent] the chat does not offer "${modelName}" yet (disabled list: ${await readState(page, DISABLED)}); enabling Copilot Chat again`);
  }
}

async function readState(page: Page, key: string): Promise<string | undefined> {
  return page.evaluate(([db, k]) => new Promise<string | undefined>((resolve) => {
    const open = indexedDB.open(db!);
    open.onerror = () => resolve(undefined);
    open.onsuccess = () => {
      try {
        const req = open.result.transaction('ItemTable', 'readonly').objectStore('ItemTable').get(k!);
        req.onsuccess = () => { resolve(req.result as string | undefined); open.result.close(); };
        req.onerror = () => { resolve(undefined); open.result.close(); };
      } catch {
        resolve(undefined);
      }
    };
  }), [STATE_DB, key]);
}

async function writeState(page: Page, key: string, value: string): Promise<void> {
  await page.evaluate(([db, k, v]) => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open(db!);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('ItemTable', 'readwrite');
      tx.objectStore('ItemTable').put(v, k!);
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), [STATE_DB, key, value]);
}

/**
 * What the chat steps last did, and the window's scripted-model log. A failing check prints both with what the chat
 * showed (describeChat); replies are read from the log where the chat view is not the point of a check.
 */
const progress = { step: '', modelLog: '', mark: 0 };

/** Names the window's scripted-model log (one JSON line a request), which waitForResponse reads. */
export function useModelLog(file: string): void {
  progress.modelLog = file;
  progress.mark = 0;
}

function modelRequests(): ModelRequest[] {
  return readModelLog(progress.modelLog);
}

/** From here on, waitForResponse counts only what the model sends after this point. */
function markModelLog(): void {
  progress.mark = modelRequests().length;
}

/** Whether the scripted model has sent, since the mark, a reply that matches `expect`. */
function modelReplied(expect: string | RegExp): boolean {
  return modelRequests().slice(progress.mark).some(({ reply }) =>
    reply.text !== undefined && (typeof expect === 'string' ? reply.text.includes(expect) : expect.test(reply.text)));
}

/** For a failure report: the step, the agent picker, the input's text, the responses and what pops up. */
export async function describeChat(page: Page): Promise<string> {
  const count = (selector: string) => page.locator(selector).count().catch(() => -1);
  const requests = modelRequests();
  return [
    `step: ${progress.step || '(none)'}`,
    `agent picker: ${await currentAgent(page) ?? '(not found)'}`,
    `input: ${JSON.stringify(await inputText(page))}`,
    `responses: ${await count(`${CHAT} .interactive-response`)} (${await count(`${CHAT} .chat-response-loading`)} loading)`,
    `open: ${await count('.context-view .monaco-list-row, .action-widget .monaco-list-row')} picker rows, ${await count('.monaco-hover')} hovers, ${await count('.notification-toast')} toasts, ${await count('.monaco-dialog-box')} dialogs`,
    `model log: ${requests.length} requests (${requests.length - progress.mark} since the step's mark); last reply ${JSON.stringify(requests.at(-1)?.reply ?? null).slice(0, 200)}`,
  ].join('\n  ');
}

/** The agent the chat input's picker shows now. */
async function currentAgent(page: Page): Promise<string | undefined> {
  const labels = await page.locator(AGENT_PICKER).allTextContents().catch(() => []);
  return labels.map((l) => l.trim()).find((l) => AGENT_LABEL.test(l));
}

/** The chat input's text, as its editor shows it. */
async function inputText(page: Page): Promise<string> {
  const lines = await page.locator(`${EDITOR} .view-line`).allTextContents().catch(() => []);
  // A long request wraps onto several view lines; the requests typed here have no line breaks of their own.
  return lines.join('').replace(/\u00a0/g, ' ').trim();
}

/**
 * Runs an idempotent UI step until it succeeds: VS Code re-renders the chat while it settles (a banner arrives, a
 * picker is rebuilt, a hover opens), which detaches or moves what a click aimed at. Between attempts whatever the
 * step left open is closed. The last attempt's error is thrown.
 */
async function retryUi(page: Page, what: string, attempt: () => Promise<void>, attempts = 4): Promise<void> {
  for (let n = 1; ; n++) {
    progress.step = n === 1 ? what : `${what} (attempt ${n})`;
    try {
      return await attempt();
    } catch (error) {
      if (n === attempts) throw error;
      console.log(`[agent] ${what}: ${(error as Error).message.split('\n')[0]}; trying again`);
      await closeTransientUi(page);
    }
  }
}

/** Closes an open picker, hover or tooltip and moves the mouse off the chat, so the next click lands. */
async function closeTransientUi(page: Page): Promise<void> {
  if (await page.locator('.context-view .monaco-list, .action-widget, .monaco-hover').count()) await page.keyboard.press('Escape');
  await page.mouse.move(1, 1);
}

export async function openChat(page: Page): Promise<void> {
  const input = page.locator(INPUT).first();
  if (await input.isVisible()) return;
  progress.step = 'open the chat';
  await runCommand(page, 'Chat: Open Chat');
  await input.waitFor({ state: 'visible', timeout: 30_000 });
}

/** Types a request into the chat input and sends it. */
export async function ask(page: Page, text: string): Promise<void> {
  await openChat(page);
  markModelLog();
  await retryUi(page, `type "${text.slice(0, 40)}" into the chat input`, async () => {
    await clearInput(page);
    await page.locator(EDITOR).first().click({ timeout: 5_000 });
    await page.keyboard.type(text);
    // The editor renders what was typed a moment later: wait for it, then compare.
    await until(async () => `the typed request in the input, which holds ${JSON.stringify(await inputText(page))}`, async () => squash(await inputText(page)) === squash(text), 5_000);
  });
  progress.step = `send "${text.slice(0, 40)}"`;
  await page.keyboard.press('Enter');
}

/** Where the editor wraps a line it may drop or keep a space: compare without whitespace. */
const squash = (text: string) => text.replace(/\s+/g, '');

/** Empties the chat input (a new chat can keep the previous one's text, e.g. a handoff's prompt). */
async function clearInput(page: Page): Promise<void> {
  if (!(await inputText(page))) return;
  await page.locator(EDITOR).first().click({ timeout: 5_000 });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await until(async () => `an empty chat input, which holds ${JSON.stringify(await inputText(page))}`, async () => !(await inputText(page)), 5_000);
}

/**
 * Waits until the response to the request just sent is complete, and the scripted model's reply matches `expect`.
 * The reply is read from the model's log; the chat view must then finish rendering the request (no response still
 * loading). With `inView`, the chat must also show the reply (for checks whose point is what the chat shows), and
 * its text is returned.
 */
export async function waitForResponse(page: Page, expect: string | RegExp, timeoutMs = 60_000, inView = false): Promise<string> {
  progress.step = `wait for the reply ${String(expect)}`;
  const last = page.locator(`${CHAT} .interactive-response`).last();
  const shown = () => last.filter({ hasText: expect }).waitFor({ state: 'visible', timeout: timeoutMs });
  if (!progress.modelLog || inView) {
    await shown();
    return (await last.textContent()) ?? '';
  }
  await until(`the scripted model's reply matching ${String(expect)}`, () => modelReplied(expect), timeoutMs);
  await chatSettled(page, 'the chat to finish the response the model sent', timeoutMs);
  return (await last.textContent().catch(() => null)) ?? '';
}

/** Until no response in the chat is still loading (rendering what the model sent). */
function chatSettled(page: Page, what: string, timeoutMs: number): Promise<void> {
  return until(what, async () => !(await page.locator(`${CHAT} .chat-response-loading`).count()), timeoutMs);
}

/** Clicks a button of the tool confirmation shown in the chat ("Allow in this Session" or "Skip"). */
export async function confirmTool(page: Page, choice: 'Allow' | 'Skip', timeoutMs = 60_000): Promise<void> {
  // The buttons' accessible names are long descriptions ("Proceed without running this tool"), so match their text.
  const button = page.locator(`${CHAT} .chat-confirmation-widget-buttons .monaco-text-button`, { hasText: new RegExp(`^${choice}`) }).last();
  progress.step = `wait for the tool confirmation (${choice})`;
  await button.waitFor({ state: 'visible', timeout: timeoutMs });
  await retryUi(page, `click ${choice} in the tool confirmation`, async () => {
    if (!(await button.isVisible())) return; // an earlier attempt's click landed
    await button.click({ timeout: 5_000 });
    await button.waitFor({ state: 'hidden', timeout: 10_000 });
  });
}

/**
 * Starts a new, empty chat session so each scenario's conversation stands alone: no response shown, an empty input,
 * no picker or hover left open.
 */
export async function newChat(page: Page): Promise<void> {
  await chatSettled(page, 'no response loading before New Chat', 60_000);
  await retryUi(page, 'start a new chat', async () => {
    await closeTransientUi(page);
    await page.locator(CHAT).getByRole('button', { name: /^New Chat/ }).first().click({ timeout: 5_000 });
    await page.locator(`${CHAT} .interactive-response`).first().waitFor({ state: 'detached', timeout: 10_000 });
    await clearInput(page);
  });
  markModelLog();
}

/**
 * Chooses `name` in the chat input's agent picker, unless it is chosen already; with `shot`, photographs the open
 * picker first. The picker's own label is the state checked, before and after.
 */
export async function pickAgent(page: Page, name: string, shot?: string): Promise<void> {
  if ((await currentAgent(page)) === name && !shot) return;
  const picker = page.locator(AGENT_PICKER).filter({ hasText: AGENT_LABEL }).first();
  const item = page.locator('.context-view, .action-widget').getByText(name, { exact: true }).first();
  await retryUi(page, `choose "${name}" in the agent picker`, async () => {
    if (!(await item.isVisible())) await picker.click({ timeout: 5_000 });
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    if (shot) await screenshot(page, shot);
    await item.click({ timeout: 5_000 });
    await until(async () => `the picker to show "${name}" (it shows "${await currentAgent(page)}")`, async () => (await currentAgent(page)) === name, 10_000);
  });
}

/**
 * Seen in about one window in ten: the first request of a window went to Copilot's setup agent ("Sign in to use
 * GitHub Copilot") instead of the selected model. A first, unscripted request settles it: when that dialog shows,
 * close it and ask again; once the scripted model has answered, start a new session for the checks.
 */
export async function warmUpChat(page: Page, attempts = 4): Promise<void> {
  const signInDialog = page.locator('.monaco-dialog-box', { hasText: 'Sign in to use GitHub Copilot' });
  for (let attempt = 1; ; attempt++) {
    await ask(page, 'Are you there?');
    const answered = page.locator(`${CHAT} .interactive-response`).last().filter({ hasText: /nothing scripted/ });
    const outcome = await Promise.race([
      answered.waitFor({ state: 'visible', timeout: 30_000 }).then(() => 'answered', () => 'timeout'),
      signInDialog.waitFor({ state: 'visible', timeout: 30_000 }).then(() => 'sign-in', () => 'timeout'),
    ]);
    if (outcome === 'answered') break;
    if (attempt === attempts) throw new Error(`the scripted model never answered a first request (${outcome}, ${attempts} attempts)`);
    console.log(`[agent] first request: ${outcome === 'sign-in' ? "Copilot's sign-in dialog instead of the model" : 'no answer'}; trying again`);
    if (await signInDialog.isVisible()) await page.keyboard.press('Escape');
    await page.waitForTimeout(2_000);
    await newChat(page);
  }
  await newChat(page);
}

/** Runs one of our palette commands that asks for an incident, and answers with the incident's number. */
export async function runIncidentCommand(page: Page, title: string, incidentNumber: number): Promise<void> {
  await runCommand(page, title);
  const input = page.locator('.quick-input-widget input[type="text"]');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(String(incidentNumber));
  await page.keyboard.press('Enter');
}

/** For the README's picture: the tool steps expanded, the "Set BYOK utility models" banner closed (best effort). */
export async function showForScreenshot(page: Page): Promise<void> {
  const chat = page.locator(CHAT);
  await chat.getByText(/^Completed \d+ steps?/).first().click({ timeout: 3_000 }).catch(() => undefined);
  const banner = chat.locator('div', { hasText: /^Set BYOK utility models/ }).first();
  if (!(await banner.count())) return; // closed already (an absent locator would make innerHTML below wait 30 s)
  const close = banner.locator('[aria-label*="close" i], [aria-label*="dismiss" i], .codicon-close').first();
  await close.click({ timeout: 3_000 }).catch(async () => console.log(`[agent] banner not closed: ${(await banner.innerHTML().catch(() => '')).slice(0, 1500)}`));
  await page.waitForTimeout(500);
}

/** Sends what a command or prompt typed into the chat input, once it is there. */
export async function sendPrefilledRequest(page: Page, startsWith: string): Promise<void> {
  progress.step = `send the prefilled request "${startsWith}"`;
  markModelLog();
  const editor = page.locator(EDITOR).first();
  await editor.filter({ hasText: startsWith }).waitFor({ timeout: 15_000 });
  await editor.click();
  await page.keyboard.press('Enter');
}
