import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authenticate, challenge } from '../../src/mcp/httpAuth';
import { PagerDutyClient } from '../../src/pagerduty/client';
import { redact, registerSecret } from '../../src/pagerduty/redact';

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
  it('holds a token while any client using it lives, and forgets it when the last is disposed', () => {
    const token = 'u+PerRequest01234567';
    const a = new PagerDutyClient({ token, baseUrl: 'http://127.0.0.1:1' });
    const b = new PagerDutyClient({ token, baseUrl: 'http://127.0.0.1:1' });
    a.dispose();
    a.dispose(); // a second dispose releases nothing more
    assert.equal(redact(`x ${token}`), 'x ***', 'b still uses it');
    b.dispose();
    assert.equal(redact(`x ${token}`), `x ${token}`, 'nothing holds it: a server that sees many tokens does not keep them');
    const release = registerSecret(token);
    assert.equal(redact(token), '***');
    release();
  });
});
