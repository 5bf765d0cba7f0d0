# The PagerDuty MCP server alone, over Streamable HTTP, for teams and remote agents (README: "Over HTTP").
# The image holds only the bundled server; build it first, then the image:
#   npm ci && node scripts/build.mjs --production && docker build -t pagerduty-mcp .
# Run: docker run -p 3000:3000 pagerduty-mcp   (each request brings its own token; options: --help)
FROM node:22-alpine

ENV NODE_ENV=production
WORKDIR /app
# Owned by root and read-only for the server's user. The card page beside the bundle is read only for MCP Apps hosts.
# mcp-server.js checks the runtime (Node 22+), turns Node's compile cache on in /home/node/.cache/pagerduty-mcp (the
# user's own, checked before use) and loads the bundle (core); Ajv is read on the first elicitation answer.
COPY dist/mcp-server.js dist/
COPY dist/mcp-server-core.js dist/
COPY dist/mcp-server-ajv.js dist/
COPY dist/mcp-apps/ dist/mcp-apps/
USER node
EXPOSE 3000

# node, not curl: the base image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The heap flags are SERVER_NODE_FLAGS (src/config/serverLaunch.ts), as `npm run bench` measures them under load.
# 0.0.0.0 inside the container (its own network namespace); publish the port only behind a TLS-terminating proxy.
CMD ["node", "--max-semi-space-size=2", "--max-old-space-size=96", "dist/mcp-server.js", "--http", "--host", "0.0.0.0", "--port", "3000"]
