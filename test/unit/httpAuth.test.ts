import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authenticate, challenge } from '../../src/mcp/httpAuth';
import { PagerDutyClient } from '../../src/pagerduty/client';
import { redact, redactResult, registerSecret, withSecretScope } from '../../src/pagerduty/redact';

const TOKEN = 'y_NbAkKc66ryYTWUXYEu';
const SECRET = 's'.repeat(30);

describe('HTTP authentication, per request', () => {
  it('takes "Token <t>" and "Token token=<t>", in any case, and nothing else, without echoing the header', () => {
    for (const header of [`Token ${TOKEN}`, `Token token=${TOKEN}`, `token TOKEN=${TOKEN}`, `  Token   token=${TOKEN}  `]) {
      assert.deepEqual(authenticate(header, {}), { ok: true, token: TOKEN }, header);
    }
    const refused = (header: string | undefined) => {
      const result = authenticate(header, {});
      assert.equal(result.ok, false, String(header));
      const message = result.ok ? '' : result.message;
      assert.ok(!message.includes(TOKEN.slice(0, 8)), 'the token is not echoed');
      return message;
    };
    assert.match(refused(undefined), /^Missing Authorization header: send your PagerDuty API token as "Authorization: Token <token>"/);
    assert.match(refused(`Bearer ${TOKEN}`), /"Authorization: Bearer …" is the wrong scheme for a PagerDuty API token/);
    assert.match(refused(`Basic ${TOKEN}`), /^Unsupported Authorization scheme: send/);
    assert.match(refused('Token '), /not a usable PagerDuty API token: it is empty/);
    assert.match(refused(`Token ${TOKEN.slice(0, 4)}\u200B${TOKEN.slice(4)}`), /a zero-width space \(U\+200B\) at character 5/);
    assert.equal(challenge({}), 'Token realm="pagerduty-mcp"');
  });

  it('with a server token, takes only "Bearer <secret>" and answers with the server token', () => {
    const mode = { serverToken: TOKEN, secret: SECRET };
    assert.deepEqual(authenticate(`Bearer ${SECRET}`, mode), { ok: true, token: TOKEN });
    for (const [header, why] of [
      [`Bearer ${SECRET.slice(1)}`, /not this server's PAGERDUTY_MCP_HTTP_SECRET/],
      [`Token ${TOKEN}`, /uses its own PagerDuty token: send "Authorization: Bearer/],
      ['', /^Missing Authorization header/],
    ] as const) {
      const result = authenticate(header, mode);
      assert.ok(!result.ok && why.test(result.message), header);
    }
    assert.equal(challenge(mode), 'Bearer realm="pagerduty-mcp"');
  });
});

describe('redaction of per-request tokens', () => {
  it('scrubs a token registered in a request scope from that scope\'s text only, and forgets it with the scope', async () => {
    const mine = 'u+PerRequest01234567';
    const other = 'v+OtherRequest123456';
    let releaseOther!: () => void;
    const otherHeld = new Promise<void>((resolve) => (releaseOther = resolve));
    const seen: string[] = [];
    // Two requests in flight at once, each with a client (which registers its token) and an await in between.
    const otherDone = withSecretScope(async () => {
      new PagerDutyClient({ token: other, baseUrl: 'http://127.0.0.1:1' });
      await otherHeld;
      seen.push(redact(`other sees ${mine} and ${other}`));
    });
    await withSecretScope(async () => {
      new PagerDutyClient({ token: mine, baseUrl: 'http://127.0.0.1:1' });
      await Promise.resolve();
      seen.push(redact(`mine sees ${mine} and ${other}`), redactResult(`answer ${mine.slice(0, 10)}`));
    });
    releaseOther();
    await otherDone;
    assert.deepEqual(seen, [`mine sees *** and ${other}`, 'answer ***', `other sees ${mine} and ***`]);
    assert.equal(redact(`after ${mine} ${other}`), `after ${mine} ${other}`, 'a server that sees many tokens keeps none of them');
    registerSecret(SECRET);
    assert.equal(await withSecretScope(async () => redact(`in a request ${SECRET}`)), 'in a request ***', 'the server\'s own secrets hold in every scope');
  });

  it('keeps a placeholder for the secret in a log line, not a real value after Bearer', () => {
    assert.equal(redact('clients send Authorization: Bearer <PAGERDUTY_MCP_HTTP_SECRET>)'), 'clients send Authorization: Bearer <PAGERDUTY_MCP_HTTP_SECRET>)');
    assert.equal(redact('Authorization: Bearer abc.def-123 and Token token=<x>y'), 'Authorization: Bearer *** and Token token=***');
  });
});
