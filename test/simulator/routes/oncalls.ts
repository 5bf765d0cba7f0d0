/** GET /oncalls, computed from schedules and escalation policies at `now` (or over since/until). */
import { PdError } from '../errors';
import { onCallEntries } from '../oncall';
import { paginate } from '../render';
import type { Route } from '../router';
import { iso } from '../time';
import { includes, listParam, timeParam } from './params';

export function oncallRoutes(route: Route): void {
  route('GET', '/oncalls', ({ query, state, render, now }) => {
    const since = timeParam(query, 'since') ?? now.getTime();
    const until = timeParam(query, 'until') ?? since;
    if (until < since) throw new PdError(400, 2004, "Invalid 'since' or 'until' parameter values", ['until must not be before since']);
    const users = new Set(listParam(query, 'user_ids'));
    const policies = new Set(listParam(query, 'escalation_policy_ids'));
    const schedules = new Set(listParam(query, 'schedule_ids'));
    let entries = onCallEntries(state, since, until).filter(
      (e) =>
        (!users.size || users.has(e.userId)) &&
        (!policies.size || policies.has(e.escalationPolicyId)) &&
        (!schedules.size || (e.scheduleId !== null && schedules.has(e.scheduleId))),
    );
    if (query.get('earliest') === 'true') {
      const seen = new Set<string>();
      entries = entries.filter((e) => {
        const key = `${e.userId}|${e.escalationPolicyId}|${e.level}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
    entries.sort((a, b) => a.escalationPolicyId.localeCompare(b.escalationPolicyId) || a.level - b.level || (a.start ?? 0) - (b.start ?? 0));
    const { page, meta } = paginate(entries, query);
    const include = includes(query);
    return {
      status: 200,
      body: {
        oncalls: page.map((e) => ({
          escalation_policy: include.has('escalation_policies')
            ? render.escalationPolicy(state.escalationPolicies.get(e.escalationPolicyId)!)
            : render.ref('escalation_policy', e.escalationPolicyId),
          escalation_level: e.level,
          schedule: e.scheduleId ? render.ref('schedule', e.scheduleId) : null,
          user: include.has('users') ? render.user(state.users.get(e.userId)!) : render.ref('user', e.userId),
          start: e.start === null ? null : iso(e.start),
          end: e.end === null ? null : iso(e.end),
        })),
        ...meta,
      },
    };
  });
}
