/**
 * PagerDutySession: the signed-in state shared by the sidebar, commands and notifications.
 *
 * API (keep it small):
 *   session.state                 'signedIn' | 'signedOut' (known after `ready`)
 *   session.ready                 resolves once the stored token has been read at startup
 *   session.settings              current `pagerduty.*` settings (src/config/settings.ts)
 *   session.client                PagerDutyClient for the current token, or undefined when signed out
 *   session.me()                  the token's user (cached), undefined for signed-out or account-level keys
 *   session.api                   the typed API (src/model/pagerdutyApi.ts) over callTool, built once: the stores, the
 *                                 incident page and the commands all take this one
 *   session.callTool(name, args, cancellationToken?)
 *                                 runs any MCP tool in-process, writes allowed (user-initiated actions), and
 *                                 returns the tool's CallResult; when signed out it returns
 *                                 { isError: true, signedOut: true, content: [...] } instead of throwing.
 *                                 Only session.api calls it in the extension (the lint refuses other callers).
 *   session.onDidChange           fires on sign-in, sign-out, token change in another window, settings change
 */
import * as vscode from 'vscode';
import type { TokenStore } from './auth/tokenStore';
import type { Settings } from './config/settings';
import { readSettings, affectsAny } from './config/vscodeSettings';
import { CONTEXT_KEYS } from './contributions';
import type { Logger } from './log';
import { resultText, type CallResult, type Toolbox } from './mcp/registry';
import { createToolbox } from './mcp/toolbox';
import { TOOLSETS } from './mcp/tools/types';
import { PagerDutyClient, type UserSummary } from './pagerduty/client';
import { pagerDutyApi, type PagerDutyApi } from './model/pagerdutyApi';

export type SessionState = 'signedIn' | 'signedOut';

export interface SignedOutResult extends CallResult {
  isError: true;
  signedOut: true;
}

export class PagerDutySession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  readonly ready: Promise<void>;
  private currentSettings: Settings = readSettings();
  private currentClient?: PagerDutyClient;
  /** All tools with writes on: the user clicks are explicit, the settings only limit what Copilot sees. */
  private readonly toolbox: Toolbox = createToolbox({ enableWrites: true, toolsets: [...TOOLSETS], structuredOutput: true });
  private readonly disposables: vscode.Disposable[] = [];
  /** The one typed API of the VS Code side; its (opaque) tokens are the callers' cancellation tokens. */
  readonly api: PagerDutyApi = pagerDutyApi((name, args, token) => this.callTool(name, args, isCancellationToken(token) ? token : undefined));

  constructor(
    private readonly tokens: TokenStore,
    private readonly log: Logger,
  ) {
    this.ready = this.reload();
    this.disposables.push(
      tokens.onDidChange(() => void this.reload().then(() => this.changed.fire())),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!affectsAny(e)) return;
        this.currentSettings = readSettings();
        void this.reload().then(() => this.changed.fire());
      }),
    );
  }

  get state(): SessionState {
    return this.currentClient ? 'signedIn' : 'signedOut';
  }

  get settings(): Settings {
    return this.currentSettings;
  }

  get client(): PagerDutyClient | undefined {
    return this.currentClient;
  }

  async me(): Promise<UserSummary | undefined> {
    try {
      return await this.currentClient?.me();
    } catch (error) {
      this.log.debug(`users/me unavailable: ${(error as Error).message}`);
      return undefined;
    }
  }

  async callTool(name: string, args: Record<string, unknown>, token?: vscode.CancellationToken): Promise<CallResult> {
    await this.ready;
    const client = this.currentClient;
    if (!client) {
      const result: SignedOutResult = {
        isError: true,
        signedOut: true,
        content: [{ type: 'text', text: vscode.l10n.t('Not signed in to PagerDuty. Run "PagerDuty: Sign In".') }],
      };
      return result;
    }
    const abort = new AbortController();
    const listener = token?.onCancellationRequested(() => abort.abort());
    try {
      const result = await this.toolbox.call(name, args, { client, signal: abort.signal, now: () => new Date() });
      if (result.isError) this.log.warn(`${name}: ${resultText(result) || 'failed'}`);
      return result;
    } finally {
      listener?.dispose();
    }
  }

  private async reload(): Promise<void> {
    const token = await this.tokens.get();
    const s = this.currentSettings;
    try {
      this.currentClient = token
        ? new PagerDutyClient({
            token,
            region: s.region,
            baseUrl: s.apiBaseUrl || undefined,
            fromEmail: s.fromEmail || undefined,
            log: (line) => this.log.debug(line),
            userAgent: 'pagerduty-vscode',
          })
        : undefined;
    } catch (error) {
      // e.g. an invalid pagerduty.apiBaseUrl: stay signed out and say why.
      this.currentClient = undefined;
      this.log.error('Cannot use the stored PagerDuty token', error);
    }
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.signedIn, this.state === 'signedIn');
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}

/** The typed API passes tokens through untyped (it has no `vscode`): a cancellation token is recognised by its event. */
function isCancellationToken(token: unknown): token is vscode.CancellationToken {
  return !!token && typeof token === 'object' && 'onCancellationRequested' in token && typeof token.onCancellationRequested === 'function';
}
