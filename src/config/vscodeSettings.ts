// Reads the `pagerduty.*` settings and reports changes that matter. The only settings module that imports vscode.
import * as vscode from 'vscode';
import { parseSettings, SERVER_SETTING_KEYS, type Settings } from './settings';

export const SECTION = 'pagerduty';

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return parseSettings((key) => config.get(key));
}

export function affectsServer(event: vscode.ConfigurationChangeEvent): boolean {
  return SERVER_SETTING_KEYS.some((key) => event.affectsConfiguration(`${SECTION}.${key}`));
}

export function affectsAny(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SECTION);
}

/** Stores the From email for account-level keys, in user settings (it is not a secret). */
export function saveFromEmail(email: string): Thenable<void> {
  return vscode.workspace.getConfiguration(SECTION).update('fromEmail', email, vscode.ConfigurationTarget.Global);
}
