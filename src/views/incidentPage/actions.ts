/**
 * What the page's buttons do: native pickers (quick pick, input box) for the choices, then one tool call through
 * the toolset. Returns the error to show in place, or undefined on success; 'cancelled' when the user backed out.
 */
import * as vscode from 'vscode';
import type { BulkRow, Choice, IncidentSummary, PolicyLevel } from '../../model/shapes';
import type { PageAction } from '../../model/incidentPage/protocol';
import type { Answer, Done, IncidentChange, PagerDutyApi } from '../../model/pagerdutyApi';
import { refusal } from '../../model/toolAnswers';

export type ActionOutcome = Done | 'cancelled';

const t = vscode.l10n.t;

/** A quick pick whose items load through the API; resolves to the picked items' values. */
async function pickFrom<L, T>(
  title: string,
  load: () => Promise<Answer<L[]>>,
  toItem: (listed: L) => vscode.QuickPickItem & { value: T },
  canPickMany = false,
): Promise<T[] | string | undefined> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { value: T }>();
  pick.title = title;
  pick.busy = true;
  pick.canSelectMany = canPickMany;
  pick.matchOnDescription = true;
  pick.show();
  const loaded = await load();
  if (!loaded.ok) {
    pick.dispose();
    return loaded.error;
  }
  pick.items = loaded.value.map(toItem);
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

/** Runs a picker and then the tool; a picker's load failure is reported like a tool failure. */
async function withPick<T>(picked: T[] | string | undefined, run: (values: T[]) => Promise<ActionOutcome>): Promise<ActionOutcome> {
  if (typeof picked === 'string') return { error: picked };
  if (!picked?.length) return 'cancelled';
  return run(picked);
}

const SNOOZE_MINUTES = [15, 30, 60, 120, 240, 480, 1440];
/** create_incident_status_update's limit for the message. */
const STATUS_UPDATE_MAX = 10_000;

/** Resolves with an optional note (the API adds it first and leaves the incident open if the note is refused). */
async function resolveWithNote(incident: IncidentSummary, api: PagerDutyApi): Promise<ActionOutcome> {
  const note = await vscode.window.showInputBox({
    title: t('Resolve #{0}', String(incident.number)),
    prompt: t('Resolution note (optional): added to the incident before it is resolved. Leave empty for none.'),
    placeHolder: t('What fixed it?'),
  });
  if (note === undefined) return 'cancelled';
  const rows = (await api.incidents.resolve([incident.id], note.trim() || undefined)) ?? [];
  const outcome = rowOutcome(rows);
  return rows[0]?.noteFailed && outcome.error ? { error: t('Note not added, so not resolved: {0}', outcome.error) } : outcome;
}

/** The page changes one incident: its line's refusal, said in PagerDuty's words when it gave any. */
function rowOutcome(rows: readonly BulkRow[]): Done {
  return { error: refusal(rows, t('PagerDuty reported an error.')) };
}

async function snooze(incident: IncidentSummary, api: PagerDutyApi): Promise<ActionOutcome> {
  const picked = await vscode.window.showQuickPick(
    SNOOZE_MINUTES.map((m) => ({ label: m < 60 ? t('{0} minutes', String(m)) : t('{0} hours', String(m / 60)), minutes: m })),
    { title: t('Snooze #{0}', String(incident.number)), placeHolder: t('It triggers again after this time') },
  );
  if (!picked) return 'cancelled';
  return api.incidents.snooze(incident.id, picked.minutes);
}

async function statusUpdate(incident: IncidentSummary, api: PagerDutyApi): Promise<ActionOutcome> {
  const message = await vscode.window.showInputBox({
    title: t('Status update for #{0}', String(incident.number)),
    prompt: t("Sent to the incident's stakeholders and subscribers; it cannot be taken back."),
    placeHolder: t('What is happening, what is next, when the next update comes'),
    validateInput: (value) => (value.length > STATUS_UPDATE_MAX ? t('At most {0} characters.', String(STATUS_UPDATE_MAX)) : undefined),
  });
  if (!message?.trim()) return 'cancelled';
  const sent = await api.incidents.statusUpdate(incident.id, message.trim());
  if (!sent.error) void vscode.window.setStatusBarMessage(t('Status update sent for #{0}.', String(incident.number)), 5000);
  return sent;
}

export async function runPageAction(action: PageAction, incident: IncidentSummary, api: PagerDutyApi): Promise<ActionOutcome> {
  const id = incident.id;
  const manage = async (change: IncidentChange): Promise<Done> => rowOutcome(await api.incidents.update([id], change));
  const number = String(incident.number);
  switch (action) {
    case 'acknowledge':
      return manage({ status: 'acknowledged' });
    case 'resolve':
      return resolveWithNote(incident, api);
    case 'snooze':
      return snooze(incident, api);
    case 'reassign':
      return withPick(await pickFrom(t('Reassign #{0} to', number), () => api.users(100), userItem), (ids) => manage({ assignee_user_ids: ids }));
    case 'escalate': {
      const policy = incident.escalation_policy;
      if (!policy) return { error: t('This incident has no escalation policy.') };
      const levelItem = (l: PolicyLevel) => ({ label: t('Level {0}', String(l.level)), description: l.targets.map((x) => x.name).join(', '), value: l.level });
      return withPick(await pickFrom(t('Escalate #{0} to level', number), () => api.policyLevels(policy.id), levelItem), ([level]) => manage({ escalation_level: level }));
    }
    case 'urgency':
      return manage({ urgency: incident.urgency === 'high' ? 'low' : 'high' });
    case 'priority':
      return withPick(await pickFrom(t('Priority of #{0}', number), () => api.priorities(), choiceItem), ([priority]) => manage({ priority_id: priority }));
    case 'addResponders':
      return withPick(await pickFrom(t('Request responders for #{0}', number), () => api.users(100), userItem, true), async (ids) => {
        const message = await vscode.window.showInputBox({ title: t('Message to the responders'), value: t('Please help with incident #{0}.', number) });
        if (!message?.trim()) return 'cancelled';
        return api.incidents.addResponders(id, message.trim(), ids);
      });
    case 'runWorkflow':
      return withPick(await pickFrom(t('Run a workflow on #{0}', number), () => api.workflows(100), choiceItem), ([workflow]) => api.incidents.startWorkflow(id, workflow!));
    case 'statusUpdate':
      return statusUpdate(incident, api);
    default:
      return { error: t('Unsupported action.') };
  }
}

const userItem = (u: Choice) => ({ label: u.name, description: u.email, value: u.id });
const choiceItem = (c: Choice) => ({ label: c.name, description: c.description, value: c.id });
