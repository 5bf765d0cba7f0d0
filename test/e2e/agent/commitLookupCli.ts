// Runs only the Incident Expert's commit-lookup checks in their window:
//   flock /tmp/vscode-e2e.lock npx tsx test/e2e/agent/commitLookupCli.ts   (scripts/e2e/setup.sh and npm run build first)
import { runCommitLookup } from './commitLookup';
import { runOneWindow } from './oneWindow';

runOneWindow(false, runCommitLookup);
