import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HELP, parseConfig } from '../../src/mcp/config';
import { TOOLSETS } from '../../src/mcp/tools/toolsets';
import { resolveApiBaseUrl } from '../../src/pagerduty/hosts';

describe('server configuration', () => {
  it('reads the same environment as PagerDuty’s own server', () => {
    const config = parseConfig(['--enable-write-tools'], { PAGERDUTY_USER_API_KEY: ' y_NbAkKc66ryYTWUXYEu ', PAGERDUTY_API_HOST: 'https://api.eu.pagerduty.com' });
    assert.ok(config !== 'help');
    assert.equal(config.token, 'y_NbAkKc66ryYTWUXYEu');
    assert.equal(config.apiHost, 'https://api.eu.pagerduty.com');
    assert.equal(config.enableWrites, true);
    assert.equal(config.deadlineMs, 30000);
  });

  it('is read-only by default and parses our extra options', () => {
    const config = parseConfig(['--region', 'eu', '--toolsets=incidents,oncall', '--tools', 'get_incident', '--deadline-ms', '5000', '--from-email', 'a@b.c'], {});
    assert.ok(config !== 'help');
    assert.equal(config.enableWrites, false);
    assert.equal(config.region, 'eu');
    assert.deepEqual(config.toolsets, ['incidents', 'oncall']);
    assert.deepEqual(config.allowTools, ['get_incident']);
    assert.equal(config.deadlineMs, 5000);
    assert.equal(config.fromEmail, 'a@b.c');
  });

  it('gives actionable errors for bad input and refuses tokens on the command line', () => {
    assert.throws(() => parseConfig(['--region', 'apac'], {}), /Region must be "us" or "eu", got "apac"/);
    assert.throws(() => parseConfig(['--toolsets', 'incidents,nope'], {}), /Unknown toolset\(s\) nope; choose from/);
    assert.throws(() => parseConfig(['--deadline-ms', '-1'], {}), /between 100 and 600000/);
    assert.throws(() => parseConfig([], { PAGERDUTY_RESOURCE_POLL_MS: '10' }), /PAGERDUTY_RESOURCE_POLL_MS must be .* between 1000 and 3600000/);
    assert.throws(() => parseConfig(['--token', 'abc'], {}), /PAGERDUTY_USER_API_KEY/);
    assert.throws(() => parseConfig(['--frobnicate'], {}), /Unknown option --frobnicate/);
    assert.equal(parseConfig(['--help'], {}), 'help');
  });

  it('names what to set when the token is an unexpanded ${…} reference or empty, instead of sending it to PagerDuty', () => {
    const stdio = (value: string | undefined) => {
      const config = parseConfig([], value === undefined ? {} : { PAGERDUTY_USER_API_KEY: value });
      assert.ok(config !== 'help');
      assert.equal(config.token, undefined, `no token from ${JSON.stringify(value)}`);
      return config.noToken ?? '';
    };
    assert.match(stdio('${PAGERDUTY_USER_API_KEY}'), /holds the reference "\$\{PAGERDUTY_USER_API_KEY\}", which the MCP host did not fill in\. Set PAGERDUTY_USER_API_KEY to a PagerDuty user API token in the environment .*--secret-env-vars must not name it/);
    assert.match(stdio(' $PD_TOKEN '), /holds the reference "\$\{PD_TOKEN\}".* Set PD_TOKEN to a PagerDuty user API token/);
    assert.match(stdio('  '), /PAGERDUTY_USER_API_KEY is empty\. Set it to a PagerDuty user API token in the environment/);
    assert.match(stdio(undefined), /set PAGERDUTY_USER_API_KEY to a PagerDuty user API token/);
    const real = parseConfig([], { PAGERDUTY_USER_API_KEY: 'y_NbAkKc66ryYTWUXYEu' });
    assert.ok(real !== 'help' && real.token === 'y_NbAkKc66ryYTWUXYEu' && real.noToken === undefined);
    // Over HTTP the server would otherwise fall back to per-request tokens, silently: it refuses to start instead.
    assert.throws(() => parseConfig(['--http'], { PAGERDUTY_USER_API_KEY: '${PAGERDUTY_USER_API_KEY}' }), /holds the reference/);
    const open = parseConfig(['--http'], { PAGERDUTY_USER_API_KEY: '' });
    assert.ok(open !== 'help' && open.token === undefined, 'an empty value over HTTP still means each request brings its own token');
  });

  it('parses --http with the same options as stdio, and refuses HTTP flags without it', () => {
    const config = parseConfig(['--http', '--port', '0', '--host=0.0.0.0', '--allow-origin', 'https://a.example,http://localhost:6274', '--toolsets', 'all'], {});
    assert.ok(config !== 'help');
    assert.equal(config.token, undefined, 'each request brings its own');
    assert.deepEqual(config.http && { ...config.http }, {
      port: 0,
      host: '0.0.0.0',
      allowOrigins: ['https://a.example', 'http://localhost:6274'],
      secret: undefined,
      maxBodyBytes: 1048576,
      maxConcurrent: 64,
      requestTimeoutMs: 30000,
    });
    assert.deepEqual(config.toolsets, [...TOOLSETS]);
    const stdio = parseConfig([], {});
    assert.equal(stdio !== 'help' && stdio.http, undefined);
    assert.throws(() => parseConfig(['--port', '3000'], {}), /--port applies to the HTTP server only: add --http/);
    assert.throws(() => parseConfig(['--http', '--allow-origin', 'https://a.example/path'], {}), /--allow-origin takes origins such as/);
    assert.throws(() => parseConfig(['--http', '--max-concurrent', '0'], {}), /--max-concurrent must be a whole number between 1 and 10000, got "0"/);
    for (const flag of ['--http', '--port', '--host', '--allow-origin', '--max-body-bytes', '--max-concurrent', '--request-timeout-ms', 'PAGERDUTY_MCP_HTTP_SECRET', 'Token token=', 'elicitation', 'sticky']) {
      assert.ok(HELP.includes(flag), `--help documents ${flag}`);
    }
  });

  it('with --http and PAGERDUTY_USER_API_KEY, requires a long PAGERDUTY_MCP_HTTP_SECRET', () => {
    const token = 'y_NbAkKc66ryYTWUXYEu';
    assert.throws(() => parseConfig(['--http'], { PAGERDUTY_USER_API_KEY: token }), /would call PagerDuty with that token for anyone .* PAGERDUTY_MCP_HTTP_SECRET/);
    const secret = 'k3Jd9-QpX2_vLm7Rt4ZbN8wY';
    const refused = (value: string) => () => parseConfig(['--http'], { PAGERDUTY_USER_API_KEY: token, PAGERDUTY_MCP_HTTP_SECRET: value });
    assert.throws(refused(secret.slice(0, 23)), /^Error: PAGERDUTY_MCP_HTTP_SECRET is not usable: it is only 23 characters long; it needs at least 24 characters/);
    // Long enough, but guessable, or unsendable: Node reads header values as Latin-1, so "ü" could never match.
    assert.throws(refused('a'.repeat(24)), /not usable: it uses only 1 different character, so it is easy to guess; at least 8 are needed/);
    assert.throws(refused('ab'.repeat(16)), /it uses only 2 different characters/);
    assert.throws(refused(`${secret.slice(0, 5)}ü${secret.slice(5)}`), /not usable: it contains a non-ASCII .*: the character U\+00FC at character 6; use printable ASCII only/);
    assert.throws(refused(`${secret} ${secret}`), /it contains whitespace: a space \(U\+0020\) at character 25/);
    for (const value of ['a'.repeat(24), `${secret}ü`]) {
      assert.throws(refused(value), (error: Error) => !error.message.includes(value.slice(0, 8)), 'the secret is never quoted');
    }
    assert.throws(() => parseConfig(['--http'], { PAGERDUTY_MCP_HTTP_SECRET: secret }), /without PAGERDUTY_USER_API_KEY/);
    const config = parseConfig(['--http'], { PAGERDUTY_USER_API_KEY: token, PAGERDUTY_MCP_HTTP_SECRET: secret });
    assert.ok(config !== 'help');
    assert.equal(config.http?.secret, secret);
    assert.ok(parseConfig([], { PAGERDUTY_USER_API_KEY: token, PAGERDUTY_MCP_HTTP_SECRET: 'short' }) !== 'help', 'stdio ignores the secret');
  });
});

describe('a cleartext API host', () => {
  it('allows http only for loopback hosts', () => {
    for (const ok of ['http://127.0.0.1:8080', 'http://127.3.4.5', 'http://localhost:3000/', 'http://[::1]:9000', 'https://api.example.com']) {
      assert.doesNotThrow(() => resolveApiBaseUrl('us', ok), ok);
    }
    for (const bad of ['http://api.pagerduty.com', 'http://10.0.0.1', 'http://128.0.0.1', 'http://localhost.example.com', 'http://[::2]', 'http://foo.localhost:3000', 'http://a.b.localhost', 'http://localhost.:3000']) {
      assert.throws(() => resolveApiBaseUrl('us', bad), /cleartext http.*loopback/, bad);
    }
  });

  it('is refused at start-up', () => {
    assert.throws(() => parseConfig([], { PAGERDUTY_API_HOST: 'http://api.eu.pagerduty.com' }), /cleartext http/);
    assert.throws(() => parseConfig(['--api-host', 'http://example.com'], {}), /cleartext http/);
  });
});
