// The interactive sign-in as a user does it: command palette → password box → a wrong token shows the 401
// guidance inside the box → a pasted "Token token=…" is accepted and greeted. Driven through the real UI with
// Playwright (the extension-host suite cannot type into input boxes). Saves docs/sign-in-*.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openVSCode, runCommand, screenshot, waitForNotification } from '../harness';
import { WRONG_TOKEN_UI } from '../wrongTokens';

export interface UiSignInOptions {
  extensionDevelopmentPath: string;
  dataDir: string;
  token: string;
  expectName: string;
  docsDir: string;
}

export async function uiSignIn(opts: UiSignInOptions): Promise<void> {
  const vscode = await openVSCode({ extensionDevelopmentPath: opts.extensionDevelopmentPath, dataDir: opts.dataDir });
  try {
    const { page } = vscode;
    // The extension activates on startup; its commands appear in the palette once it has.
    await page.waitForTimeout(3000);
    await runCommand(page, 'PagerDuty: Sign In');
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor({ state: 'visible', timeout: 15_000 });

    await input.fill(WRONG_TOKEN_UI);
    await page.keyboard.press('Enter');
    const message = page.locator('.quick-input-widget .quick-input-message', { hasText: '401' });
    await message.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match((await message.textContent()) ?? '', /invalid, expired or revoked/);
    await screenshot(page, join(opts.docsDir, 'sign-in-401.png'));

    await input.fill(`Token token=${opts.token}`);
    await page.keyboard.press('Enter');
    const greeting = await waitForNotification(page, `Signed in to PagerDuty as ${opts.expectName}`);
    assert.match(greeting, /Removed the "Token token=" prefix/);
    await screenshot(page, join(opts.docsDir, 'sign-in-done.png'));
    console.log(`[e2e] UI sign-in: ${greeting}`);
  } finally {
    await vscode.stop();
  }
}
