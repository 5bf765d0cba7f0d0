import { compact, idOf, type Raw } from './common';

export interface TeamSummary {
  id: string;
  name: string;
  description?: string;
  /** "manager" = public team, "none" = private. */
  default_role?: string;
  html_url?: string;
  /** Only when asked for: the first members; when the team has more, that and (when PagerDuty says) how many in all. */
  members?: TeamMember[];
  members_more?: boolean;
  members_total?: number;
}

export interface TeamMember {
  id: string;
  name: string;
  email?: string;
  role: string;
}

export function shapeTeam(raw: Raw): TeamSummary {
  return compact({
    id: idOf(raw),
    name: String(raw.name ?? raw.summary ?? raw.id),
    description: raw.description || undefined,
    default_role: raw.default_role ?? undefined,
    html_url: raw.html_url ?? undefined,
  }) as TeamSummary;
}

export function teamLine(t: TeamSummary): string {
  const head = [`${t.name} (${t.id})`, t.description, t.html_url].filter(Boolean).join(' | ');
  if (!t.members) return head;
  const shown = t.members.map((m) => `${m.name} (${m.id}) [${m.role}]`).join(', ') || 'none';
  const count = t.members_total !== undefined ? `${t.members_total - t.members.length} ` : '';
  const rest = t.members_more ? `; ${count}more: list_team_members` : '';
  return `${head}\n  members: ${shown}${rest}`;
}

/** A /teams/{id}/members row: the user (a reference, or the full user with include[]=users) and the team role. */
export function shapeMember(raw: Raw): TeamMember {
  const user = raw.user ?? {};
  return compact({
    id: String(user.id),
    name: String(user.name ?? user.summary ?? user.id),
    email: user.email ?? undefined,
    role: String(raw.role ?? 'unknown'),
  }) as TeamMember;
}

export function memberLine(m: TeamMember): string {
  return `${m.name}${m.email ? ` <${m.email}>` : ''} (${m.id}) [${m.role}]`;
}
