// Entry of the bundled e2e tests (scripts/e2e/build-tests.mjs). Suites run in import order and share one
// VS Code window, so sign-in comes before the MCP suite that relies on it.
import './signIn.e2e';
import './mcp.e2e';
import './views.e2e';
import './chatFiles.e2e';

export { run } from '../runner';
