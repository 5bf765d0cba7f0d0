/**
 * The workspace's own git facts that the review and the change check read: commits in a time window and the working
 * tree's changed files. git through commitLookup's runGit (execFile, no shell, fixed arguments, timeout, output
 * cap); no `vscode`.
 */
import type { WorkspaceCommit } from '../model/postIncidentReview';
import { runGit, type RunGit } from './commitLookup';

const MAX_COMMITS = 50;
const SEPARATOR = '\x1f';

function failure(result: { code: number | string; stderr: string }): string {
  if (result.code === 'ENOENT') return 'git is not installed, so no commits are listed.';
  return `git could not list the commits: ${result.stderr.split('\n')[0]?.trim().slice(0, 200) || `exit ${result.code}`}`;
}

/** Commits touching the folder between two ISO times, newest first (at most MAX_COMMITS). */
export async function commitsBetween(cwd: string, since: string, until: string, run: RunGit = runGit, signal?: AbortSignal): Promise<WorkspaceCommit[] | { unavailable: string }> {
  const result = await run(cwd, ['log', `--since=${since}`, `--until=${until}`, `--format=%H${SEPARATOR}%an${SEPARATOR}%aI${SEPARATOR}%s`, '-n', String(MAX_COMMITS), '--', '.'], signal);
  if (result.code !== 0) return { unavailable: failure(result) };
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [hash = '', author = '', date = '', subject = ''] = line.split(SEPARATOR);
      return { hash, author, date, subject };
    })
    .filter((c) => /^[0-9a-f]{40}$/.test(c.hash));
}

/** The working tree's changed files (staged, unstaged and untracked), relative to the folder, `/`-separated. */
export async function changedFiles(cwd: string, run: RunGit = runGit, signal?: AbortSignal): Promise<string[] | { unavailable: string }> {
  // git status names files from the repository's root; the folder may be below it.
  const prefix = await run(cwd, ['rev-parse', '--show-prefix'], signal);
  if (prefix.code !== 0) return { unavailable: failure(prefix) };
  const below = prefix.stdout.trim();
  const result = await run(cwd, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.'], signal);
  if (result.code !== 0) return { unavailable: failure(result) };
  const files: string[] = [];
  const entries = result.stdout.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.length < 4) continue;
    const file = entry.slice(3);
    files.push(file.startsWith(below) ? file.slice(below.length) : file);
    if (entry[0] === 'R' || entry[0] === 'C') i++; // a rename's old path follows
  }
  return [...new Set(files)];
}
