import { compact, idOf, type Raw, time } from './common';

export interface Orchestration {
  id: string;
  name: string;
  description?: string;
  team_id?: string;
  routes?: number;
  integrations?: { id: string; label?: string; routing_key?: string }[];
  version?: string;
  created_at: string | null;
  updated_at: string | null;
}

export function shapeOrchestration(raw: Raw): Orchestration {
  return compact({
    id: idOf(raw),
    name: String(raw.name ?? ''),
    description: raw.description || undefined,
    team_id: raw.team?.id ?? undefined,
    routes: typeof raw.routes === 'number' ? raw.routes : undefined,
    integrations: Array.isArray(raw.integrations)
      ? raw.integrations.map((i: Raw) => compact({ id: String(i.id), label: i.label || undefined, routing_key: i.parameters?.routing_key }))
      : [],
    version: raw.version ?? undefined,
    created_at: time(raw.created_at),
    updated_at: time(raw.updated_at),
  }) as Orchestration;
}

export function orchestrationLine(o: Orchestration): string {
  return `${o.id} ${o.name}${o.routes !== undefined ? ` | routes: ${o.routes}` : ''}${o.team_id ? ` | team: ${o.team_id}` : ''} | updated: ${o.updated_at ?? 'n/a'}`;
}

/** Scalar actions worth showing; structured ones are reduced to names so header values (credentials) never leave. */
const SCALAR_ACTIONS = ['route_to', 'suppress', 'suspend', 'drop_event', 'priority', 'escalation_policy', 'annotate', 'severity', 'event_action'];

export function shapeActions(raw: Raw | undefined): Record<string, unknown> {
  if (!raw || typeof raw !== 'object') return {};
  const out: Record<string, unknown> = {};
  for (const key of SCALAR_ACTIONS) if (raw[key] !== undefined && raw[key] !== null) out[key] = raw[key];
  if (raw.dynamic_route_to) out.dynamic_route_to = compact({ source: raw.dynamic_route_to.source, regex: raw.dynamic_route_to.regex, lookup_by: raw.dynamic_route_to.lookup_by });
  if (Array.isArray(raw.variables) && raw.variables.length) out.variables = raw.variables.map((v: Raw) => String(v.name));
  if (Array.isArray(raw.extractions) && raw.extractions.length) out.extractions = raw.extractions.map((e: Raw) => String(e.target));
  if (Array.isArray(raw.automation_actions) && raw.automation_actions.length) out.automation_actions = raw.automation_actions.map((a: Raw) => String(a.name));
  if (Array.isArray(raw.pagerduty_automation_actions) && raw.pagerduty_automation_actions.length) {
    out.pagerduty_automation_actions = raw.pagerduty_automation_actions.map((a: Raw) => String(a.action_id));
  }
  if (Array.isArray(raw.incident_custom_field_updates) && raw.incident_custom_field_updates.length) {
    out.incident_custom_field_updates = raw.incident_custom_field_updates.map((u: Raw) => String(u.id));
  }
  return out;
}

export interface PathRule {
  id?: string;
  label?: string;
  conditions?: string[];
  disabled?: boolean;
  actions: Record<string, unknown>;
}

export interface OrchestrationPath {
  type?: string;
  parent_id?: string;
  version?: string;
  updated_at: string | null;
  sets?: { id: string; rules: PathRule[] }[];
  catch_all: Record<string, unknown>;
}

export function shapeRule(raw: Raw): PathRule {
  return compact({
    id: raw.id ?? undefined,
    label: raw.label || undefined,
    conditions: Array.isArray(raw.conditions) ? raw.conditions.map((c: Raw) => String(c?.expression ?? '')) : [],
    disabled: raw.disabled === true ? true : undefined,
    actions: shapeActions(raw.actions),
  }) as PathRule;
}

export function shapePath(raw: Raw | undefined): OrchestrationPath {
  const path = raw ?? {};
  return compact({
    type: path.type ?? undefined,
    parent_id: path.parent?.id ?? undefined,
    version: path.version ?? undefined,
    updated_at: time(path.updated_at),
    sets: Array.isArray(path.sets) ? path.sets.map((s: Raw) => ({ id: String(s.id), rules: (s.rules ?? []).map(shapeRule) })) : [],
    catch_all: shapeActions(path.catch_all?.actions),
  }) as OrchestrationPath;
}

function actionText(actions: Record<string, unknown>): string {
  const parts = Object.entries(actions).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return parts.join(', ') || 'no actions';
}

/** Numbered rules per set; conditions of one rule match when ANY of them is true (PagerDuty's semantics). */
export function pathText(p: OrchestrationPath): string {
  const lines: string[] = [];
  const sets = p.sets ?? [];
  for (const set of sets) {
    if (sets.length > 1 || set.id !== 'start') lines.push(`set ${set.id}:`);
    if (set.rules.length === 0) lines.push('  (no rules)');
    set.rules.forEach((r, i) => {
      const when = r.conditions?.length ? `when any of [${r.conditions.join(' | ')}]` : 'always';
      lines.push(`  ${i + 1}. ${r.label ?? '(no label)'}${r.id ? ` [${r.id}]` : ''}${r.disabled ? ' (disabled)' : ''}: ${when} → ${actionText(r.actions)}`);
    });
  }
  lines.push(`catch-all → ${actionText(p.catch_all)}`);
  return lines.join('\n');
}
