/**
 * The commit behind a change event, for the Incident Expert, without a terminal. Change events are written by anyone
 * with an integration key, so the sha the model passes on is untrusted: only 7–40 hex digits are accepted, git runs
 * through execFile (no shell) with fixed arguments, a timeout and an output cap, only in the workspace's own folders,
 * and what the commit says (message, author, paths) comes back fenced as data.
 */
import { execFile } from 'node:child_process';
import { LM_TOOLS } from '../contributions';
import { describeGiven } from '../mcp/given';
import { fence, sanitize, truncate } from '../model/untrusted';

export const COMMIT_TOOL = LM_TOOLS.commit;

/** A commit hash, full or abbreviated: what `git show` is given, so nothing else (an option, a ref, a range) gets through. */
const SHA = /^[0-9a-f]{7,40}$/i;
/** Copilot moves a tool result over 8 KB to a file the model must read in a further step; one commit fits below. */
export const COMMIT_MAX_CHARS = 6000;
const TIMEOUT_MS = 10_000;
/** git's output beyond this is not read at all (a huge commit message); the answer is cut to COMMIT_MAX_CHARS anyway. */
const MAX_BUFFER = 256 * 1024;
const STAT_FILES = 40;
const FORMAT = 'commit %H%nAuthor: %an <%ae>%nDate: %aI%n%n%B';

export interface CommitInput {
  sha: string;
  repository?: string;
}

/** A workspace folder: its name as VS Code shows it and its path on disk. */
export interface Folder {
  name: string;
  path: string;
}

/** One git run's outcome; `code` is the exit code, or a Node error code (ENOENT: no git) when git did not run. */
export interface GitRun {
  stdout: string;
  stderr: string;
  code: number | string;
  cut?: boolean;
}
export type RunGit = (cwd: string, args: readonly string[], signal?: AbortSignal) => Promise<GitRun>;

/** The refusal the model (and the engineer, in the chat) reads: which argument, what was expected, what was given. */
export class CommitLookupError extends Error {}

const argumentError = (name: string, expected: string, given: unknown) =>
  new CommitLookupError(`${COMMIT_TOOL}: argument "${name}": expected ${expected}, got ${given === undefined ? 'nothing' : describeGiven(typeof given === 'string' ? sanitize(given) : given)}`);

/** The tool's input, checked: throws CommitLookupError naming the argument. */
export function parseCommitInput(input: unknown): CommitInput {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw argumentError('arguments', 'an object with "sha"', input);
  const { sha, repository, ...rest } = input as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) throw new CommitLookupError(`${COMMIT_TOOL}: unknown argument "${sanitize(unknown[0]!).slice(0, 40)}" (allowed: sha, repository)`);
  if (typeof sha !== 'string' || !SHA.test(sha)) throw argumentError('sha', 'a commit hash of 7 to 40 hexadecimal characters (0-9, a-f)', sha);
  if (repository !== undefined && (typeof repository !== 'string' || !repository.trim())) {
    throw argumentError('repository', 'the name of a workspace folder, or nothing', repository);
  }
  return { sha: sha.toLowerCase(), ...(repository === undefined ? {} : { repository: repository.trim() }) };
}

/** git without a shell; never throws: a failure to start is returned as its error code. */
export const runGit: RunGit = (cwd, args, signal) =>
  new Promise((resolve) => {
    // The folder decides the repository (an inherited GIT_DIR would not); no prompts, no optional lock files in the
    // user's repository, English messages. The arguments are an array: no shell parses them.
    const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_'));
    const env = { ...Object.fromEntries(inherited), GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };
    execFile('git', args, { cwd, env, timeout: TIMEOUT_MS, maxBuffer: MAX_BUFFER, killSignal: 'SIGKILL', windowsHide: true, signal }, (error, stdout, stderr) => {
      const failed = error as (Error & { code?: number | string | null; killed?: boolean }) | null;
      const code = !failed ? 0 : failed.killed && !signal?.aborted ? 'ETIMEDOUT' : (failed.code ?? 1);
      const cut = code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER';
      resolve({ stdout: String(stdout), stderr: String(stderr), code: cut ? 0 : code, ...(cut ? { cut } : {}) });
    });
  });

