/**
 * `npm run simulator -- --port 8080 --incidents 60`: a PagerDuty API on localhost for manual runs.
 * Prints the base URL, the tokens and the `me` user; violations go to stderr; Ctrl-C stops it.
 */
import { startSimulator } from './index';
import { formatViolation } from './openapi/validator';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`--${name} needs a non-negative integer, got "${process.argv[index + 1] ?? ''}"\n`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const sim = await startSimulator({
    port: option('port', 8080),
    incidents: option('incidents', 60),
    onViolation: (v) => process.stderr.write(`OpenAPI violation ${formatViolation(v)}\n`),
  });
  process.stdout.write(
    [
      `PagerDuty simulator listening on ${sim.url}`,
      `  user token (Responder, "me"): ${sim.tokens.user}`,
      `  observer token:               ${sim.tokens.observer}`,
      `  account API key:              ${sim.tokens.accountKey}  (writes need From: ${sim.me.email})`,
      `  me: ${sim.me.name} <${sim.me.email}> (${sim.me.id})`,
      `  seeded ${sim.state.incidents.size} incidents; Ctrl-C to stop`,
      '',
    ].join('\n'),
  );
  const stop = () => {
    const { requests, responses, violations } = sim.validation;
    process.stdout.write(`\nOpenAPI validation: ${requests} requests, ${responses} responses validated, ${violations.length} violations\n`);
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: Error) => {
  process.stderr.write(`simulator failed to start: ${err.message}\n`);
  process.exit(1);
});
