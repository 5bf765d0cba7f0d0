/** The chat request "Investigate with Copilot" sends: the investigate_incident prompt's text for this incident. */
import { inSurfaceTerms } from '../../mcp/hosted/surface';
import { investigateIncidentText } from '../../mcp/investigatePrompt';
import type { Toolbox } from '../../mcp/registry';
import { parseIncidentRef, type IncidentKey } from '../../model/incidentRef';

export interface InvestigateTarget {
  id: string;
  number: number;
}

/**
 * Names only the tools Copilot sees with the user's settings (`modelTools`, the MCP server's selection), so the
 * request never asks for a tool the model does not have, in the names of the surface it is offered. Only id and number
 * go in: titles are untrusted text.
 */
export function investigateRequest(incident: InvestigateTarget, modelTools: Pick<Toolbox, 'enabled'>): string {
  const names = new Set(modelTools.enabled().map((t) => t.name));
  return inSurfaceTerms(investigateIncidentText(incident.id, (tool) => names.has(tool), `#${incident.number} (${incident.id})`), modelTools);
}

/** `vscode://<publisher>.<name>/incident/<id or number>`: the part after /incident/, checked, or undefined. */
export function incidentRefFromUriPath(path: string): IncidentKey | undefined {
  const match = /^\/incident\/([^/\s]+)\/?$/.exec(safeDecode(path));
  return match ? parseIncidentRef(match[1]!) : undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return '';
  }
}
