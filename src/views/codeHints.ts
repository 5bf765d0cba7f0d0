/**
 * The lines that an open incident's frames name, marked while it is open: a CodeLens above the line and an entry in
 * the Problems panel (source "PagerDuty"). Rides on the Incidents view's data: each incident's alerts are asked for
 * once, when it first appears, and the marks follow every poll (gone when the incident is resolved). Off with
 * `pagerduty.codeHints.enabled`.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../contributions';
import type { Logger } from '../log';
import { codeRefsOf, type CodeRef } from '../model/codeRefs';
import { alertText } from '../model/incidentPage/viewModel';
import type { PagerDutyApi } from '../model/pagerdutyApi';
import { resolveInWorkspace, uriOf } from './codeFiles';
import { hintSeverity, hintText, type CodeHint } from './stores/codeHints';
import type { IncidentsStore } from './stores/incidentsStore';
import type { Incident } from './stores/types';

/** Alerts read per incident: a trace repeats across an incident's alerts, the first ones carry it. */
const ALERTS_PER_INCIDENT = 25;

export class CodeHints implements vscode.Disposable, vscode.CodeLensProvider {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('pagerduty');
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  /** Code references per incident id, asked for once. */
  private readonly refs = new Map<string, Promise<CodeRef[] | undefined>>();
  private byUri = new Map<string, CodeHint[]>();
  private generation = 0;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly store: IncidentsStore,
    private readonly api: PagerDutyApi,
    private readonly enabled: () => boolean,
    private readonly log: Logger,
  ) {
    this.disposables = [
      this.diagnostics,
      this.lensesChanged,
      vscode.languages.registerCodeLensProvider({ scheme: 'file' }, this),
      store.onDidChange(() => void this.update()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.update()),
    ];
  }

  /** Every marked line, for tests and automation: file URI → hints. */
  get hints(): ReadonlyMap<string, readonly CodeHint[]> {
    return this.byUri;
  }

  async update(): Promise<void> {
    const generation = ++this.generation;
    const open = this.enabled() ? this.store.incidents.filter((i) => i.status !== 'resolved') : [];
    for (const id of [...this.refs.keys()]) if (!open.some((i) => i.id === id)) this.refs.delete(id);
    const found = await Promise.all(open.map(async (incident) => ({ incident, refs: (await this.refsOf(incident)) ?? [] })));
    const all = found.flatMap(({ incident, refs }) => refs.map((ref) => ({ incident, ref })));
    const resolutions = all.length ? await resolveInWorkspace(all.map((a) => a.ref)) : [];
    if (generation !== this.generation) return; // a newer poll's answer is on its way
    const byUri = new Map<string, CodeHint[]>();
    all.forEach(({ incident, ref }, i) => {
      const resolution = resolutions[i]!;
      const uri = resolution.kind === 'resolved' ? uriOf(resolution.file) : undefined;
      if (!uri) return; // ambiguous ones are offered on the page, never guessed here
      const list = byUri.get(uri.toString()) ?? [];
      if (!list.some((h) => h.incident.id === incident.id && h.line === ref.line)) list.push({ incident, line: ref.line, column: ref.column, symbol: ref.symbol });
      byUri.set(uri.toString(), list);
    });
    this.byUri = byUri;
    this.publish();
  }

  private refsOf(incident: Incident): Promise<CodeRef[] | undefined> {
    let got = this.refs.get(incident.id);
    if (!got) {
      got = this.api.incidents.alerts(incident.id, ALERTS_PER_INCIDENT).then((answer) => {
        if (!answer.ok) {
          this.log.debug(`Code hints: no alerts for #${incident.number}: ${answer.error}`);
          this.refs.delete(incident.id); // asked again on the next poll
          return undefined;
        }
        return answer.value.flatMap((alert) => codeRefsOf(alertText(alert)));
      });
      this.refs.set(incident.id, got);
    }
    return got;
  }

  private publish(): void {
    const now = Date.now();
    const t = (m: string, ...a: string[]) => vscode.l10n.t(m, ...a);
    this.diagnostics.clear();
    for (const [uri, hints] of this.byUri) {
      this.diagnostics.set(
        vscode.Uri.parse(uri),
        hints.map((h) => {
          const range = new vscode.Range(h.line - 1, 0, h.line - 1, Number.MAX_SAFE_INTEGER);
          const severity = hintSeverity(h.incident) === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
          const diagnostic = new vscode.Diagnostic(range, hintText(h.incident, now, t), severity);
          diagnostic.source = 'PagerDuty';
          diagnostic.code = `#${h.incident.number}`;
          return diagnostic;
        }),
      );
    }
    this.lensesChanged.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const now = Date.now();
    const t = (m: string, ...a: string[]) => vscode.l10n.t(m, ...a);
    return (this.byUri.get(document.uri.toString()) ?? []).map(
      (h) =>
        new vscode.CodeLens(new vscode.Range(h.line - 1, 0, h.line - 1, 0), {
          title: hintText(h.incident, now, t),
          tooltip: vscode.l10n.t('Open the incident page'),
          command: COMMANDS.openIncidentPage,
          arguments: [h.incident.id],
        }),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
