/**
 * The investigation of one seeded incident (the steps of the investigate_incident prompt, in its order) through each
 * tool surface: the calls made and the characters the model reads, i.e. the tools/list it is sent with each of the
 * calls + 1 requests (default toolsets, read-only) and every answer's text. The hosted calls are derived from the
 * action table (src/mcp/hosted/table.ts), so the same twins run with the same arguments.
 */
import { HOSTED_FORM } from '../../src/mcp/hosted/table';
import { startSimulator } from '../../test/simulator/index';
import { startMcp } from '../../test/support/mcpHarness';
import { figure, type Figure } from './figure';
import { listSize } from './toolsList';
import { modelFacing } from './toolSurface';

type Call = [tool: string, args: Record<string, unknown>];

/** A classic call as the hosted surface takes it: its tool, with `request` holding the action (and its selector) and the same fields. */
export function asHosted([twin, args]: Call): Call {
  const at = HOSTED_FORM.get(twin);
  if (!at) return [twin, args];
  return [at.tool, { request: { action: at.row.action, ...(at.row.when ? { [at.row.when.field]: at.row.when.value } : {}), ...args } }];
}

export async function investigationFigures(script: string): Promise<Figure[]> {
  const sim = await startSimulator({ incidents: 120 });
  try {
    // The newest open incident of the seed, by number as an engineer would give it.
    const incident = [...sim.state.incidents.values()].filter((i) => i.status !== 'resolved').sort((a, b) => b.number - a.number)[0]!;
    const id = { incident_id: String(incident.number) };
    const classic: Call[] = [
      ['get_incident', id],
      ['list_alerts_from_incident', id],
      ['get_related_incidents', id],
      ['get_past_incidents', id],
      ['get_outlier_incident', id],
      ['list_incident_change_events', id],
      ['list_oncalls', { escalation_policy_ids: [incident.escalationPolicyId] }],
      ['list_incident_notes', id],
    ];
    const surfaces = [
      { id: 'classic', args: [] as string[], calls: classic },
      { id: 'hosted', args: ['--tool-surface', 'hosted'], calls: classic.map(asHosted) },
    ];
    const figures: Figure[] = [];
    for (const surface of surfaces) {
      const { list } = await listSize(script, surface.args);
      const listing = modelFacing(list);
      const session = await startMcp({ sim, structuredOutput: false, args: surface.args });
      let answers = 0;
      try {
        for (const [tool, args] of surface.calls) answers += (await session.ok(tool, args)).text.length;
      } finally {
        await session.close();
      }
      const requests = surface.calls.length + 1;
      figures.push(figure(`investigation.${surface.id}`, `investigation of incident #${incident.number}, ${surface.id} surface: characters the model reads`, requests * listing + answers, 'chars', undefined,
        `${surface.calls.length} calls; ${requests} requests × ${listing} tools/list + ${answers} in answers`));
    }
    return figures;
  } finally {
    await sim.close();
  }
}

/** `npx tsx scripts/bench/investigation.ts [dist/mcp-server.js]`: this step alone, on the current build. */
if (require.main === module) {
  investigationFigures(process.argv[2] ?? 'dist/mcp-server.js').then(
    (figures) => figures.forEach((f) => console.log(`${f.label}: ${f.value} ${f.unit} (${f.detail})`)),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
