import { compact, idOf, type Raw, type Ref, ref, refs } from './common';
import { names } from '../../model/names';

export interface EscalationTarget {
  type: 'user' | 'schedule' | string;
  id: string;
  name: string;
}

export interface EscalationLevel {
  level: number;
  /** Minutes before the incident escalates from this level to the next. */
  delay_minutes: number;
  targets: EscalationTarget[];
}

export interface EscalationPolicySummary {
  id: string;
  name: string;
  description?: string;
  num_loops: number;
  on_call_handoff_notifications?: string;
  levels: EscalationLevel[];
  teams: Ref[];
  services: Ref[];
  html_url?: string;
}

function targetType(type: unknown): string {
  // "user_reference", "schedule_reference", "schedule_v3_reference", or the expanded "user"/"schedule".
  return String(type ?? 'unknown').replace(/_reference$/, '').replace(/^schedule_v3$/, 'schedule');
}

export function shapeEscalationPolicy(raw: Raw): EscalationPolicySummary {
  const rules: Raw[] = Array.isArray(raw.escalation_rules) ? raw.escalation_rules : [];
  return compact({
    id: idOf(raw),
    name: String(raw.name ?? raw.summary ?? raw.id),
    description: raw.description || undefined,
    num_loops: Number(raw.num_loops ?? 0),
    on_call_handoff_notifications: raw.on_call_handoff_notifications ?? undefined,
    levels: rules.map((rule, i) => ({
      level: i + 1,
      delay_minutes: Number(rule.escalation_delay_in_minutes ?? 0),
      targets: (Array.isArray(rule.targets) ? rule.targets : []).map((t: Raw) => ({
        type: targetType(t.type),
        id: String(t.id),
        name: ref(t)?.name ?? String(t.id),
      })),
    })),
    teams: refs(raw.teams),
    services: refs(raw.services),
    html_url: raw.html_url ?? undefined,
  }) as EscalationPolicySummary;
}

export function policyLine(p: EscalationPolicySummary): string {
  return [
    `${p.name} (${p.id})`,
    `${p.levels?.length ?? 0} level(s), repeats ${p.num_loops}x`,
    p.teams?.length ? `teams: ${names(p.teams)}` : undefined,
    p.services?.length ? `services: ${p.services.length}` : undefined,
  ]
    .filter(Boolean)
    .join(' | ');
}

export function levelLines(p: EscalationPolicySummary): string[] {
  return (p.levels ?? []).map(
    (l) => `  L${l.level}: ${l.targets.map((t) => `${t.type} ${t.name} (${t.id})`).join(', ') || 'no targets'}; escalates after ${l.delay_minutes} min`,
  );
}

export function policyDetail(p: EscalationPolicySummary): string {
  return [
    policyLine(p),
    p.description ? `description: ${p.description}` : undefined,
    ...levelLines(p),
    p.services?.length ? `services: ${p.services.map((s) => `${s.name} (${s.id})`).join(', ')}` : undefined,
    p.html_url,
  ]
    .filter(Boolean)
    .join('\n');
}
