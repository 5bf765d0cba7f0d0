import { compact, idOf, type Raw, time } from './common';

export interface Workflow {
  id: string;
  name: string;
  description?: string;
  is_enabled: boolean;
  team_id?: string;
  created_at: string | null;
  html_url?: string;
  /** Absent when not requested or empty (compact drops empty lists). */
  steps?: { id?: string; name: string; action_id?: string }[];
}

export function shapeWorkflow(raw: Raw): Workflow {
  return compact({
    id: idOf(raw),
    name: String(raw.name ?? raw.summary ?? ''),
    description: raw.description || undefined,
    is_enabled: raw.is_enabled !== false,
    team_id: raw.team?.id ?? undefined,
    created_at: time(raw.created_at),
    html_url: raw.html_url || undefined,
    steps: Array.isArray(raw.steps)
      ? raw.steps.map((s: Raw) => compact({ id: s.id ?? undefined, name: String(s.name ?? ''), action_id: s.action_configuration?.action_id }))
      : [],
  }) as Workflow;
}

export function workflowLine(w: Workflow): string {
  return `${w.id} ${w.name}${w.is_enabled ? '' : ' (disabled)'}${w.team_id ? ` | team: ${w.team_id}` : ''}${w.steps?.length ? ` | ${w.steps.length} steps` : ''}`;
}

export function workflowDetail(w: Workflow): string {
  return [
    workflowLine(w),
    w.description ? `description: ${w.description}` : '',
    ...(w.steps ?? []).map((s, i) => `  step ${i + 1}: ${s.name}${s.action_id ? ` (${s.action_id})` : ''}`),
  ]
    .filter(Boolean)
    .join('\n');
}
