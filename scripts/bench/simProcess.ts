/**
 * The simulator in a process of its own, for the HTTP load bench: the load generator's event loop must not also
 * answer PagerDuty's side. Prints one JSON line {url, sessions: [{label, token, email}]} for N issued tokens (argv),
 * answers each "requests" line on stdin with the requests recorded since the last one, and stops when stdin ends.
 */
import { createInterface } from 'node:readline';
import { startSimulator } from '../../test/simulator/index';

async function main() {
  const count = Number(process.argv[2] ?? 100);
  const sim = await startSimulator({ validate: false, incidents: 30 });
  const users = [...sim.state.users.values()];
  const sessions = Array.from({ length: count }, (_, i) => {
    const user = users[i % users.length];
    const label = `session-${i}`;
    return { label, token: sim.issueToken(label, user.id), email: user.email };
  });
  process.stdout.write(`${JSON.stringify({ url: sim.url, sessions })}\n`);
  const lines = createInterface({ input: process.stdin });
  lines.on('line', () => {
    const requests = sim.requests.map((r) => ({ path: r.path, query: r.query, tokenLabel: r.tokenLabel }));
    sim.requests.length = 0;
    process.stdout.write(`${JSON.stringify(requests)}\n`);
  });
  lines.on('close', () => void sim.close().then(() => process.exit(0)));
}

void main();
