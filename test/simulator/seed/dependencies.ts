/**
 * Business services and service dependencies. Business services are supported by the core seed's technical
 * services (looked up by name), and a few technical services depend on each other. Per-simulator state lives
 * in a WeakMap with its own PRNG, so the core seed's ids do not move.
 */
import type { SimState } from '../state';
import { Prng } from './prng';

export interface BusinessServiceRec {
  id: string;
  name: string;
  description: string;
  point_of_contact: string;
  teamId: string | null;
}

export type ServiceKind = 'business_service' | 'technical_service';

export interface DependencyRec {
  id: string;
  supporting: { kind: ServiceKind; id: string };
  dependent: { kind: ServiceKind; id: string };
}

export interface DependenciesState {
  businessServices: Map<string, BusinessServiceRec>;
  relationships: DependencyRec[];
}

/** [business service, team name, supporting technical services] */
const BUSINESS: [string, string, string[]][] = [
  ['Online Store', 'Payments', ['Checkout Service', 'API Gateway', 'Auth Service']],
  ['Mobile App', 'Mobile', ['iOS Backend', 'Push Notifications', 'API Gateway']],
  ['Analytics Platform', 'Data', ['Data Warehouse', 'Event Pipeline']],
  ['Customer Support', 'Customer Support Tools', ['Helpdesk Integrations']],
];

/** [dependent technical service, supporting technical service] */
const TECHNICAL: [string, string][] = [
  ['Checkout Service', 'Payment Processor'],
  ['Checkout Service', 'Auth Service'],
  ['API Gateway', 'Kubernetes Cluster prod-eu'],
  ['Payment Processor', 'Kubernetes Cluster prod-eu'],
  ['Billing Jobs', 'Payment Processor'],
];

const all = new WeakMap<SimState, DependenciesState>();

export function dependenciesOf(state: SimState): DependenciesState {
  let found = all.get(state);
  if (!found) {
    found = seedDependencies(state);
    all.set(state, found);
  }
  return found;
}

function seedDependencies(state: SimState): DependenciesState {
  const prng = new Prng(5151);
  const id = () => 'P' + prng.token(6);
  const serviceId = (name: string) => [...state.services.values()].find((s) => s.name === name)?.id;
  const teamId = (name: string) => [...state.teams.values()].find((t) => t.name === name)?.id ?? null;
  const deps: DependenciesState = { businessServices: new Map(), relationships: [] };
  for (const [name, team, supporting] of BUSINESS) {
    const rec: BusinessServiceRec = { id: id(), name, description: `${name} as customers see it`, point_of_contact: `${team} on-call`, teamId: teamId(team) };
    deps.businessServices.set(rec.id, rec);
    for (const tech of supporting) {
      const techId = serviceId(tech);
      if (techId) deps.relationships.push({ id: 'D' + prng.token(13), supporting: { kind: 'technical_service', id: techId }, dependent: { kind: 'business_service', id: rec.id } });
    }
  }
  for (const [dependent, supporting] of TECHNICAL) {
    const d = serviceId(dependent);
    const s = serviceId(supporting);
    if (d && s) deps.relationships.push({ id: 'D' + prng.token(13), supporting: { kind: 'technical_service', id: s }, dependent: { kind: 'technical_service', id: d } });
  }
  return deps;
}
