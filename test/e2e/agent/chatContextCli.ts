// Runs only the chat-context checks (elicitation, MCP resources, Add to Chat) in one window:
//   flock /tmp/pd-e2e.lock npx tsx test/e2e/agent/chatContextCli.ts   (scripts/e2e/setup.sh and npm run build first)
import { runChatContext } from './chatContext';
import { runOneWindow } from './oneWindow';

runOneWindow(true, runChatContext);
