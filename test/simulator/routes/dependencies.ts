/** /business_services (list, get) and /service_dependencies for business and technical services. */
import { notFound } from '../errors';
import { paginate } from '../render';
import type { HandlerContext, Route } from '../router';
import { dependenciesOf, type BusinessServiceRec, type DependencyRec, type ServiceKind } from '../seed/dependencies';
import { byName } from './lookup';

export function dependencyRoutes(route: Route): void {
  route('GET', '/business_services', (ctx) => {
    const services = [...dependenciesOf(ctx.state).businessServices.values()].sort(byName);
    const { page, meta } = paginate(services, ctx.query);
    return { status: 200, body: { business_services: page.map((b) => renderBusinessService(ctx, b)), ...meta } };
  });

  route('GET', '/business_services/{id}', (ctx) => {
    const found = dependenciesOf(ctx.state).businessServices.get(ctx.params.id);
    if (!found) throw notFound();
    return { status: 200, body: { business_service: renderBusinessService(ctx, found) } };
  });

  route('GET', '/service_dependencies/business_services/{id}', (ctx) => {
    if (!dependenciesOf(ctx.state).businessServices.has(ctx.params.id)) throw notFound();
    return { status: 200, body: { relationships: relationshipsOf(ctx, 'business_service', ctx.params.id) } };
  });

  route('GET', '/service_dependencies/technical_services/{id}', (ctx) => {
    if (!ctx.state.services.has(ctx.params.id)) throw notFound();
    return { status: 200, body: { relationships: relationshipsOf(ctx, 'technical_service', ctx.params.id) } };
  });
}

function relationshipsOf(ctx: HandlerContext, kind: ServiceKind, id: string) {
  const touches = (side: DependencyRec['supporting']) => side.kind === kind && side.id === id;
  return dependenciesOf(ctx.state)
    .relationships.filter((r) => touches(r.supporting) || touches(r.dependent))
    .map((r) => ({
      id: r.id,
      type: 'service_dependency',
      supporting_service: { id: r.supporting.id, type: `${r.supporting.kind}_reference` },
      dependent_service: { id: r.dependent.id, type: `${r.dependent.kind}_reference` },
    }));
}

function renderBusinessService(ctx: HandlerContext, b: BusinessServiceRec) {
  const { apiBase, webBase } = ctx.state;
  return {
    id: b.id,
    type: 'business_service',
    summary: b.name,
    self: `${apiBase}/business_services/${b.id}`,
    html_url: `${webBase}/business-services/${b.id}`,
    name: b.name,
    description: b.description,
    point_of_contact: b.point_of_contact,
    team: b.teamId ? { id: b.teamId, type: 'team_reference', self: `${apiBase}/teams/${b.teamId}` } : null,
  };
}
