// Runs only the Incident Expert's hosted-surface check in its window:
//   flock /tmp/vscode-e2e.lock npx tsx test/e2e/agent/hostedExpertCli.ts   (scripts/e2e/setup.sh and npm run build first)
import { runHostedExpert } from './hostedExpert';
import { runOneWindow } from './oneWindow';

runOneWindow(false, runHostedExpert);
