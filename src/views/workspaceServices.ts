/**
 * Finds this workspace's PagerDuty services: the `pagerduty.workspaceServices` setting when set, else the
 * `catalog-info.yaml` files of each folder (its root and one level down). Re-reads when folders, those files or the
 * setting change, and resolves them through the typed API (src/views/stores/workspaceServices.ts).
 */
import * as vscode from 'vscode';
import { catalogAnnotationsOf } from '../model/catalogInfo';
import type { OncallEntry } from '../model/shapes';
import type { Logger } from '../log';
import type { PagerDutySession } from '../session';
import { resolveServices, settingSources, type ServiceSource, type UnresolvedSource, type WorkspaceService } from './stores/workspaceServices';

const CATALOG_FILES = ['catalog-info.yaml', 'catalog-info.yml'];
/** Folders one level down that are never a component's own: dependencies, VCS and build output. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'out', 'build', 'target', 'vendor', '.venv', 'venv']);
/** Who is on call changes rarely: asked again at most this often, on a poll. */
const ONCALL_MAX_AGE_MS = 5 * 60_000;

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

async function catalogSources(folder: vscode.WorkspaceFolder): Promise<ServiceSource[]> {
  const dirs = [''];
  try {
    for (const [name, type] of await vscode.workspace.fs.readDirectory(folder.uri)) {
      if (type === vscode.FileType.Directory && !name.startsWith('.') && !SKIPPED_FOLDERS.has(name)) dirs.push(name);
    }
  } catch {
    // A folder that cannot be listed has only its root file to offer.
  }
  const sources: ServiceSource[] = [];
  for (const dir of dirs) {
    for (const file of CATALOG_FILES) {
      const origin = dir ? `${dir}/${file}` : file;
      const text = await readText(vscode.Uri.joinPath(folder.uri, origin));
      if (text === undefined) continue;
      const found = catalogAnnotationsOf(text);
      for (const value of found.serviceIds) sources.push({ kind: 'id', value, folder: folder.name, origin });
      for (const value of found.integrationKeys) sources.push({ kind: 'integrationKey', value, folder: folder.name, origin });
    }
  }
  return sources;
}

export class WorkspaceServices implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private current: WorkspaceService[] = [];
  private problems: UnresolvedSource[] = [];
  private oncallEntries: OncallEntry[] | undefined;
  private oncallAt = 0;
  private resolved = false;
  private generation = 0;
  private settingKey: string;
  private signedIn = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly api;

  constructor(
    private readonly session: PagerDutySession,
    private readonly log: Logger,
  ) {
    this.api = session.api;
    this.settingKey = JSON.stringify(session.settings.workspaceServices);
    const watcher = vscode.workspace.createFileSystemWatcher('**/catalog-info.{yaml,yml}');
    const reload = () => void this.reload();
    this.disposables.push(
      watcher,
      watcher.onDidCreate(reload),
      watcher.onDidChange(reload),
      watcher.onDidDelete(reload),
      vscode.workspace.onDidChangeWorkspaceFolders(reload),
      // Sign-in, sign-out, token or settings change: re-resolve when the answer may differ.
      session.onDidChange(() => {
        const key = JSON.stringify(session.settings.workspaceServices);
        const signedIn = session.state === 'signedIn';
        if (key === this.settingKey && signedIn === this.signedIn && this.resolved) return;
        this.settingKey = key;
        this.signedIn = signedIn;
        reload();
      }),
    );
  }

  /** The services found and resolved; empty until then. */
  get services(): readonly WorkspaceService[] {
    return this.current;
  }
  get ids(): string[] {
    return this.current.map((s) => s.id);
  }
  /** Mentions PagerDuty could not match, each with the reason. */
  get unresolved(): readonly UnresolvedSource[] {
    return this.problems;
  }
  /** Who is on call for these services now, when asked (undefined before). */
  get oncall(): readonly OncallEntry[] | undefined {
    return this.oncallEntries;
  }
  /** Whether the sources were read and resolved at least once since the last change. */
  get loaded(): boolean {
    return this.resolved;
  }
  get multiRoot(): boolean {
    return (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  }

  /** Re-reads the sources and resolves them; a newer reload supersedes one in flight. */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    this.signedIn = this.session.state === 'signedIn';
    const folders = vscode.workspace.workspaceFolders ?? [];
    const setting = this.session.settings.workspaceServices;
    const sources = setting.length
      ? settingSources(setting, folders[0]?.name ?? '')
      : (await Promise.all(folders.map((f) => catalogSources(f)))).flat();
    if (this.session.state !== 'signedIn') return this.settle(generation, [], [], false);
    const t = (m: string, ...a: string[]) => vscode.l10n.t(m, ...a);
    const got = await resolveServices(this.api, sources, t);
    if (got.error) this.log.info(`Could not resolve this workspace's PagerDuty services: ${got.error}`);
    this.settle(generation, got.services, got.unresolved, !got.error);
    if (!got.error) await this.refreshOncall(true);
  }

  /** After a poll: who is on call, when the last answer is older than ONCALL_MAX_AGE_MS. */
  async refreshOncall(force = false): Promise<void> {
    const ids = this.ids;
    if (!ids.length || (!force && Date.now() - this.oncallAt < ONCALL_MAX_AGE_MS)) return;
    this.oncallAt = Date.now();
    const got = await this.api.oncalls({ service_ids: ids.slice(0, 20) });
    if (!got.ok) return;
    this.oncallEntries = got.value;
    this.changed.fire();
  }

  private settle(generation: number, services: WorkspaceService[], unresolved: UnresolvedSource[], resolved: boolean): void {
    if (generation !== this.generation) return;
    this.current = services;
    this.problems = unresolved;
    this.resolved = resolved;
    if (!services.length) this.oncallEntries = undefined;
    this.changed.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
