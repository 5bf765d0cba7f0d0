// Test-data builders for the view-model tests (not a test file itself).
import type { CallResult } from '../../src/mcp/registry';
import { pagerDutyApi } from '../../src/model/pagerdutyApi';
import type { Incident, OncallEntry } from '../../src/views/stores/types';

let next = 1;
export function incident(over: Partial<Incident> = {}): Incident {
  const n = next++;
  return {
    id: `PINC${n}`,
    number: n,
    title: `Incident ${n}`,
    status: 'triggered',
    urgency: 'high',
    priority: null,
    service: { id: 'PSVC1', name: 'Checkout API' },
    escalation_policy: { id: 'PEP1', name: 'Platform Escalation' },
    teams: [],
    assignees: [{ id: 'PME', name: 'Dana Me' }],
    created_at: '2026-01-10T10:00:00Z',
    last_status_change_at: '2026-01-10T10:00:00Z',
    resolved_at: null,
    html_url: `https://acme.pagerduty.com/incidents/PINC${n}`,
    ...over,
  };
}

export function entry(over: Partial<OncallEntry> = {}): OncallEntry {
  return {
    user: { id: 'PU1', name: 'Ann' },
    escalation_policy: { id: 'PEP1', name: 'Platform Escalation' },
    escalation_level: 1,
    schedule: { id: 'PS1', name: 'Platform Primary' },
    start: '2026-01-10T00:00:00Z',
    end: '2026-01-11T00:00:00Z',
    ...over,
  };
}

export function ok(structured: Record<string, unknown>): CallResult {
  return { content: [{ type: 'text', text: 'ok' }], structuredContent: structured };
}

export function failed(kind: string, text = `${kind} failure`): CallResult {
  return { content: [{ type: 'text', text }], isError: true, _meta: { 'pagerduty/errorKind': kind } };
}

/** A fake callTool and the typed API over it: `answer` decides per call; every call is recorded. */
export function fakeTools(answer: (name: string, args: Record<string, unknown>) => CallResult | Promise<CallResult>) {
  const calls: { name: string; args: Record<string, unknown> }[] = [];
  const callTool = async (name: string, args: Record<string, unknown>) => {
    calls.push({ name, args });
    return answer(name, args);
  };
  return { calls, callTool, api: pagerDutyApi(callTool) };
}

export const ME = { id: 'PME', name: 'Dana Me', html_url: 'https://acme.pagerduty.com/users/PME' };

/** A fake toolset that answers get_user_data with ME and list_incidents with `lists[scope]`. */
export function incidentsServer(lists: Record<string, Incident[]>) {
  return fakeTools((name, args) => {
    if (name === 'get_user_data') return ok({ user: ME });
    if (name === 'list_incidents') return ok({ incidents: lists[String(args.scope)] ?? [], more: false });
    return failed('invalid_arguments', `unexpected ${name}`);
  });
}
