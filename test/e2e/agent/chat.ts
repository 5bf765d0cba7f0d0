// Playwright steps for the Chat view of VS Code 1.139 in Agent mode. They rely on workbench internals (IndexedDB
// keys, CSS classes): re-check them when the VS Code server version changes (see
// ../shared/reference/agent-mode-e2e.md).
import type { Page } from 'playwright-core';
import { runCommand } from '../harness';
import { MODEL_NAME } from './script';

// Only used inside page.evaluate (browser side); the project's TypeScript config has no DOM library.
declare const indexedDB: { open(name: string): any };

/** The Chat view in the secondary side bar, where 1.139 puts it. */
export const CHAT = '.part.auxiliarybar';

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

export async function openChat(page: Page): Promise<void> {
  const input = page.locator(`${CHAT} .interactive-input-part`).first();
  if (await input.isVisible()) return;
  await runCommand(page, 'Chat: Open Chat');
  await input.waitFor({ state: 'visible', timeout: 30_000 });
}

/** Types a request into the chat input and sends it. */
export async function ask(page: Page, text: string): Promise<void> {
  await openChat(page);
  const editor = page.locator(`${CHAT} .interactive-input-part .monaco-editor`).first();
  await editor.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** The text of the last response, once it contains `expect`. */
export async function waitForResponse(page: Page, expect: string | RegExp, timeoutMs = 60_000): Promise<string> {
  const last = page.locator(`${CHAT} .interactive-response`).last();
  await last.filter({ hasText: expect }).waitFor({ state: 'visible', timeout: timeoutMs });
  return (await last.textContent()) ?? '';
}

/** Clicks a button of the tool confirmation shown in the chat ("Allow in this Session" or "Skip"). */
export async function confirmTool(page: Page, choice: 'Allow' | 'Skip', timeoutMs = 60_000): Promise<void> {
  // The buttons' accessible names are long descriptions ("Proceed without running this tool"), so match their text.
  const button = page.locator(`${CHAT} .chat-confirmation-widget-buttons .monaco-text-button`, { hasText: new RegExp(`^${choice}`) }).last();
  await button.waitFor({ state: 'visible', timeout: timeoutMs });
  await button.click();
}

/** Starts a new, empty chat session so each scenario's conversation stands alone. */
export async function newChat(page: Page): Promise<void> {
  await page.locator(CHAT).getByRole('button', { name: /^New Chat/ }).first().click();
  await page.locator(`${CHAT} .interactive-response`).first().waitFor({ state: 'detached', timeout: 15_000 });
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
  const editor = page.locator(`${CHAT} .interactive-input-part .monaco-editor`).first();
  await editor.filter({ hasText: startsWith }).waitFor({ timeout: 15_000 });
  await editor.click();
  await page.keyboard.press('Enter');
}
