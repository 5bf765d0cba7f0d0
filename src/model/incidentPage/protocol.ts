/**
 * Every message between the incident page (webview) and the extension, and their validation on receipt.
 * No `vscode` import and no DOM: both sides import this file.
 */
import { isIncidentKey } from '../incidentRef';
import { isSafeLink } from '../links';
import { PAGE_ACTIONS, type PageAction } from './pageActions';
import type { IncidentView } from './viewModel';

export { isSafeLink, safeLink } from '../links';
export { PAGE_ACTIONS, type PageAction } from './pageActions';

/** Page → extension. */
export type PageMessage =
  | { type: 'ready' }
  | { type: 'action'; action: PageAction }
  | { type: 'addNote'; note: string }
  | { type: 'openIncident'; id: string }
  | { type: 'openLink'; url: string }
  | { type: 'openCommit'; sha: string; url?: string }
  /** A frame of an alert, by position in the view the extension sent: the extension holds what it resolved to. */
  | { type: 'openFrame'; alert: number; frame: number };

/** Extension → page. */
export type HostMessage =
  | { type: 'view'; view: IncidentView }
  | { type: 'busy'; action: PageAction | 'addNote' }
  /** cancelled: the person dismissed the action's pick or box, so nothing was sent to PagerDuty. */
  | { type: 'done'; action: PageAction | 'addNote'; error?: string; cancelled?: true }
  | { type: 'loadError'; message: string };

export const MAX_NOTE_LENGTH = 25_000;
const SHA = /^[0-9a-f]{7,40}$/;

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
    case 'openFrame':
      return only('type', 'alert', 'frame') && isIndex(m.alert) && isIndex(m.frame) ? { type: 'openFrame', alert: m.alert, frame: m.frame } : undefined;
    default:
      return undefined;
  }
}

function isIndex(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) < 1000;
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
      return action(m.action) && (m.error === undefined || typeof m.error === 'string') && (m.cancelled === undefined || m.cancelled === true) ? (m as HostMessage) : undefined;
    case 'loadError':
      return typeof m.message === 'string' ? (m as HostMessage) : undefined;
    default:
      return undefined;
  }
}
