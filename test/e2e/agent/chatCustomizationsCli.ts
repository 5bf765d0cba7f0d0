// Runs only the Incident Expert / skill / prompt-file checks in their window:
//   flock /tmp/pd-e2e.lock npx tsx test/e2e/agent/chatCustomizationsCli.ts   (scripts/e2e/setup.sh and npm run build first)
import { runChatCustomizations } from './chatCustomizations';
import { runOneWindow } from './oneWindow';

runOneWindow(false, runChatCustomizations);
