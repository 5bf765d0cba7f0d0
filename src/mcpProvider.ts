// Registers the PagerDuty MCP server with VS Code (Copilot agent mode and any other MCP client in VS Code).
// Decisions live in src/config/serverLaunch.ts; this file only converts them to VS Code's definition classes.
import * as vscode from 'vscode';
import type { TokenStore } from './auth/tokenStore';
import { buildLaunch, SERVER_LABEL, withToken, type ServerLaunch } from './config/serverLaunch';
import { affectsServer, readSettings } from './config/vscodeSettings';
import type { Logger } from './log';

export const PROVIDER_ID = 'pagerduty';

type Definition = vscode.McpStdioServerDefinition | vscode.McpHttpServerDefinition;

export class PagerDutyMcpProvider implements vscode.McpServerDefinitionProvider<Definition>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeMcpServerDefinitions = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly tokens: TokenStore,
    private readonly log: Logger,
    /** Runs the sign-in flow; resolves true when a token was stored. */
    private readonly signIn: () => Promise<boolean>,
  ) {
    this.disposables.push(
      tokens.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsServer(e)) this.changed.fire();
      }),
    );
  }

  /** The VS Code id of our server definition: `<extension id lowercased>/<label>`; used to stop it on sign-out. */
  get serverId(): string {
    return `${this.context.extension.id.toLowerCase()}/${SERVER_LABEL}`;
  }

  launch(): ServerLaunch {
    return buildLaunch({
      settings: readSettings((line) => this.log.warn(line)),
      extensionVersion: String(this.context.extension.packageJSON.version ?? '0.0.0'),
      serverScript: vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'mcp-server.js').fsPath,
      execPath: process.execPath,
      // Beside what the extension keeps, per user: never a shared temp folder (a cache is code the server runs).
      compileCacheDir: vscode.Uri.joinPath(this.context.globalStorageUri, 'compile-cache').fsPath,
    });
  }

  // No network, prompt or secret here: VS Code calls this eagerly, e.g. to list servers.
  provideMcpServerDefinitions(): Definition[] {
    return [toDefinition(this.launch())];
  }

  // Called right before VS Code starts the server: the only place the token is attached.
  async resolveMcpServerDefinition(server: Definition, cancel: vscode.CancellationToken): Promise<Definition | undefined> {
    let token = await this.tokens.get();
    if (!token && !cancel.isCancellationRequested) {
      const signInLabel = vscode.l10n.t('Sign In');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('The PagerDuty MCP server needs a PagerDuty API token.'),
        { modal: true, detail: vscode.l10n.t('Sign in with a user API token; it is kept in VS Code\'s secret storage.') },
        signInLabel,
      );
      if (choice === signInLabel && (await this.signIn())) token = await this.tokens.get();
    }
    if (!token || cancel.isCancellationRequested) {
      this.log.info('MCP server not started: not signed in.');
      return undefined;
    }
    const launch = this.launch();
    if (launch.kind === 'http' && launch.problem) {
      // Refused before the token goes anywhere.
      const message = vscode.l10n.t('PagerDuty: the setting pagerduty.hostedUrl cannot be used: {0}.', launch.problem);
      this.log.error(message);
      void vscode.window.showErrorMessage(message, vscode.l10n.t('Open Settings')).then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'pagerduty.hostedUrl');
      });
      return undefined;
    }
    if (launch.version !== server.version) {
      // Settings changed between provide and resolve: start what the settings say now.
      this.log.debug('MCP server definition changed before start; using the current settings.');
    }
    this.log.info(`Starting the PagerDuty MCP server (${launch.kind === 'http' ? `hosted: ${launch.url}` : 'embedded'}).`);
    return toDefinition(withToken(launch, token));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}

function toDefinition(launch: ServerLaunch): Definition {
  if (launch.kind === 'http') {
    return new vscode.McpHttpServerDefinition(SERVER_LABEL, vscode.Uri.parse(launch.url), launch.headers, launch.version);
  }
  return new vscode.McpStdioServerDefinition(SERVER_LABEL, launch.command, launch.args, launch.env, launch.version);
}

export function registerMcpProvider(provider: PagerDutyMcpProvider): vscode.Disposable {
  return vscode.lm.registerMcpServerDefinitionProvider(PROVIDER_ID, provider);
}
