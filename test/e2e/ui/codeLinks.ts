// The incident page's code links in the real VS Code, clicked like a user (extension-host tests cannot see inside a
// webview): with test/fixtures/payments-workspace open, a frame of the seeded Node trace is a link, and clicking it
// opens src/payments/charge.ts at line 12. Saves docs/incident-page-code-links.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Simulator } from '../../simulator';
import { openVSCode, runCommand, screenshot, until } from '../harness';
import { findPageFrame } from './incidentPage';

export interface UiCodeLinksOptions {
  extensionDevelopmentPath: string;
  dataDir: string;
  workspaceDir: string;
  sim: Simulator;
  docsDir: string;
}

export async function uiCodeLinks(opts: UiCodeLinksOptions): Promise<void> {
  const { sim } = opts;
  const target = [...sim.state.incidents.values()].find((i) => i.title === 'Payment processing degraded' && i.status !== 'resolved');
  assert.ok(target, 'the simulator has the code incidents (startSimulator({ codeIncidents: true }))');
  const { extensionDevelopmentPath, dataDir, workspaceDir } = opts;
  const vscode = await openVSCode({ extensionDevelopmentPath, dataDir, workspaceDir, env: { PAGERDUTY_DEV_TOKEN: sim.tokens.user } });
  try {
    const { page } = vscode;
    await runCommand(page, 'PagerDuty: Focus on Incidents View');
    // "This workspace's services" is the scope once catalog-info.yaml's service is found: its row is listed.
    await page.locator('.pane .monaco-list-row', { hasText: 'Payments API' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const row = page.locator('.pane .monaco-list-row', { hasText: target.title }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.click();
    const frame = await findPageFrame(page, target.title);
    const link = frame.getByRole('button', { name: 'Open /app/src/payments/charge.ts at line 12' });
    await link.waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await frame.getByRole('button', { name: /node_modules/ }).count(), 0, 'library frames stay text');
    assert.ok((await frame.locator('#alerts').innerText()).includes('/app/node_modules/express/lib/router/layer.js:95:5'), 'shown as text');
    await screenshot(page, join(opts.docsDir, 'incident-page-code-links.png'));
    await link.click();
    const tab = page.locator('.tabs-container .tab.active', { hasText: 'charge.ts' });
    await tab.first().waitFor({ timeout: 15_000 });
    const position = page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first();
    await until(async () => `the cursor on line 12 (status bar: ${await position.innerText().catch(() => '?')})`, async () => /Ln 12, Col 27/.test(await position.innerText().catch(() => '')), 15_000);
    console.log(`[e2e] code links: #${target.number}'s Node frame opened src/payments/charge.ts at line 12, column 27`);
  } finally {
    await vscode.stop();
  }
}
