// Entry of the hosted-mode e2e run (scripts/e2e/run.ts, phase `hosted`): sign in, then Copilot's MCP server is our
// own `--http` server at pagerduty.hostedUrl instead of the embedded one.
import './hosted.e2e';

export { run } from '../runner';
