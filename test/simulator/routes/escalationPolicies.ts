/** /escalation_policies: list, get, create, update. */
import { invalidInput } from '../errors';
import { paginate } from '../render';
import type { Route } from '../router';
import type { EscalationRuleRec, SimState } from '../state';
import { listParam, objectBody } from './params';
import { byName, getOr404, matchesQuery } from './lookup';

export function escalationPolicyRoutes(route: Route): void {
  route('GET', '/escalation_policies', ({ query, state, render }) => {
    const users = new Set(listParam(query, 'user_ids'));
    const teams = new Set(listParam(query, 'team_ids'));
    const policies = [...state.escalationPolicies.values()]
      .filter(
        (p) =>
          matchesQuery(p.name, query) &&
          (!teams.size || p.teamIds.some((t) => teams.has(t))) &&
          (!users.size ||
            p.rules.some((r) =>
              r.targets.some((t) => (t.type === 'user_reference' ? users.has(t.id) : state.schedules.get(t.id)?.layers.some((l) => l.userIds.some((u) => users.has(u))))),
            )),
      )
      .sort(byName);
    const { page, meta } = paginate(policies, query);
    return { status: 200, body: { escalation_policies: page.map((p) => render.escalationPolicy(p)), ...meta } };
  });

  route('GET', '/escalation_policies/{id}', ({ params, state, render }) => ({
    status: 200,
    body: { escalation_policy: render.escalationPolicy(getOr404(state.escalationPolicies, params.id)) },
  }));

  route('POST', '/escalation_policies', ({ body, state, render }) => {
    const input = objectBody(body, 'escalation_policy');
    if (typeof input.name !== 'string' || !input.name.trim()) throw invalidInput('escalation_policy.name is required');
    const policy = {
      id: state.newId(),
      name: input.name,
      description: typeof input.description === 'string' ? input.description : '',
      num_loops: typeof input.num_loops === 'number' ? input.num_loops : 0,
      on_call_handoff_notifications: input.on_call_handoff_notifications === 'always' ? ('always' as const) : ('if_has_services' as const),
      rules: parseRules(state, input.escalation_rules),
      teamIds: teamIds(state, input.teams),
    };
    state.escalationPolicies.set(policy.id, policy);
    return { status: 201, body: { escalation_policy: render.escalationPolicy(policy) } };
  });

  route('PUT', '/escalation_policies/{id}', ({ params, body, state, render }) => {
    const policy = getOr404(state.escalationPolicies, params.id);
    const input = objectBody(body, 'escalation_policy');
    if (typeof input.name === 'string') policy.name = input.name;
    if (typeof input.description === 'string') policy.description = input.description;
    if (typeof input.num_loops === 'number') policy.num_loops = input.num_loops;
    if (input.escalation_rules !== undefined) policy.rules = parseRules(state, input.escalation_rules);
    if (input.teams !== undefined) policy.teamIds = teamIds(state, input.teams);
    return { status: 200, body: { escalation_policy: render.escalationPolicy(policy) } };
  });
}

function parseRules(state: SimState, raw: unknown): EscalationRuleRec[] {
  if (!Array.isArray(raw) || raw.length === 0) throw invalidInput('escalation_rules must list at least one rule');
  return raw.map((item) => {
    const rule = item as { escalation_delay_in_minutes?: unknown; targets?: unknown };
    const targets = (Array.isArray(rule.targets) ? rule.targets : []).map((t) => {
      const { id, type } = t as { id?: unknown; type?: unknown };
      const known = type === 'user_reference' || type === 'user' ? state.users.has(String(id)) : state.schedules.has(String(id));
      if (!known) throw invalidInput(`Escalation rule target ${String(type)} ${String(id)} not found`);
      return { type: type === 'user_reference' || type === 'user' ? ('user_reference' as const) : ('schedule_reference' as const), id: String(id) };
    });
    if (targets.length === 0) throw invalidInput('each escalation rule needs at least one target');
    return { id: state.newId(), escalation_delay_in_minutes: Number(rule.escalation_delay_in_minutes ?? 30), targets };
  });
}

function teamIds(state: SimState, raw: unknown): string[] {
  return (Array.isArray(raw) ? raw : []).map((t) => {
    const id = String((t as { id?: unknown }).id);
    if (!state.teams.has(id)) throw invalidInput(`Team ${id} not found`);
    return id;
  });
}
