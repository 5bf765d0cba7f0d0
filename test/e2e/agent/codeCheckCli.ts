// Runs only the change check (pagerduty_incidents_for_code) in its window:
//   flock /tmp/vscode-e2e.lock npx tsx test/e2e/agent/codeCheckCli.ts   (scripts/e2e/setup.sh and npm run build first)
import { runCodeCheck } from './codeCheck';
import { runOneWindow } from './oneWindow';

runOneWindow(false, runCodeCheck);
