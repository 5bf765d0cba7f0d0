// Plain data the sidebar reads, as the typed API returns it (declared in src/model/shapes.ts). No `vscode` import.
import type { IncidentSummary } from '../../model/shapes';

export type { CurrentUser, OncallEntry } from '../../model/shapes';

export type Incident = IncidentSummary;
export type IncidentStatus = Incident['status'];
