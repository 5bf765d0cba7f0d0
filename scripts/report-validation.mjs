// Prints how much simulator traffic was checked against PagerDuty's OpenAPI spec during the test run.
// Usage: report-validation.mjs reset|report  (the stats file is PD_VALIDATION_STATS or .test-stats/validation.jsonl)
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

// Lists the built server's tools with writes on and every toolset, via a one-shot MCP exchange over stdio (on the
// Node the server needs: test/support/serverNode.ts).
const LIST_TOOLS = `
const { spawn } = require('node:child_process');
const { serverNode } = require('./test/support/serverNode.ts');
const p = spawn(serverNode(), ['dist/mcp-server.js', '--enable-write-tools', '--toolsets', 'all'], { env: { PATH: process.env.PATH, PAGERDUTY_USER_API_KEY: 'listing-only' } });
let buf = '';
p.stdout.on('data', (d) => {
  buf += d;
  for (const line of buf.split('\\n')) {
    try { const m = JSON.parse(line); if (m.id === 2) { console.log(JSON.stringify({ tools: m.result.tools.map((t) => t.name) })); p.kill(); } } catch {}
  }
});
const send = (m) => p.stdin.write(JSON.stringify({ jsonrpc: '2.0', ...m }) + '\\n');
send({ id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'report', version: '1' } } });
send({ method: 'notifications/initialized' });
send({ id: 2, method: 'tools/list' });
`;

// The GET operations the field-coverage test probes (a hand-kept list in TypeScript).
const LIST_FIELD_OPERATIONS = "console.log(JSON.stringify(require('./test/unit/simulatorFieldOperations.ts').FIELD_OPERATIONS.map((o) => o.operationId)))";

const file = process.env.PD_VALIDATION_STATS ?? path.resolve('.test-stats/validation.jsonl');
const toolsFile = path.join(path.dirname(file), 'tools-ok.txt');
if (process.argv[2] === 'reset') {
  mkdirSync(path.dirname(file), { recursive: true });
  rmSync(file, { force: true });
  rmSync(toolsFile, { force: true });
} else {
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  const sum = (key) => lines.reduce((n, l) => n + l[key], 0);
  console.log(`OpenAPI validation: ${sum('requests')} requests and ${sum('responses')} responses validated against PagerDuty's spec across ${lines.length} simulator runs, ${sum('violations')} violations`);
  if (sum('violations') > 0) {
    for (const example of lines.flatMap((l) => l.examples ?? [])) console.log(`  violation: ${example}`);
    process.exitCode = 1;
  }
  // Every tool of the published server must have answered successfully at least once over stdio.
  const { tools } = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', LIST_TOOLS], { encoding: 'utf8' }));
  const called = new Set(existsSync(toolsFile) ? readFileSync(toolsFile, 'utf8').split('\n').filter(Boolean) : []);
  const missing = tools.filter((name) => !called.has(name));
  console.log(`Tools called successfully through a real MCP client: ${tools.length - missing.length} of ${tools.length}`);
  if (missing.length) {
    console.log(`never called successfully: ${missing.join(', ')}`);
    process.exitCode = 1;
  }
  // Every GET our client made must be in the field-coverage list, so a tool reading a new endpoint is held to the spec's fields too.
  const gets = new Set(lines.flatMap((l) => l.clientGets ?? []));
  const listed = new Set(JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', LIST_FIELD_OPERATIONS], { encoding: 'utf8' })));
  const unlisted = [...gets].filter((id) => !listed.has(id)).sort();
  console.log(`GET operations the client made: ${gets.size}, all in the field-coverage list: ${unlisted.length === 0 ? 'yes' : 'no'}`);
  if (unlisted.length) {
    console.log(`add to test/unit/simulatorFieldOperations.ts: ${unlisted.join(', ')}`);
    process.exitCode = 1;
  }
}
