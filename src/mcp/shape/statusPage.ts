import { truncate } from '../../model/untrusted';
import { compact, idOf, type Raw, time } from './common';

export interface StatusPage {
  id: string;
  name: string;
  status_page_type?: string;
  url?: string;
  published_at?: string | null;
}

/** A status, severity or impact level of a status page. */
export interface StatusPageLevel {
  id: string;
  description: string;
  post_type?: string;
}

/** A service shown on a status page: what a post's update says is impacted. */
export interface PageService {
  id: string;
  name: string;
}

export interface PostUpdate {
  id: string;
  message: string;
  reported_at: string | null;
  reviewed_status?: string;
  status_id?: string;
  severity_id?: string;
  impacted_services?: { service_id: string; impact_id?: string }[];
  notify_subscribers?: boolean;
}

export interface Post {
  id: string;
  title: string;
  post_type?: string;
  status_page_id?: string;
  starts_at: string | null;
  ends_at: string | null;
  /** Full updates when they were included, else only their ids. */
  updates?: PostUpdate[];
  update_ids?: string[];
}

export function shapeStatusPage(raw: Raw): StatusPage {
  return compact({
    id: idOf(raw),
    name: String(raw.name ?? raw.id),
    status_page_type: raw.status_page_type,
    url: raw.url,
    published_at: time(raw.published_at),
  });
}

export function shapeLevel(raw: Raw): StatusPageLevel {
  return compact({ id: idOf(raw), description: String(raw.description ?? ''), post_type: raw.post_type });
}

export function shapePageService(raw: Raw): PageService {
  return { id: idOf(raw), name: String(raw.name ?? raw.id) };
}

export function shapePostUpdate(raw: Raw): PostUpdate {
  return compact({
    id: idOf(raw),
    message: String(raw.message ?? ''),
    reported_at: time(raw.reported_at),
    reviewed_status: raw.reviewed_status,
    status_id: raw.status?.id,
    severity_id: raw.severity?.id,
    impacted_services: (Array.isArray(raw.impacted_services) ? raw.impacted_services : [])
      .filter((i: Raw) => i?.service?.id)
      .map((i: Raw) => compact({ service_id: String(i.service.id), impact_id: i.impact?.id })),
    notify_subscribers: typeof raw.notify_subscribers === 'boolean' ? raw.notify_subscribers : undefined,
  });
}

export function shapePost(raw: Raw): Post {
  const updates = Array.isArray(raw.updates) ? (raw.updates as Raw[]) : [];
  // Without include[]=status_page_post_update PagerDuty returns references, which carry no message.
  const full = updates.length > 0 && updates.every((u) => typeof u.message === 'string');
  return compact({
    id: idOf(raw),
    title: String(raw.title ?? ''),
    post_type: raw.post_type,
    status_page_id: raw.status_page?.id,
    starts_at: time(raw.starts_at),
    ends_at: time(raw.ends_at),
    updates: full ? updates.map(shapePostUpdate) : undefined,
    update_ids: full ? undefined : updates.map((u) => String(u.id)),
  });
}

export function statusPageLine(p: StatusPage): string {
  return `${p.id} ${p.name} (${p.status_page_type ?? 'unknown type'}${p.published_at ? '' : ', unpublished'})${p.url ? ` ${p.url}` : ''}`;
}

export function levelLine(l: StatusPageLevel): string {
  return `${l.id} ${l.description}${l.post_type ? ` [${l.post_type}]` : ''}`;
}

export function postUpdateLine(u: PostUpdate): string {
  const refs = [u.status_id && `status ${u.status_id}`, u.severity_id && `severity ${u.severity_id}`, u.reviewed_status].filter(Boolean).join(', ');
  const impacted = u.impacted_services?.length ? `\n  impacted: ${u.impacted_services.map((i) => `${i.service_id}${i.impact_id ? `→${i.impact_id}` : ''}`).join(', ')}` : '';
  return `[${u.reported_at ?? 'unknown time'}] ${u.id} (${refs}): ${truncate(u.message)}${impacted}`;
}

export function pageServiceLine(x: PageService): string {
  return `${x.id} ${x.name}`;
}

function postHead(p: Post): string {
  return `${p.id} ${p.title} [${p.post_type ?? 'post'}] starts ${p.starts_at ?? '-'} ends ${p.ends_at ?? '-'}`;
}

/** A post in a list: what it is, its window and how many updates it has (get_status_page_post reads them). */
export function postLine(p: Post): string {
  const count = p.updates?.length ?? p.update_ids?.length ?? 0;
  return `${postHead(p)} | ${count} update${count === 1 ? '' : 's'}`;
}

export function postDetail(p: Post): string {
  const head = postHead(p);
  if (p.updates) return [head, 'Updates (oldest first):', ...p.updates.map(postUpdateLine)].join('\n');
  return `${head}\nUpdate ids: ${p.update_ids?.join(', ') || 'none'}`;
}
