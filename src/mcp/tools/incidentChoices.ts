/** The choices manage_incidents leaves to the person: whom to reassign to, and whether to resolve many at once. */
import { PagerDutyError } from '../../pagerduty/errors';
import { ref, type Raw } from '../shape/common';
import { askChoice, askConfirm, MAX_CHOICES } from './ask';
import { incidentPath } from './incidentRefs';
import type { ToolContext } from './types';

/** Resolving more incidents than this in one call is confirmed with the person when the client can ask. */
export const RESOLVE_CONFIRM_ABOVE = 10;
/** Incidents whose escalation policies are read to find whom to offer; all of them would cost a request each. */
const MAX_POLICY_LOOKUPS = 5;

export const NO_ASSIGNEE =
  'assignee_user_ids is empty: give the users to reassign to. Ask the person whom (list_oncalls shows who is on call); this client cannot ask them directly.';

/** Offers the users on call for the incidents' escalation policies and returns the one the person picks. */
export async function chooseAssignee(ctx: ToolContext, incidentIds: string[]): Promise<string> {
  if (!ctx.elicit) throw new PagerDutyError('invalid_request', NO_ASSIGNEE);
  const incidents = await Promise.all(
    incidentIds.slice(0, MAX_POLICY_LOOKUPS).map((id) => ctx.client.get<{ incident: Raw }>(incidentPath(id), { signal: ctx.signal })),
  );
  const policyIds = [...new Set(incidents.map((r) => ref(r.incident?.escalation_policy)?.id).filter((id): id is string => Boolean(id)))];
  const page = policyIds.length
    ? await ctx.client.list<Raw>('/oncalls', 'oncalls', { signal: ctx.signal, limit: 100, query: { escalation_policy_ids: policyIds } })
    : { items: [] as Raw[] };
  const users = new Map<string, string>();
  // Lowest escalation level first: the people who would be paged first are the likeliest choice.
  for (const entry of [...page.items].sort((a, b) => Number(a.escalation_level ?? 99) - Number(b.escalation_level ?? 99))) {
    const user = ref(entry.user);
    if (user && !users.has(user.id)) users.set(user.id, `${user.name} (level ${entry.escalation_level ?? '?'})`);
  }
  if (!users.size) {
    throw new PagerDutyError('invalid_request', `Nobody is on call for these incidents' escalation policies to offer: ${NO_ASSIGNEE}`);
  }
  const many = incidentIds.length === 1 ? `incident ${incidentIds[0]}` : `${incidentIds.length} incidents`;
  return askChoice(ctx, {
    message: `Reassign ${many} to whom?`,
    field: 'assignee_user_id',
    title: 'Reassign to',
    choices: [...users].slice(0, MAX_CHOICES).map(([id, label]) => ({ id, label })),
    about: 'whom to reassign to',
    consequence: 'no incident was reassigned',
  });
}

/** Resolving many incidents at once is hard to undo: the person confirms the count. Without elicitation, as before. */
export async function confirmBulkResolve(ctx: ToolContext, count: number): Promise<void> {
  if (!ctx.elicit || count <= RESOLVE_CONFIRM_ABOVE) return;
  await askConfirm(ctx, {
    message: `Resolve ${count} incidents at once?`,
    title: `Yes, resolve all ${count} incidents`,
    about: `resolve ${count} incidents at once`,
    consequence: 'no incident was changed',
  });
}
