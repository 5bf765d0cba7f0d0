/**
 * list_incidents of 100 incidents as the model receives it in Copilot agent mode: the real VS Code, the Chat view in
 * Agent mode, the scripted model's record of the tool result (after Copilot's spill to read_file, as a model reads
 * it) against the bytes of the raw GET /incidents answer. Needs scripts/e2e/setup.sh; ~40 s.
 */
import path from 'node:path';
import { agentSimulator, runAgentMode } from '../../test/e2e/agent/agentMode';
import { cleanupAll } from '../../test/e2e/harness';
import { figure, type Figure } from './figure';

export async function agentModeFigures(root: string): Promise<Figure[]> {
  try {
    const sim = await agentSimulator();
    const { listIncidents100: f } = await runAgentMode({ sim, extensionDevelopmentPath: root, docsDir: path.join(root, 'bench-results'), figuresOnly: true });
    return [figure('agent.list_incidents_100', 'list_incidents of 100 as the model receives it, vs raw API', (100 * f.modelChars) / f.rawBytes, '%', 15,
      `${f.modelChars} chars vs ${f.rawBytes} bytes`)];
  } finally {
    await cleanupAll();
  }
}
