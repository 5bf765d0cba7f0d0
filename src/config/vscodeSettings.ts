// Reads the `pagerduty.*` settings and reports changes that matter. The only settings module that imports vscode.
import * as vscode from 'vscode';
import { parseSettings, SERVER_SETTING_KEYS, USER_LEVEL_SETTINGS, type Settings } from './settings';

export const SECTION = 'pagerduty';

const userLevel: ReadonlySet<string> = new Set(USER_LEVEL_SETTINGS);
let lastIgnored = '';

/**
 * The settings, with USER_LEVEL_SETTINGS taken from user settings (or their default) only. VS Code already drops a
 * workspace value of an application/machine-scoped setting; this holds even where it does not. `warn` gets one line
 * when a workspace value is ignored, and not again until the ignored set changes (the MCP provider passes it: it
 * reads the settings at every server launch).
 */
export function readSettings(warn?: (line: string) => void): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const ignored: string[] = [];
  const settings = parseSettings((key) => {
    if (!userLevel.has(key)) return config.get(key);
    const values = config.inspect(key);
    if (values?.workspaceValue !== undefined || values?.workspaceFolderValue !== undefined) ignored.push(`${SECTION}.${key}`);
    return values?.globalValue ?? values?.defaultValue;
  });
  const line = ignored.length ? `Ignored the workspace value of ${ignored.join(', ')}: these settings apply from user settings only, so a repository cannot widen what Copilot may do.` : '';
  if (warn && line !== lastIgnored) {
    if (line) warn(line);
    lastIgnored = line;
  }
  return settings;
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