/** The run, unless git gave no answer at all: then the reason, as the tool's error. */
function checked(result: GitRun, signal?: AbortSignal): GitRun {
  if (signal?.aborted) throw new CommitLookupError(`${COMMIT_TOOL}: cancelled.`);
  if (result.code === 'ENOENT') throw new CommitLookupError(`${COMMIT_TOOL}: git is not installed or not on PATH, so commits cannot be looked up.`);
  if (result.code === 'ETIMEDOUT') throw new CommitLookupError(`${COMMIT_TOOL}: git did not answer within ${TIMEOUT_MS / 1000} s and was stopped.`);
  return result;
}

/** The full hash of `sha` in the repository at `cwd`, or why not. A short hex that names a branch or tag is not taken for it. */
async function resolveCommit(run: RunGit, cwd: string, sha: string, signal?: AbortSignal): Promise<{ hash: string } | { missing: string }> {
  const result = checked(await run(cwd, ['rev-parse', '--verify', '--quiet', `${sha}^{commit}`], signal), signal);
  const hash = result.stdout.trim().toLowerCase();
  if (result.code === 0 && /^[0-9a-f]{40,64}$/.test(hash) && hash.startsWith(sha)) return { hash };
  if (/ambiguous/i.test(result.stderr)) return { missing: 'ambiguous: give more of the hash' };
  return { missing: 'not found' };
}

/**
 * Looks `input` up in `folders` (the one named by `repository`, else each in order) and returns the commit as text:
 * our line first, then git's output fenced as untrusted. Throws CommitLookupError with what to do.
 */
export async function lookupCommit(input: unknown, folders: readonly Folder[], run: RunGit = runGit, signal?: AbortSignal): Promise<string> {
  const { sha, repository } = parseCommitInput(input);
  const names = folders.map((f) => JSON.stringify(sanitize(f.name))).join(', ');
  if (!folders.length) throw new CommitLookupError(`${COMMIT_TOOL}: no folder is open in this window, so there is no git repository to look ${sha} up in.`);
  const candidates = repository === undefined ? folders : folders.filter((f) => f.name === repository || f.path === repository);
  if (!candidates.length) throw argumentError('repository', `one of the workspace folders (${names})`, repository);

  const misses: string[] = [];
  for (const folder of candidates) {
    const found = await resolveCommit(run, folder.path, sha, signal);
    if ('missing' in found) {
      misses.push(`${JSON.stringify(sanitize(folder.name))}: ${found.missing}`);
      continue;
    }
    const args = ['--no-pager', 'show', '--no-color', '--no-ext-diff', '--no-textconv', `--stat=120,80,${STAT_FILES}`, `--format=${FORMAT}`, found.hash, '--'];
    const shown = checked(await run(folder.path, args, signal), signal);
    if (shown.code !== 0) throw new CommitLookupError(`${COMMIT_TOOL}: git show ${found.hash} failed in ${JSON.stringify(sanitize(folder.name))} (exit ${shown.code}).`);
    const text = truncate(shown.stdout.trimEnd().replace(/\n{3,}/g, '\n\n') + (shown.cut ? '\n… [git output cut]' : ''), COMMIT_MAX_CHARS);
    const label = `Commit ${found.hash} in workspace folder ${JSON.stringify(sanitize(folder.name))}: message, author and files as the commit states them`;
    return fence(label, text, 'the git repository');
  }
  throw new CommitLookupError(`${COMMIT_TOOL}: commit ${sha} is not in ${repository === undefined ? 'any workspace folder' : 'that folder'} (${misses.join('; ')}). ` +
    'It may not be fetched yet (git fetch), or belong to another repository; say so rather than guess.');
}
