/**
 * Every message between the incident page (webview) and the extension, and their validation on receipt.
 * No `vscode` import and no DOM: both sides import this file.
 */
import type { IncidentView } from './viewModel';
import { isIncidentKey } from '../incidentRef';

/** Buttons the page offers; the extension decides what each does (quick picks, tool calls). */
export const PAGE_ACTIONS = [
  'acknowledge',
  'resolve',
  'snooze',
  'reassign',
  'escalate',
  'urgency',
  'priority',
  'addResponders',
  'runWorkflow',
  'statusUpdate',
  'investigate',
  'openInPagerDuty',
  'refresh',
] as const;
export type PageAction = (typeof PAGE_ACTIONS)[number];

/** Page → extension. */
export type PageMessage =
  | { type: 'ready' }
  | { type: 'action'; action: PageAction }
  | { type: 'addNote'; note: string }
  | { type: 'openIncident'; id: string }
  | { type: 'openLink'; url: string }
  | { type: 'openCommit'; sha: string; url?: string };

/** Extension → page. */
export type HostMessage =
  | { type: 'view'; view: IncidentView }
  | { type: 'busy'; action: PageAction | 'addNote' }
  | { type: 'done'; action: PageAction | 'addNote'; error?: string }
  | { type: 'loadError'; message: string };

export const MAX_NOTE_LENGTH = 25_000;
const SHA = /^[0-9a-f]{7,40}$/;

/**
 * The only links the extension opens for the page: http(s) to a host, nothing else (no command:, file:, javascript:),
 * written as VS Code's Uri.parse reads them. The WHATWG parser forgives spaces and controls around a link, tabs and
 * newlines in it, a missing `//` and backslashes; Uri.parse then throws ("Scheme contains illegal characters"), so
 * such a link is not safe as it is: `safeLink` gives its normalised form.
 */
export function isSafeLink(url: unknown): url is string {
  return safeLink(url) === url;
}

/** The link as the browser would open it (WHATWG-normalised, so Uri.parse takes it), or undefined if it is not http(s). */
export function safeLink(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.length > 2048) return undefined;
  try {
    const parsed = new URL(url);
    if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || !parsed.hostname) return undefined;
    return isCleanWebLink(url) ? url : parsed.href;
  } catch {
    return undefined;
  }
}

/** Already in the form Uri.parse reads the same way: http(s)://, then no space, control or backslash. */
function isCleanWebLink(url: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  return /^https?:\/\/[^\u0000-\u0020\u007F-\u009F\\]+$/i.test(url);
}

/** Returns the message if it is one the page may send, else undefined (the caller logs and ignores it). */
export function parsePageMessage(raw: unknown): PageMessage | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const m = raw as Record<string, unknown>;
  const keys = Object.keys(m);
  const only = (...allowed: string[]) => keys.every((k) => allowed.includes(k));
  switch (m.type) {
    case 'ready':
      return only('type') ? { type: 'ready' } : undefined;
    case 'action':
      return only('type', 'action') && (PAGE_ACTIONS as readonly unknown[]).includes(m.action) ? { type: 'action', action: m.action as PageAction } : undefined;
    case 'addNote': {
      if (!only('type', 'note') || typeof m.note !== 'string') return undefined;
      const note = m.note.trim();
      return note && note.length <= MAX_NOTE_LENGTH ? { type: 'addNote', note } : undefined;
    }
    case 'openIncident':
      return only('type', 'id') && typeof m.id === 'string' && isIncidentKey(m.id) ? { type: 'openIncident', id: m.id } : undefined;
    case 'openLink':
      return only('type', 'url') && isSafeLink(m.url) ? { type: 'openLink', url: m.url } : undefined;
    case 'openCommit':
      if (!only('type', 'sha', 'url') || typeof m.sha !== 'string' || !SHA.test(m.sha)) return undefined;
      if (m.url !== undefined && !isSafeLink(m.url)) return undefined;
      return { type: 'openCommit', sha: m.sha, ...(m.url !== undefined ? { url: m.url as string } : {}) };
    default:
      return undefined;
  }
}

/** The page's side: only messages of known shape are rendered (the host is trusted, but a stale page may get odd ones). */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const m = raw as Record<string, unknown>;
  const action = (a: unknown) => a === 'addNote' || (PAGE_ACTIONS as readonly unknown[]).includes(a);
  switch (m.type) {
    case 'view':
      return m.view && typeof m.view === 'object' && typeof (m.view as { id?: unknown }).id === 'string' ? (m as HostMessage) : undefined;
    case 'busy':
      return action(m.action) ? (m as HostMessage) : undefined;
    case 'done':
      return action(m.action) && (m.error === undefined || typeof m.error === 'string') ? (m as HostMessage) : undefined;
    case 'loadError':
      return typeof m.message === 'string' ? (m as HostMessage) : undefined;
    default:
      return undefined;
  }
}
