/**
 * What the page's buttons do: native pickers (quick pick, input box) for the choices, then one tool call through
 * the toolset. Returns the error to show in place, or undefined on success; 'cancelled' when the user backed out.
 */
import * as vscode from 'vscode';
import { failureOf, type CallResult } from '../../mcp/registry';
import type { IncidentSummary } from '../../mcp/shape/incident';
import type { CallTool } from '../model/types';
import type { PageAction } from '../../model/incidentPage/protocol';

export type ActionOutcome = { error?: string } | 'cancelled';

const t = vscode.l10n.t;

/** One tool call for the page: the tool's own reason when it failed (see failureOf). */
export async function call(callTool: CallTool, name: string, args: Record<string, unknown>): Promise<ActionOutcome> {
  return { error: failureOf(await callTool(name, args), t('PagerDuty reported an error.')) };
}

/** A quick pick whose items load through a tool; resolves to the picked items' values. */
async function pickFrom<T>(
  title: string,
  load: () => Promise<CallResult>,
  toItems: (result: CallResult) => (vscode.QuickPickItem & { value: T })[],
  canPickMany = false,
): Promise<T[] | string | undefined> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { value: T }>();
  pick.title = title;
  pick.busy = true;
  pick.canSelectMany = canPickMany;
  pick.matchOnDescription = true;
  pick.show();
  const result = await load();
  if (result.isError) {
    pick.dispose();
    return result.content[0]?.text ?? t('PagerDuty reported an error.');
  }
  pick.items = toItems(result);
  pick.busy = false;
  return new Promise((done) => {
    pick.onDidAccept(() => {
      done((canPickMany ? pick.selectedItems : pick.activeItems.slice(0, 1)).map((i) => i.value));
      pick.hide();
    });
    pick.onDidHide(() => {
      done(undefined);
      pick.dispose();
    });
  });
}

function list<T>(result: CallResult, key: string): T[] {
  const value = result.structuredContent?.[key];
  return Array.isArray(value) ? (value as T[]) : [];
}

/** Runs a picker and then the tool; a picker's load failure is reported like a tool failure. */
async function withPick<T>(picked: T[] | string | undefined, run: (values: T[]) => Promise<ActionOutcome>): Promise<ActionOutcome> {
  if (typeof picked === 'string') return { error: picked };
  if (!picked?.length) return 'cancelled';
  return run(picked);
}

const SNOOZE_MINUTES = [15, 30, 60, 120, 240, 480, 1440];
/** create_incident_status_update's limit for the message. */
const STATUS_UPDATE_MAX = 10_000;

async function resolveWithNote(incident: IncidentSummary, callTool: CallTool, resolve: () => Promise<ActionOutcome>): Promise<ActionOutcome> {
  const note = await vscode.window.showInputBox({
    title: t('Resolve #{0}', String(incident.number)),
    prompt: t('Resolution note (optional): added to the incident before it is resolved. Leave empty for none.'),
    placeHolder: t('What fixed it?'),
  });
  if (note === undefined) return 'cancelled';
  if (note.trim()) {
    const added = await call(callTool, 'add_note_to_incident', { incident_id: incident.id, note: note.trim() });
    if (added !== 'cancelled' && added.error) return { error: t('Note not added, so not resolved: {0}', added.error) };
  }
  return resolve();
}

async function snooze(incident: IncidentSummary, callTool: CallTool): Promise<ActionOutcome> {
  const picked = await vscode.window.showQuickPick(
    SNOOZE_MINUTES.map((m) => ({ label: m < 60 ? t('{0} minutes', String(m)) : t('{0} hours', String(m / 60)), minutes: m })),
    { title: t('Snooze #{0}', String(incident.number)), placeHolder: t('It triggers again after this time') },
  );
  if (!picked) return 'cancelled';
  return call(callTool, 'snooze_incident', { incident_id: incident.id, duration_minutes: picked.minutes });
}

