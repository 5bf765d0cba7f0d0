import { PagerDutyError } from '../../pagerduty/errors';
import { compact, type Raw } from '../shape/common';
import { businessServiceLine, dependenciesText, shapeBusinessService, shapeDependencies, type Dependencies, type RelatedService } from '../shape/dependencies';
import { fence } from '../../model/untrusted';
import { defineListTool } from './listTool';
import { item, items } from './output';
import { limit, offset, pdId } from './params';
import { defineTool, READ, type ToolContext, type ToolDefinition } from './types';

/** Name lookups per call are capped so a hub service cannot fan out into hundreds of requests. */
const MAX_NAME_LOOKUPS = 25;

async function nameOf(ctx: ToolContext, s: RelatedService): Promise<string | undefined> {
  const path = s.kind === 'business_service' ? `/business_services/${encodeURIComponent(s.id)}` : `/services/${encodeURIComponent(s.id)}`;
  const key = s.kind === 'business_service' ? 'business_service' : 'service';
  const found = await ctx.client.get<Record<string, Raw>>(path, { signal: ctx.signal });
  return found[key]?.name ?? found[key]?.summary;
}

/** Relationships carry ids only; names make the answer readable. A failed lookup leaves the name out. */
async function addNames(ctx: ToolContext, deps: Dependencies): Promise<void> {
  const all = [...deps.depends_on, ...deps.supports].slice(0, MAX_NAME_LOOKUPS);
  const names = await Promise.allSettled(all.map((s) => nameOf(ctx, s)));
  names.forEach((result, i) => {
    if (result.status === 'fulfilled' && result.value) all[i].name = String(result.value);
  });
  const cancelled = names.find((r) => r.status === 'rejected' && r.reason instanceof PagerDutyError && ['cancelled', 'unauthorized'].includes(r.reason.kind));
  if (cancelled) throw (cancelled as PromiseRejectedResult).reason;
}

function dependencyTool(name: string, title: string, description: string, idParam: 'business_service_id' | 'service_id'): ToolDefinition {
  const kind = idParam === 'business_service_id' ? 'business_services' : 'technical_services';
  return defineTool({
    name,
    title,
    description,
    toolset: 'dependencies',
    annotations: READ,
    input: () => ({ [idParam]: pdId(idParam === 'business_service_id' ? 'business service' : 'service') } as Record<typeof idParam, ReturnType<typeof pdId>>),
    output: () => ({ dependencies: item }),
    async handler(args, ctx) {
      const id = (args as Record<string, string>)[idParam];
      const { relationships } = await ctx.client.get<{ relationships?: Raw[] }>(`/service_dependencies/${kind}/${encodeURIComponent(id)}`, {
        signal: ctx.signal,
      });
      const deps = shapeDependencies(id, relationships ?? []);
      await addNames(ctx, deps);
      const what = idParam === 'business_service_id' ? 'Business service' : 'Service';
      return { text: fence(`Dependencies of ${id}`, dependenciesText(deps, what)), structured: { dependencies: deps } };
    },
  });
}

const listBusinessServices = defineListTool({
  name: 'list_business_services',
  title: 'List business services',
  description: 'List business services (customer-facing capabilities) with team and point of contact; page with offset.',
  toolset: 'dependencies',
  input: () => ({ limit: limit(25, 100), offset }),
  from: { path: '/business_services', key: 'business_services' },
  show: { shape: shapeBusinessService, line: businessServiceLine, label: 'Business services', empty: 'No business services.' },
});

const listPriorities = defineTool({
  name: 'list_priorities',
  title: 'List priorities',
  description: "List the account's incident priorities (e.g. P1–P5) with their ids and descriptions.",
  toolset: 'dependencies',
  annotations: READ,
  input: () => ({}),
  output: () => ({ priorities: items }),
  async handler(_args, ctx) {
    const page = await ctx.client.list<Raw>('/priorities', 'priorities', { signal: ctx.signal, limit: 100 });
    const priorities = page.items.map((p) => compact({ id: String(p.id), name: String(p.name ?? p.summary ?? p.id), description: p.description || undefined }));
    const body = priorities.length
      ? priorities.map((p) => `${p.id} ${p.name}${p.description ? ` — ${p.description}` : ''}`).join('\n')
      : 'Priorities are not enabled on this account.';
    return { text: fence('Priorities', body), structured: { priorities } };
  },
});

export const dependenciesTools: ToolDefinition[] = [
  listBusinessServices,
  dependencyTool(
    'get_business_service_dependencies',
    'Business service dependencies',
    'What a business service depends on (technical or business services) and what depends on it, with names.',
    'business_service_id',
  ),
  dependencyTool(
    'get_technical_service_dependencies',
    'Technical service dependencies',
    'What a technical service depends on and which services (technical or business) depend on it, with names.',
    'service_id',
  ),
  listPriorities,
];
