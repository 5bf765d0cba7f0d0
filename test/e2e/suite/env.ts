// What scripts/e2e/run.ts passes to the extension host (through the VS Code server's environment).
import * as vscode from 'vscode';
import type { PagerDutyExtensionApi } from '../../../src/extension';

export const EXTENSION_ID = 'pagerduty-vscode.pagerduty-vscode';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e tests through scripts/e2e/run.ts`);
  return value;
}

export const e2e = {
  simulatorUrl: () => required('E2E_PD_URL'),
  userToken: () => required('E2E_PD_TOKEN'),
  accountKey: () => required('E2E_PD_ACCOUNT_KEY'),
  me: () => ({ name: required('E2E_PD_ME_NAME'), email: required('E2E_PD_ME_EMAIL') }),
};

export async function extensionApi(): Promise<PagerDutyExtensionApi> {
  const ext = vscode.extensions.getExtension<PagerDutyExtensionApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  return ext.activate();
}

/** Reads the simulator directly (not through the extension), to compare against what the tools return. */
export async function simulatorGet<T>(path: string): Promise<T> {
  const response = await fetch(`${e2e.simulatorUrl()}${path}`, {
    headers: { Authorization: `Token token=${e2e.userToken()}`, Accept: 'application/vnd.pagerduty+json;version=2' },
  });
  if (!response.ok) throw new Error(`simulator GET ${path} → ${response.status}`);
  return (await response.json()) as T;
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
