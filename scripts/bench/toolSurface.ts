/**
 * What each tool surface costs the model on every request: the characters of name + description + input schema of
 * every listed tool (titles, annotations and JSON punctuation around them are not sent to the model by most clients).
 * Issue 28's goal: the hosted surface with writes and every toolset ≤ 28.7 k, 5× under the official server's 144 k.
 */
import { figure, type Figure } from './figure';
import { listSize, type ListedTool } from './toolsList';

export const HOSTED_ALL_WRITES_TARGET = 28_700;

/** What a model reads of a tools/list: name + description + input schema of each tool. */
export const modelFacing = (tools: ListedTool[]) => tools.reduce((n, t) => n + t.name.length + t.description.length + JSON.stringify(t.inputSchema).length, 0);

export async function toolSurfaceFigures(script: string): Promise<Figure[]> {
  const runs = [
    { id: 'classic.default', label: 'classic, default toolsets, read-only', args: [] as string[], toolsets: undefined },
    { id: 'classic.all_writes', label: 'classic, all toolsets + writes', args: ['--enable-write-tools'], toolsets: 'all' },
    { id: 'hosted.default', label: 'hosted, default toolsets, read-only', args: ['--tool-surface', 'hosted'], toolsets: undefined },
    { id: 'hosted.all_writes', label: 'hosted, all toolsets + writes', args: ['--tool-surface', 'hosted', '--enable-write-tools'], toolsets: 'all', target: HOSTED_ALL_WRITES_TARGET },
  ];
  const figures: Figure[] = [];
  for (const run of runs) {
    const { list } = await listSize(script, run.args, run.toolsets);
    const hosted = list.filter((t) => /^(browse|manage)_/.test(t.name) && t.inputSchema && JSON.stringify(t.inputSchema).includes('"request"')).length;
    const detail = `${list.length} tools${hosted ? ` (${hosted} hosted, ${list.length - hosted} classic)` : ''}`;
    figures.push(figure(`model_facing.${run.id}`, `model-facing tools/list, ${run.label}`, modelFacing(list), 'chars', run.target, detail));
  }
  return figures;
}

/** `npx tsx scripts/bench/toolSurface.ts [dist/mcp-server.js]`: this step alone, on the current build. */
if (require.main === module) {
  toolSurfaceFigures(process.argv[2] ?? 'dist/mcp-server.js').then(
    (figures) => figures.forEach((f) => console.log(`${f.label}: ${f.value} ${f.unit} (${f.detail})${f.target ? ` target ≤ ${f.target}: ${f.pass ? 'ok' : 'MISS'}` : ''}`)),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
