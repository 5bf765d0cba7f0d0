import { vscodeRecord } from '../support/installFakeVscode';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { registerIncidentPageCommands } from '../../src/commands/incidentPage';
import { EXPERT_AGENT } from '../../src/contributions';
import { ALL_TOOLS } from '../../src/mcp/tools';
import { pagerDutyApi } from '../../src/model/pagerdutyApi';

const log = { info() {}, warn() {}, error() {}, debug() {}, show() {} } as never;
const CHAT_OPEN = 'workbench.action.chat.open';

function commands() {
  return registerIncidentPageCommands({
    pages: {} as never,
    api: pagerDutyApi(async () => { throw new Error('an id and number need no lookup'); }),
    log,
    modelTools: () => ({ enabled: () => ALL_TOOLS.filter((t) => t.annotations.readOnlyHint) }),
  });
}

beforeEach(() => {
  vscodeRecord.executed.length = 0;
  vscodeRecord.clipboard.length = 0;
  vscodeRecord.messages.length = 0;
  vscodeRecord.builtinCommands = [CHAT_OPEN];
});

describe('Investigate with Copilot', () => {
  it('opens Chat in the Incident Expert agent, after agent mode so an unknown agent still leaves agent mode', async () => {
    const result = await commands().investigate({ id: 'Q1ABC23', number: 1056 });
    assert.equal(result?.opened, true);
    const opened = vscodeRecord.executed.filter((e) => e.command === CHAT_OPEN).map((e) => e.args[0]);
    assert.deepEqual(opened, [{ mode: 'agent' }, { query: result!.query, mode: EXPERT_AGENT, isPartialQuery: true }]);
    assert.match(result!.query, /^Investigate PagerDuty incident #1056 \(Q1ABC23\)/);
    assert.doesNotMatch(result!.query, /manage_incidents/, 'writes are off: the request offers no write step');
    assert.deepEqual(vscodeRecord.clipboard, []);
  });

  it('without Chat, copies the request and says so', async () => {
    vscodeRecord.builtinCommands = [];
    const result = await commands().investigate({ id: 'Q1ABC23', number: 1056 });
    assert.equal(result?.opened, false);
    assert.deepEqual(vscodeRecord.clipboard, [result!.query]);
    assert.match(vscodeRecord.messages.at(-1)!.text, /copied to the clipboard/);
    assert.equal(vscodeRecord.executed.filter((e) => e.command === CHAT_OPEN).length, 0);
  });
});
