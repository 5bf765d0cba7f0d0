// The ids package.json contributes (commands, views, context keys), declared once for the code.
// test/unit/contributions.test.ts checks them against package.json in both directions.

export const COMMANDS = {
  signIn: 'pagerduty.signIn',
  signOut: 'pagerduty.signOut',
  showLogs: 'pagerduty.showLogs',
  refresh: 'pagerduty.refresh',
  setIncidentScope: 'pagerduty.setIncidentScope',
  acknowledgeIncidents: 'pagerduty.acknowledgeIncidents',
  resolveIncidents: 'pagerduty.resolveIncidents',
  addNote: 'pagerduty.addNote',
  openIncident: 'pagerduty.openIncident',
  openInPagerDuty: 'pagerduty.openInPagerDuty',
  copyIncidentLink: 'pagerduty.copyIncidentLink',
  loadMoreIncidents: 'pagerduty.loadMoreIncidents',
  openIncidentPage: 'pagerduty.openIncidentPage',
  investigateIncident: 'pagerduty.investigateIncident',
  addIncidentToChat: 'pagerduty.addIncidentToChat',
  draftPostIncidentReview: 'pagerduty.draftPostIncidentReview',
  checkChange: 'pagerduty.checkChange',
} as const;
export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

export const VIEWS = {
  incidents: 'pagerduty.incidents',
  oncall: 'pagerduty.oncall',
} as const;
export type ViewId = (typeof VIEWS)[keyof typeof VIEWS];

/** Language-model tools (`languageModelTools`, registered in src/lm/): the names the model calls them by. */
export const LM_TOOLS = {
  commit: 'pagerduty_commit',
  incidentsForCode: 'pagerduty_incidents_for_code',
} as const;

/** Webview panel types, for `activeWebviewPanelId` in when clauses (src/views/incidentPage/panel.ts creates it). */
export const PANELS = {
  incident: 'pagerduty.incident',
} as const;

/** VS Code's own command that reveals a contributed view. */
export function focusCommand(view: ViewId): string {
  return `${view}.focus`;
}

/** Context keys the extension sets and package.json `when` clauses read. */
export const CONTEXT_KEYS = {
  signedIn: 'pagerduty.signedIn',
  incidentsScope: 'pagerduty.incidentsScope',
} as const;

/**
 * The custom agent contributed through `chatAgents` (media/chat/pagerduty-incident-expert.agent.md): VS Code picks a
 * custom agent by the `name` in its front matter. test/unit/chatContributions.test.ts checks the file says this.
 */
export const EXPERT_AGENT = 'PagerDuty Incident Expert';
