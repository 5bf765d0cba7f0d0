// pagerduty_incidents_for_code's core against the simulator's code incidents: which incidents touch which files, most
// recent first and fenced, and the arguments it refuses (naming the argument, what was expected, what came).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeIncidentsError, incidentsForCode, parseCodeIncidentsInput } from '../../src/lm/codeIncidents';
import { resolveCodeRef, type WorkspaceFile } from '../../src/model/codeRefResolve';
import { pagerDutyApi } from '../../src/model/pagerdutyApi';
import { FENCE_CLOSE, FENCE_OPEN } from '../../src/model/untrusted';
import { createClient, createToolbox } from '../../src/mcp/server';
import { TOOLSETS } from '../../src/mcp/tools/types';
import { startSimulator, type Simulator } from '../simulator/index';
import { CODE_COMMIT, CODE_SERVICE } from '../simulator/seed/codeIncidents';

const FIXTURE = join(__dirname, '..', 'fixtures', 'payments-workspace');
const files: WorkspaceFile[] = readdirSync(FIXTURE, { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile())
  .map((e) => ({ folder: 'payments', path: relative(FIXTURE, join(e.parentPath, e.name)).split('\\').join('/') }));

describe('pagerduty_incidents_for_code', () => {
  let sim: Simulator;
  let run: (paths: string[]) => Promise<string>;
  before(async () => {
    sim = await startSimulator({ codeIncidents: true });
    const toolbox = createToolbox({ enableWrites: false, toolsets: [...TOOLSETS], structuredOutput: true });
    const client = createClient({ token: sim.tokens.user, region: 'us', apiHost: sim.url } as never)!;
    const api = pagerDutyApi((name, args) => toolbox.call(name, args, { client, signal: new AbortController().signal, now: () => new Date() }));
    run = (paths) =>
      incidentsForCode({
        api,
        services: [CODE_SERVICE],
        files: paths,
        resolve: async (refs) => refs.map((r) => resolveCodeRef(r, files)),
        commitFiles: async (sha) => (CODE_COMMIT.startsWith(sha) ? ['src/payments/charge.ts', 'src/payments/retry.ts'] : undefined),
        now: Date.now(),
        days: 90,
      });
  });
  after(() => sim.close());

  const numberOf = (title: string) => [...sim.state.incidents.values()].find((i) => i.title === title)!.number;

  it('finds the incidents whose frames, notes or change-event commits touch the files, most recent first, fenced', async () => {
    const text = await run(['src/payments/charge.ts', 'src/main/java/com/acme/payments/Gateway.java']);
    assert.match(text, /^Checked 2 file\(s\) against 3 incidents of Payments API in the last 90 days: 2 touch them\./);
    const fenced = text.slice(text.indexOf(FENCE_OPEN), text.indexOf(FENCE_CLOSE));
    const degraded = fenced.indexOf(`#${numberOf('Payment processing degraded')} [triggered, high]`);
    const capture = fenced.indexOf(`#${numberOf('Card capture timeouts')} [resolved, high]`);
    assert.ok(degraded > 0 && capture > degraded, 'the open one, newer, first');
    assert.ok(fenced.includes('alert frame: src/payments/charge.ts:12 (chargeCard)'));
    assert.ok(fenced.includes(`commit ${CODE_COMMIT.slice(0, 12)} changed src/payments/charge.ts`));
    assert.ok(fenced.includes('alert frame: src/main/java/com/acme/payments/Gateway.java:9 (com.acme.payments.Gateway.capture)'));
    assert.ok(fenced.includes('note: src/main/java/com/acme/payments/Gateway.java:9'));
    assert.ok(!fenced.includes('Ledger posting panics'), 'an incident touching other files is left out');
  });

  it('says so when nothing touches the files', async () => {
    assert.match(await run(['README.md']), /: 0 touch them\.\nFiles: README\.md$/);
    assert.match(await run([]), /No files to check/);
  });

  it('refuses bad arguments by name, and a workspace without services', async () => {
    assert.deepEqual(parseCodeIncidentsInput(undefined), { days: 90 });
    assert.deepEqual(parseCodeIncidentsInput({ files: ['./src\\a.ts'], days: 7 }), { days: 7, files: ['src/a.ts'] });
    const refused = (input: unknown) => assert.throws(() => parseCodeIncidentsInput(input), CodeIncidentsError);
    refused({ days: 0 });
    refused({ files: ['../../etc/passwd'] });
    refused({ files: 'src/a.ts' });
    refused({ command: 'rm -rf /' });
    assert.throws(() => parseCodeIncidentsInput({ days: 'all' }), /argument "days": expected a whole number from 1 to 90, got "all"/);
    await assert.rejects(
      incidentsForCode({ api: pagerDutyApi(async () => ({ content: [] })), services: [], files: ['a.ts'], resolve: async () => [], commitFiles: async () => undefined, now: 0, days: 90 }),
      /no PagerDuty service is known for this workspace/,
    );
  });
});
