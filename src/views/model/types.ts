// Plain data the sidebar reads from tool results (structuredContent). No `vscode` import: unit-tested under Node.
// The shapes themselves are the toolset's (src/mcp/shape/); this file only narrows them for the views.
import type { CallResult } from '../../mcp/registry';
import type { Ref } from '../../mcp/shape/common';
import type { IncidentSummary } from '../../mcp/shape/incident';
import type { OnCallEntry } from '../../mcp/shape/schedule';

export type Incident = IncidentSummary;
export type IncidentStatus = Incident['status'];

/** A list_oncalls entry whose user and policy were present (parseOncalls drops the others). */
export type OncallEntry = OnCallEntry & { user: Ref; escalation_policy: Ref };

export interface CurrentUser extends Ref {
  email?: string;
  html_url?: string;
}

/** How the views call the toolset: session.callTool without the vscode CancellationToken type. */
export type CallTool = (name: string, args: Record<string, unknown>, token?: unknown) => Promise<CallResult>;
