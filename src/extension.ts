// Composition only: creates the pieces, wires them together and registers every command (in one block, below).
// No network and no awaits on I/O here, so activation stays fast.
import * as vscode from 'vscode';
import { TokenStore } from './auth/tokenStore';
import { IncidentCommands } from './commands/incidentCommands';
import { addIncidentToChat } from './commands/addToChat';
import { registerIncidentPageCommands } from './commands/incidentPage';
import { copyIncidentLink, openInPagerDuty } from './commands/links';
import { showLogsCommand } from './commands/showLogs';
import { signInCommand, type SignInResult } from './commands/signIn';
import { signOutCommand } from './commands/signOut';
import { launchSettings } from './config/serverLaunch';
import { COMMANDS, type CommandId } from './contributions';
import { registerCommitTool } from './lm/commitTool';
import { registerCodeIncidentsTool } from './lm/codeIncidentsTool';
import { checkChangeCommand } from './commands/checkChange';
import { draftPostIncidentReview } from './commands/draftReview';
import { createLogger } from './log';
import { PagerDutyMcpProvider, registerMcpProvider } from './mcpProvider';
import { createToolbox } from './mcp/toolbox';
import { PagerDutySession } from './session';
import { createViews, type ViewsApi } from './views';
import { CodeHints } from './views/codeHints';
import { IncidentPages } from './views/incidentPage/panel';

/** What activate() returns; used by the e2e tests and by other parts of this extension, not a public API. */
export interface PagerDutyExtensionApi {
  session: PagerDutySession;
  mcp: PagerDutyMcpProvider;
  views: ViewsApi;
  codeHints: CodeHints;
}

export function activate(context: vscode.ExtensionContext): PagerDutyExtensionApi {
  const log = createLogger(context);
  const tokens = new TokenStore(context.secrets);
  const session = new PagerDutySession(tokens, log);

  const signIn = signInCommand(tokens, log);
  const mcp = new PagerDutyMcpProvider(context, tokens, log, async () => (await signIn()).outcome === 'signedIn');
  // Best effort: `workbench.mcp.stopServer` is VS Code's own (internal) command; without it the old server
  // keeps running until VS Code restarts it, and the next start gets the current token.
  const stopServer = async () => {
    await Promise.resolve(vscode.commands.executeCommand('workbench.mcp.stopServer', mcp.serverId)).catch((error: unknown) =>
      log.debug(`Could not stop the MCP server: ${String(error)}`),
    );
  };

  context.subscriptions.push(
    tokens,
    session,
    mcp,
    registerMcpProvider(mcp),
    // A token changed in another window (or here): a running server must not keep using the old one.
    tokens.onDidChange(() => void stopServer()),
  );

  // Sidebar, status bar, notifications and the poll loop (src/views); the commands act on what it exposes.
  const views = createViews(context, session, log);
  const incidents = new IncidentCommands({ session, log, views });
  // The incident page (src/views/incidentPage) and its ways in: tree click, Open Incident…, notifications, vscode:// links.
  // The lines open incidents' frames name: CodeLens and Problems entries from the sidebar's data (src/views/codeHints.ts).
  const codeHints = new CodeHints(views.incidents, session.api, () => session.settings.codeHintsEnabled, log);
  context.subscriptions.push(codeHints, session.onDidChange(() => void codeHints.update()));
  const pages = new IncidentPages({
    api: session.api,
    log,
    extensionUri: context.extensionUri,
    refreshIntervalSeconds: () => session.settings.refreshIntervalSeconds,
    changed: () => void views.refresh(),
    investigate: (incident) => vscode.commands.executeCommand(COMMANDS.investigateIncident, incident),
  });
  const s = () => session.settings;
  const pageCommands = registerIncidentPageCommands({
    pages,
    api: session.api,
    log,
    // What Copilot sees: the MCP server's selection from the same settings.
    modelTools: () => createToolbox(launchSettings(s())),
  });
  context.subscriptions.push(pages, pageCommands.uriHandler);
  // The Incident Expert's commit lookup (src/lm): git for a change event's commit, without a terminal.
  context.subscriptions.push(registerCommitTool());
  // Incidents meet the code (src/lm): this workspace's incidents whose frames, notes or commits touch given files.
  const codeCheck = { api: session.api, services: views.workspaceServices, log };
  context.subscriptions.push(registerCodeIncidentsTool(codeCheck));

  // Every command: id → handler. The ids are declared in src/contributions.ts (checked against package.json).
  // Handlers take what VS Code passes them (tree nodes, URIs, nothing), each typed as it expects.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const commands: Record<CommandId, (...args: any[]) => unknown> = {
    [COMMANDS.signIn]: signIn,
    [COMMANDS.signOut]: signOutCommand(tokens, log),
    [COMMANDS.showLogs]: showLogsCommand(log),
    [COMMANDS.refresh]: () => incidents.refresh(),
    [COMMANDS.setIncidentScope]: (scope?: unknown) => incidents.setScope(scope),
    [COMMANDS.acknowledgeIncidents]: (...args: unknown[]) => incidents.acknowledge(args),
    [COMMANDS.resolveIncidents]: (...args: unknown[]) => incidents.resolve(args),
    [COMMANDS.addNote]: (...args: unknown[]) => incidents.addNote(args),
    [COMMANDS.openIncident]: (arg?: unknown) => incidents.openIncident(arg),
    [COMMANDS.openInPagerDuty]: openInPagerDuty,
    [COMMANDS.copyIncidentLink]: copyIncidentLink,
    [COMMANDS.loadMoreIncidents]: () => views.incidents.loadMore(),
    [COMMANDS.openIncidentPage]: pageCommands.openPage,
    [COMMANDS.investigateIncident]: pageCommands.investigate,
    [COMMANDS.draftPostIncidentReview]: (arg?: unknown) => draftPostIncidentReview({ api: session.api, log }, arg),
    [COMMANDS.checkChange]: (arg?: unknown) => checkChangeCommand(codeCheck, arg),
    [COMMANDS.addIncidentToChat]: (arg?: unknown) =>
      addIncidentToChat({ log, serverId: () => mcp.serverId, incidentId: pageCommands.incidentId, investigate: pageCommands.investigate }, arg),
  };
  for (const [id, handler] of Object.entries(commands)) context.subscriptions.push(vscode.commands.registerCommand(id, handler));

  if (context.extensionMode !== vscode.ExtensionMode.Production) void useDevToken(signIn, log);
  log.info(`PagerDuty extension ${context.extension.packageJSON.version} activated.`);
  return { session, mcp, views, codeHints };
}

/**
 * `npm start` signs the development window in to the simulator through PAGERDUTY_DEV_TOKEN. Never read in
 * production mode, and removed from this process's environment once used.
 */
async function useDevToken(signIn: (args: { token: string }) => Promise<SignInResult>, log: ReturnType<typeof createLogger>) {
  const token = process.env.PAGERDUTY_DEV_TOKEN;
  if (!token) return;
  delete process.env.PAGERDUTY_DEV_TOKEN;
  const result = await signIn({ token });
  log.info(`Development sign-in from PAGERDUTY_DEV_TOKEN: ${result.outcome}`);
}

export function deactivate(): void {}
