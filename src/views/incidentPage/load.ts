/** The tool calls behind one incident page, all through the toolset. No `vscode` import (used by the bench too). */
import type { CallTool } from '../model/types';
import type { IncidentPageResults } from '../../model/incidentPage/viewModel';
import { incidentKey, isIncidentNumber } from '../../model/incidentRef';
import { readIncident } from '../../model/toolAnswers';

/**
 * get_incident first when only a number is known (every other tool would look the number up again);
 * with an id, everything runs at once so the first paint waits for one round trip.
 */
export async function loadIncidentPage(callTool: CallTool, idOrNumber: string, token?: unknown): Promise<IncidentPageResults> {
  const ref = incidentKey(idOrNumber);
  let incident = isIncidentNumber(ref) ? await callTool('get_incident', { incident_id: ref }, token) : undefined;
  const id = readIncident(incident)?.id ?? ref;
  if (incident?.isError) return { incident };
  const on = { incident_id: id };
  const [got, alerts, notes, log, related, past, outlier, changes] = await Promise.all([
    incident ?? callTool('get_incident', on, token),
    callTool('list_alerts_from_incident', { ...on, limit: 50 }, token),
    callTool('list_incident_notes', on, token),
    callTool('list_incident_log_entries', { ...on, limit: 100 }, token),
    callTool('get_related_incidents', on, token),
    callTool('get_past_incidents', { ...on, limit: 5 }, token),
    callTool('get_outlier_incident', on, token),
    callTool('list_incident_change_events', { ...on, limit: 10 }, token),
  ]);
  incident = got;
  return { incident, alerts, notes, log, related, past, outlier, changes };
}
