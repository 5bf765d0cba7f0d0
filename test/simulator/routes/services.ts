/** /services: list (query, team_ids[], include[]), get (include[]=integrations), create, update. */
import { invalidInput } from '../errors';
import { paginate } from '../render';
import type { Route } from '../router';
import type { ServiceRec, SimState } from '../state';
import { iso } from '../time';
import { includes, listParam, objectBody, refId } from './params';
import { byName, getOr404, matchesQuery } from './lookup';

export function serviceRoutes(route: Route): void {
  route('GET', '/services', ({ query, state, render }) => {
    const teams = new Set(listParam(query, 'team_ids'));
    const name = query.get('name');
    let services = [...state.services.values()]
      .filter((s) => matchesQuery(s.name, query) && (!name || s.name === name) && (!teams.size || s.teamIds.some((t) => teams.has(t))))
      .sort(byName);
    if (query.get('sort_by') === 'name:desc') services = services.reverse();
    const { page, meta } = paginate(services, query);
    const include = includes(query);
    return { status: 200, body: { services: page.map((s) => render.service(s, include)), ...meta } };
  });

  route('GET', '/services/{id}', ({ params, query, state, render }) => ({
    status: 200,
    body: { service: render.service(getOr404(state.services, params.id), includes(query)) },
  }));

  route('POST', '/services', ({ body, state, render, now }) => {
    const input = objectBody(body, 'service');
    if (typeof input.name !== 'string' || !input.name.trim()) throw invalidInput('service.name is required');
    if ([...state.services.values()].some((s) => s.name === input.name)) throw invalidInput('Name has already been taken');
    const service: ServiceRec = {
      id: state.newId(),
      name: input.name,
      description: typeof input.description === 'string' ? input.description : '',
      status: 'active',
      escalationPolicyId: policyId(state, input.escalation_policy),
      teamIds: [],
      created_at: iso(now),
      auto_resolve_timeout: typeof input.auto_resolve_timeout === 'number' ? input.auto_resolve_timeout : 14400,
      acknowledgement_timeout: typeof input.acknowledgement_timeout === 'number' ? input.acknowledgement_timeout : 1800,
      alert_creation: input.alert_creation === 'create_incidents' ? 'create_incidents' : 'create_alerts_and_incidents',
    };
    state.services.set(service.id, service);
    return { status: 201, body: { service: render.service(service) } };
  });

  route('PUT', '/services/{id}', ({ params, body, state, render }) => {
    const service = getOr404(state.services, params.id);
    const input = objectBody(body, 'service');
    if (typeof input.name === 'string') service.name = input.name;
    if (typeof input.description === 'string') service.description = input.description;
    if (input.escalation_policy !== undefined) service.escalationPolicyId = policyId(state, input.escalation_policy);
    if (input.auto_resolve_timeout !== undefined) service.auto_resolve_timeout = input.auto_resolve_timeout as number | null;
    if (input.acknowledgement_timeout !== undefined) service.acknowledgement_timeout = input.acknowledgement_timeout as number | null;
    if (input.status === 'active' || input.status === 'disabled') service.status = input.status;
    return { status: 200, body: { service: render.service(service) } };
  });
}

function policyId(state: SimState, ref: unknown): string {
  const id = refId(ref, 'service.escalation_policy');
  if (!state.escalationPolicies.has(id)) throw invalidInput(`Escalation policy ${id} not found`);
  return id;
}
