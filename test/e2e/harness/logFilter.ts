// codeAutomationLog carries the whole workbench log, not only the extension host's console.
// These messages are workbench chatter that never matters to our tests (offline gallery
// lookups, the bundled chat/agent host, connection setup); E2E_VERBOSE=1 shows them anyway.
const NOISE = [
  /^\[AgentHost/,
  /^\[ChatModelSelection\]/,
  /^\[AccountPolicyGate\]/,
  /^\[reconnection-grace-time\]/,
  /^\[Service Worker\]/,
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^\[remote-connection\]/,
  /^Updating additional builtin extensions cache/,
  /ENOTFOUND (open-vsx\.org|github\.com|api\.github\.com|[\w.-]*\.(vscode-cdn\.net|visualstudio\.com))/,
];

export function isNoise(message: string): boolean {
  if (process.env.E2E_VERBOSE) return false;
  if (!message.trim()) return true;
  return NOISE.some((re) => re.test(message));
}
