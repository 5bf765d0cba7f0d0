// Plain data the sidebar reads from tool results (structuredContent). No `vscode` import: unit-tested under Node.
import type { IncidentSummary } from '../../mcp/shape/incident';

export type Incident = IncidentSummary;
export type IncidentStatus = Incident['status'];
export type Scope = 'assigned' | 'teams' | 'all';
export const SCOPES: readonly Scope[] = ['assigned', 'teams', 'all'];

export interface Ref {
  id: string;
  name: string;
}

export interface OncallEntry {
  user: Ref;
  escalation_policy: Ref;
  escalation_level: number;
  schedule: Ref | null;
  /** null = permanently on call (a user targeted directly by the policy). */
  start: string | null;
  end: string | null;
}

export interface CurrentUser extends Ref {
  email?: string;
  html_url?: string;
}

/** The subset of a tool CallResult the views read. */
export interface ToolResult {
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  signedOut?: boolean;
  _meta?: Record<string, unknown>;
}

/** How the views call the toolset: session.callTool without the vscode CancellationToken type. */
export type CallTool = (name: string, args: Record<string, unknown>, token?: unknown) => Promise<ToolResult>;
