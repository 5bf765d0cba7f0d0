/**
 * The loader (dist/mcp-server.js, see codeCache.ts) and the server bundle it loads are two files: the server asks for
 * the code cache to be saved through this hook, which the loader sets only when this start compiled the bundle.
 */
export const SAVE_HOOK = Symbol.for('pagerduty-mcp.saveCodeCache');

/** Called once the server has answered tools/list: what start-up compiled is then worth keeping. */
export function saveCodeCache(): void {
  (globalThis as Record<symbol, (() => void) | undefined>)[SAVE_HOOK]?.();
}
