#!/usr/bin/env node
// A local stand-in for PagerDuty's api-schema host: serves one file at one path on 127.0.0.1, 404 elsewhere.
// Usage: node scripts/spec-mirror.mjs <file> <url path>   Prints "listening <base url>", then "GET <path> <status>"
// a request, so a caller can wait on (and count) what was asked. Used by test/unit/openapiSource.test.ts and
// scripts/test-standalone.sh.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [file, servedPath] = process.argv.slice(2);
if (!file || !servedPath?.startsWith('/')) {
  process.stderr.write('usage: node scripts/spec-mirror.mjs <file> <url path starting with />\n');
  process.exit(2);
}
const body = readFileSync(file);
const server = createServer((req, res) => {
  const status = req.url === servedPath ? 200 : 404;
  process.stdout.write(`${req.method} ${req.url} ${status}\n`);
  res.writeHead(status, { 'content-type': status === 200 ? 'application/json' : 'text/plain' });
  res.end(status === 200 ? body : 'not found');
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening http://127.0.0.1:${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
