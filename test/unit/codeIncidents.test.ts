// The simulator's code incidents against the fixture workspace: every seeded trace resolves to a line that exists.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { codeRefsOf } from '../../src/model/codeRefs';
import { resolveCodeRef, type WorkspaceFile } from '../../src/model/codeRefResolve';
import { startSimulator, type Simulator } from '../simulator/index';
import { CODE_INTEGRATION_KEY, CODE_SERVICE } from '../simulator/seed/codeIncidents';

const FIXTURE = join(__dirname, '..', 'fixtures', 'payments-workspace');

function filesOf(dir: string): WorkspaceFile[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => ({ folder: 'payments-workspace', path: relative(FIXTURE, join(e.parentPath, e.name)).split('\\').join('/') }));
}

describe('code incidents seeded for the fixture workspace', () => {
  let sim: Simulator;
  before(async () => (sim = await startSimulator({ codeIncidents: true })));
  after(() => sim.close());

  it('names the service by its integration key in the fixture workers/catalog-info.yaml', () => {
    assert.match(readFileSync(join(FIXTURE, 'workers', 'catalog-info.yaml'), 'utf8'), new RegExp(`pagerduty.com/integration-key: ${CODE_INTEGRATION_KEY}\\b`));
    assert.equal(sim.state.services.get(CODE_SERVICE.id)?.integrationKey, CODE_INTEGRATION_KEY);
  });

  it('names the service of the fixture catalog-info.yaml', () => {
    assert.match(readFileSync(join(FIXTURE, 'catalog-info.yaml'), 'utf8'), new RegExp(`pagerduty.com/service-id: ${CODE_SERVICE.id}\\b`));
    assert.equal(sim.state.services.get(CODE_SERVICE.id)?.name, CODE_SERVICE.name);
  });

  it("resolves every alert's first frame to an existing fixture line, in five languages", () => {
    const files = filesOf(FIXTURE);
    const incidents = [...sim.state.incidents.values()].filter((i) => i.serviceId === CODE_SERVICE.id);
    assert.deepEqual(incidents.map((i) => i.status).sort(), ['acknowledged', 'resolved', 'triggered']);
    const resolved = incidents.flatMap((i) =>
      (sim.state.alerts.get(i.id) ?? []).map((a) => {
        const [first] = codeRefsOf(String(a.details.stack));
        const r = resolveCodeRef(first!, files);
        assert.equal(r.kind, 'resolved', `${a.summary}: ${JSON.stringify(first)} → ${JSON.stringify(r)}`);
        const file = (r as { file: WorkspaceFile }).file;
        const lines = readFileSync(join(FIXTURE, file.path), 'utf8').split('\n');
        assert.ok(first!.line <= lines.length && lines[first!.line - 1]!.trim(), `${file.path}:${first!.line} is a line of code`);
        return file.path.split('.').pop();
      }),
    );
    assert.deepEqual([...new Set(resolved)].sort(), ['go', 'java', 'py', 'rb', 'ts']);
  });

  it('leaves the default account untouched', async () => {
    const plain = await startSimulator();
    try {
      assert.equal(plain.state.services.has(CODE_SERVICE.id), false);
      assert.equal(plain.state.incidents.size, 60);
    } finally {
      await plain.close();
    }
  });
});
