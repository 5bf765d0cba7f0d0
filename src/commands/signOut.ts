// "PagerDuty: Sign Out": forgets the token. The token store's change event stops the running MCP server
// (see extension.ts), so it cannot keep using the token.
import * as vscode from 'vscode';
import type { TokenStore } from '../auth/tokenStore';
import type { Logger } from '../log';

export function signOutCommand(tokens: TokenStore, log: Logger) {
  return async (): Promise<void> => {
    const had = (await tokens.get()) !== undefined;
    await tokens.delete();
    log.info('Signed out; the PagerDuty token was removed from secret storage.');
    void vscode.window.showInformationMessage(
      had ? vscode.l10n.t('Signed out of PagerDuty.') : vscode.l10n.t('You were not signed in to PagerDuty.'),
    );
  };
}
