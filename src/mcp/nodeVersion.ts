/** The standalone server's runtime: Node 22 or newer (Node 20 is past its end of life; VS Code runs the server on 22). */
export const MIN_NODE_MAJOR = 22;

/** Why the server cannot run on Node `version` (as process.versions.node gives it), or undefined. */
export function nodeVersionProblem(version: string, execPath: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (major >= MIN_NODE_MAJOR) return undefined;
  return `the PagerDuty MCP server needs Node.js ${MIN_NODE_MAJOR} or newer, but ${execPath} is Node.js ${version}: run it with Node.js ${MIN_NODE_MAJOR}+`;
}
