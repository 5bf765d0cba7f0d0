import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../src/mcp/config';

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
});
