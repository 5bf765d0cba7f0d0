/**
 * Which workspace file a code reference names: the file sharing the longest path suffix with it, so container
 * prefixes (`/app/`, `/usr/src/app/`, a build agent's checkout) fall away. Ties are offered, never guessed; library
 * code (node_modules, virtualenvs) is never the workspace's. No `vscode`: the caller lists the candidate files.
 */
import type { CodeRef } from './codeRefs';

/** A file of an open workspace folder: its folder's name and its path inside it, `/`-separated. */
export interface WorkspaceFile {
  folder: string;
  path: string;
}

export type Resolution =
  | { kind: 'resolved'; file: WorkspaceFile }
  | { kind: 'ambiguous'; files: WorkspaceFile[] }
  | { kind: 'unresolved'; why: 'library' | 'notFound' };

/** Folders whose files are installed dependencies, not the workspace's code. */
const LIBRARY_SEGMENTS = new Set(['node_modules', '.venv', 'venv', 'virtualenv', '.virtualenvs', '.tox', '__pypackages__', 'bower_components']);
/** Python's install folders: what follows is the package's own path (which may be this workspace's package). */
const PACKAGE_ROOTS = new Set(['site-packages', 'dist-packages']);

/** The path segments worth matching, or undefined for library code. */
export function codePathSegments(path: string): string[] | undefined {
  let segments = path.replace(/\\/g, '/').split('/').filter((s) => s && s !== '.');
  if (segments.some((s) => LIBRARY_SEGMENTS.has(s))) return undefined;
  const root = segments.findLastIndex((s) => PACKAGE_ROOTS.has(s));
  if (root >= 0) segments = segments.slice(root + 1);
  return segments.length ? segments : undefined;
}

/** Whether a workspace file may be offered at all: the workspace's dependencies are not its code either. */
export function isWorkspaceCode(file: WorkspaceFile): boolean {
  return codePathSegments(file.path) !== undefined && !file.path.split('/').some((s) => PACKAGE_ROOTS.has(s));
}

function sharedSuffix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

export function resolveCodeRef(ref: Pick<CodeRef, 'path'>, files: readonly WorkspaceFile[]): Resolution {
  const wanted = codePathSegments(ref.path);
  if (!wanted) return { kind: 'unresolved', why: 'library' };
  let best = 0;
  let matches: WorkspaceFile[] = [];
  for (const file of files) {
    if (!isWorkspaceCode(file)) continue;
    const score = sharedSuffix(wanted, file.path.split('/'));
    if (score === 0 || score < best) continue;
    if (score > best) {
      best = score;
      matches = [];
    }
    matches.push(file);
  }
  if (!matches.length) return { kind: 'unresolved', why: 'notFound' };
  return matches.length === 1 ? { kind: 'resolved', file: matches[0]! } : { kind: 'ambiguous', files: matches };
}

/** The file names to look for in the workspace (one search for all of them). */
export function baseNamesOf(refs: readonly Pick<CodeRef, 'path'>[]): string[] {
  return [...new Set(refs.flatMap((r) => codePathSegments(r.path)?.slice(-1) ?? []))];
}
