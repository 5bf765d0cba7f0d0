/** Server RSS over 10 000 tool calls: the level after them and the growth from call 1 000 to 10 000 (leaks). */
import { serverPid, startMcp } from '../../test/support/mcpHarness';
import { startSimulator } from '../../test/simulator/index';
import { figure, type Figure } from './figure';
import { rssBytes } from './rpc';

const MB = 1024 * 1024;

export async function memoryFigures(calls = 10_000): Promise<Figure[]> {
  const sim = await startSimulator({ incidents: 120 });
  const s = await startMcp({ sim });
  try {
    const pid = serverPid(s)!;
    const incidents = [...sim.state.incidents.keys()];
    const services = [...sim.state.services.keys()];
    // A mix of what an investigation does: lists, details, the user, and a model's bad arguments.
    const mix: ((i: number) => [string, Record<string, unknown>])[] = [
      () => ['list_incidents', { limit: 20, date_range: 'all' }],
      (i) => ['get_incident', { incident_id: incidents[i % incidents.length] }],
      () => ['list_services', { limit: 10 }],
      (i) => ['get_service', { service_id: services[i % services.length] }],
      () => ['get_user_data', {}],
      () => ['get_incident', { incident_id: '<id>' }],
    ];
    let at1000 = 0;
    for (let i = 1; i <= calls; i++) {
      const [name, args] = mix[i % mix.length](i);
      await s.call(name, args);
      if (i === 1000) at1000 = await rssBytes(pid);
      // The simulator keeps every request for assertions; drop them so the bench process itself stays small.
      if (i % 1000 === 0) sim.requests.length = 0;
    }
    const atEnd = await rssBytes(pid);
    return [
      figure('memory.rss_after', `server RSS after ${calls} calls`, atEnd / MB, 'MB', 100),
      figure('memory.growth', 'RSS growth, call 1 000 → 10 000', (100 * (atEnd - at1000)) / at1000, '%', 10, `${(at1000 / MB).toFixed(1)} → ${(atEnd / MB).toFixed(1)} MB`),
    ];
  } finally {
    await s.close();
    await sim.close();
  }
}