async function statusUpdate(incident: IncidentSummary, callTool: CallTool): Promise<ActionOutcome> {
  const message = await vscode.window.showInputBox({
    title: t('Status update for #{0}', String(incident.number)),
    prompt: t("Sent to the incident's stakeholders and subscribers; it cannot be taken back."),
    placeHolder: t('What is happening, what is next, when the next update comes'),
    validateInput: (value) => (value.length > STATUS_UPDATE_MAX ? t('At most {0} characters.', String(STATUS_UPDATE_MAX)) : undefined),
  });
  if (!message?.trim()) return 'cancelled';
  const sent = await call(callTool, 'create_incident_status_update', { incident_id: incident.id, message: message.trim() });
  if (sent !== 'cancelled' && !sent.error) void vscode.window.setStatusBarMessage(t('Status update sent for #{0}.', String(incident.number)), 5000);
  return sent;
}

export async function runPageAction(action: PageAction, incident: IncidentSummary, callTool: CallTool): Promise<ActionOutcome> {
  const id = incident.id;
  const manage = (change: Record<string, unknown>) => call(callTool, 'manage_incidents', { incident_ids: [id], ...change });
  switch (action) {
    case 'acknowledge':
      return manage({ status: 'acknowledged' });
    case 'resolve':
      return resolveWithNote(incident, callTool, () => manage({ status: 'resolved' }));
    case 'snooze':
      return snooze(incident, callTool);
    case 'reassign':
      return withPick(
        await pickFrom<string>(t('Reassign #{0} to', String(incident.number)), () => callTool('list_users', { limit: 100 }), (r) =>
          list<{ id: string; name: string; email?: string }>(r, 'users').map((u) => ({ label: u.name, description: u.email, value: u.id })),
        ),
        (ids) => manage({ assignee_user_ids: ids }),
      );
    case 'escalate': {
      if (!incident.escalation_policy) return { error: t('This incident has no escalation policy.') };
      return withPick(
        await pickFrom<number>(t('Escalate #{0} to level', String(incident.number)), () => callTool('get_escalation_policy', { policy_id: incident.escalation_policy!.id }), (r) =>
          ((r.structuredContent?.escalation_policy as { levels?: { level: number; targets: { name: string }[] }[] } | undefined)?.levels ?? []).map((l) => ({
            label: t('Level {0}', String(l.level)),
            description: l.targets.map((x) => x.name).join(', '),
            value: l.level,
          })),
        ),
        ([level]) => manage({ escalation_level: level }),
      );
    }
    case 'urgency':
      return manage({ urgency: incident.urgency === 'high' ? 'low' : 'high' });
    case 'priority':
      return withPick(
        await pickFrom<string>(t('Priority of #{0}', String(incident.number)), () => callTool('list_priorities', {}), (r) =>
          list<{ id: string; name: string; description?: string }>(r, 'priorities').map((p) => ({ label: p.name, description: p.description, value: p.id })),
        ),
        ([priority]) => manage({ priority_id: priority }),
      );
    case 'addResponders':
      return withPick(
        await pickFrom<string>(t('Request responders for #{0}', String(incident.number)), () => callTool('list_users', { limit: 100 }), (r) =>
          list<{ id: string; name: string; email?: string }>(r, 'users').map((u) => ({ label: u.name, description: u.email, value: u.id })), true),
        async (ids) => {
          const message = await vscode.window.showInputBox({ title: t('Message to the responders'), value: t('Please help with incident #{0}.', String(incident.number)) });
          if (!message?.trim()) return 'cancelled';
          return call(callTool, 'add_responders', { incident_id: id, message: message.trim(), user_ids: ids });
        },
      );
    case 'runWorkflow':
      return withPick(
        await pickFrom<string>(t('Run a workflow on #{0}', String(incident.number)), () => callTool('list_incident_workflows', { limit: 100 }), (r) =>
          list<{ id: string; name: string; description?: string }>(r, 'incident_workflows').map((w) => ({ label: w.name, description: w.description, value: w.id })),
        ),
        ([workflow]) => call(callTool, 'start_incident_workflow', { workflow_id: workflow, incident_id: id }),
      );
    case 'statusUpdate':
      return statusUpdate(incident, callTool);
    default:
      return { error: t('Unsupported action.') };
  }
}
