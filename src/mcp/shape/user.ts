import { compact, idOf, type Raw, type Ref, refs } from './common';
import { names } from '../../model/names';

export interface UserProfile {
  id: string;
  name: string;
  email: string;
  role: string;
  time_zone?: string;
  job_title?: string;
  teams: Ref[];
  html_url?: string;
}

export function shapeUser(raw: Raw): UserProfile {
  return compact({
    id: idOf(raw),
    name: String(raw.name ?? raw.summary ?? raw.id),
    email: String(raw.email ?? ''),
    role: String(raw.role ?? 'unknown'),
    time_zone: raw.time_zone || undefined,
    job_title: raw.job_title || undefined,
    teams: refs(raw.teams),
    html_url: raw.html_url ?? undefined,
  }) as UserProfile;
}

export function userLine(u: UserProfile): string {
  return [
    `${u.name} <${u.email}> (${u.id}) [${u.role}]`,
    u.job_title,
    u.time_zone ? `tz: ${u.time_zone}` : undefined,
    u.teams?.length ? `teams: ${names(u.teams)}` : undefined,
  ]
    .filter(Boolean)
    .join(' | ');
}

export function userDetail(u: UserProfile): string {
  const teams = u.teams?.length ? `teams: ${u.teams.map((t) => `${t.name} (${t.id})`).join(', ')}` : 'teams: none';
  return [`${u.name} <${u.email}> (${u.id})`, `role: ${u.role}`, u.job_title ? `job title: ${u.job_title}` : undefined, u.time_zone ? `time zone: ${u.time_zone}` : undefined, teams, u.html_url]
    .filter(Boolean)
    .join('\n');
}
