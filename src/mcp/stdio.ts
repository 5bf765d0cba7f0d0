import { redact } from '../pagerduty/redact';
import { HELP, parseConfig } from './config';
import { LineTransport } from './lineTransport';
import { unsupportedVersionAnswer, withVersionsNamed } from './protocolVersions';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { LISTEN_LIMITS } from './httpListen';
import { createServer, createServerParts } from './server';
import { log } from './stderrLog';

declare const __VERSION__: string;
const version = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

async function main() {
  let config;
  try {
    config = parseConfig(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${redact((error as Error).message)}\n`);
    process.exit(2);
  }
  if (config === 'help') {
    process.stdout.write(HELP);
    return;
  }
  if (config.http) {
    // Loaded only here, so that a stdio start does not evaluate the HTTP transport.
    const { serveHttp } = await import('./http.js');
    const running = await serveHttp({ ...config, http: config.http }, version, log);
    const auth = config.http.secret ? 'clients send Authorization: Bearer <PAGERDUTY_MCP_HTTP_SECRET>' : 'each request brings its own token (Authorization: Token <token>)';
    log(`started v${version}; listening on ${running.url} (stateless; ${auth}); writes ${config.enableWrites ? 'enabled' : 'disabled'}`);
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: finishing requests in flight, then stopping`);
      void running.close().then(() => process.exit(0));
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    return;
  }
  const onFatal = (reason: string) => {
    log(`stopping: ${reason}`);
    process.exit(1);
  };
  // The process ends when stdin does; say so, or an exit looks like a crash with nothing in the log.
  const onEnd = () => log('stopping: the client closed the connection (stdin ended)');
  // The SDK's stdio entry picks the era from the first message (server/discover or a 2026-07-28 request, or a 2025
  // initialize) and serves the connection from one server of the factory's; every server shares the process's parts.
  const parts = createServerParts(config);
  serveStdio(() => createServer(config, version, log, parts), {
    transport: withVersionsNamed(new LineTransport({ log, onFatal, onEnd, screen: unsupportedVersionAnswer })),
    onerror: (error) => log(`error: ${redact(error.message)}`),
    maxSubscriptions: LISTEN_LIMITS.perToken,
  });
  log(`started v${version}; writes ${config.enableWrites ? 'enabled' : 'disabled'}; token ${config.token ? 'present' : 'missing'}`);
  if (config.noToken) log(config.noToken);
}

process.on('unhandledRejection', (reason) => log(`unhandled rejection: ${redact(String(reason))}`));
main().catch((error) => {
  log(`fatal: ${redact(String(error?.message ?? error))}`);
  process.exit(1);
});
