/**
 * npm run bench [-- --skip vsix,memory,http]: the project's figures with their targets. Prints a table and writes
 * bench-results/bench.json. Builds for production first (what ships), and restores the development build at the end.
 * BENCH_BASELINE=<another build>/dist/mcp-server.js measures start and CPU per call on that build too, printed beside.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { agentModeFigures } from './bench/agentMode';
import { codeRefsFigures } from './bench/codeRefs';
import { compressionFigures } from './bench/compression';
import type { Figure } from './bench/figure';
import { httpLoadFigures } from './bench/httpLoad';
import { incidentPageFigures } from './bench/incidentPage';
import { investigationFigures } from './bench/investigation';
import { memoryFigures } from './bench/memory';
import { protocolCostFigures } from './bench/protocolCost';
import { activateFigure, firstPaintFigure, idlePollingFigure } from './bench/sidebar';
import { startupFigures } from './bench/startup';
import { toolsListFigures } from './bench/toolsList';
import { toolSurfaceFigures } from './bench/toolSurface';
import { vsixFigures } from './bench/vsix';

const ROOT = path.resolve(__dirname, '..');
const SERVER = path.join(ROOT, 'dist/mcp-server.js');

const skip = new Set((process.argv[process.argv.indexOf('--skip') + 1] ?? '').split(',').filter(Boolean));
if (!process.argv.includes('--skip')) skip.clear();

function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => {
    const value = f.value === undefined ? '—' : `${f.value} ${f.unit}`;
    const target = f.target === undefined ? '' : `≤ ${f.target} ${f.unit}`;
    let verdict = f.pass === undefined ? (f.value === undefined ? 'PENDING' : '') : f.pass ? 'ok' : 'MISS';
    if (f.pass === false && f.value !== undefined && f.target !== undefined) {
      verdict += f.target === 0 ? ` (+${f.value})` : ` (+${Math.round((100 * (f.value - f.target)) / f.target)} %)`;
    }
    return [f.label, value, target, verdict, f.detail ?? ''];
  });
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), 6));
  for (const r of rows) console.log(`  ${r.slice(0, 4).map((c, i) => c.padEnd(widths[i])).join('  ')}  ${r[4]}`);
}

async function main() {
  const figures: Figure[] = [];
  const step = async (name: string, run: () => Promise<Figure[]> | Figure[]) => {
    if (skip.has(name)) return;
    process.stderr.write(`bench: ${name}…\n`);
    figures.push(...(await run()));
  };
  try {
    // The packaged build first: startup and size are measured on what users run.
    await step('vsix', () => vsixFigures(ROOT));
    if (skip.has('vsix')) execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: ROOT });
    await step('startup', () => startupFigures(SERVER));
    // Another build (e.g. main's, built for production elsewhere) measured the same way, printed beside.
    const baseline = process.env.BENCH_BASELINE;
    if (baseline) await step('startup', async () => (await startupFigures(baseline)).map((f) => ({ ...f, id: `before.${f.id}`, label: `before: ${f.label}`, target: undefined, pass: undefined })));
    await step('protocol', () => protocolCostFigures(SERVER));
    await step('tools', () => toolsListFigures(SERVER));
    await step('surface', () => toolSurfaceFigures(SERVER));
    await step('investigation', () => investigationFigures(SERVER));
    await step('compression', () => compressionFigures());
    await step('codeRefs', () => codeRefsFigures());
    await step('memory', () => memoryFigures());
    await step('http', () => httpLoadFigures());
    await step('sidebar', async () => [await idlePollingFigure(), await firstPaintFigure(), await activateFigure()]);
    // The production page bundle, as shipped: first paint and size.
    await step('incidentPage', () => incidentPageFigures());
  } finally {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
  }
  // On the development build, as the e2e run uses it: the real VS Code loads the extension from this folder.
  await step('agent', () => agentModeFigures(ROOT));
  console.log('\nFigures (targets are upper bounds):');
  printTable(figures);
  mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  const out = path.join(ROOT, 'bench-results/bench.json');
  writeFileSync(out, `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, figures }, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(ROOT, out)}`);
  const missed = figures.filter((f) => f.pass === false);
  if (missed.length) console.log(`${missed.length} figure(s) miss their target: ${missed.map((f) => f.id).join(', ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
