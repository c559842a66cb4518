import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { fuzz } from './fuzz-runner.js';
import { startTestServer, textMessage, type TestServer } from './helpers.js';
import { stateDigest } from './state.js';

/** Quick variant; `npm run soak` runs the long one. FUZZ_SEED replays another run. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);

describe('bad input (seeded fuzz)', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0 });
    // Victims with some state: a private conversation and a group the fuzzing user is not in.
    await t.api.call('/group/create.json', { groupId: 'gv', groupName: 'victims', userId: ['va', 'vb'] });
    const va = await t.connect('va');
    for (let i = 0; i < 3; i++) {
      assert.equal(
        (await va.request('sendMessage', textMessage(ConversationType.PRIVATE, 'vb', `p${i}`, `p${i}`))).code,
        0,
      );
      assert.equal(
        (await va.request('sendMessage', textMessage(ConversationType.GROUP, 'gv', `g${i}`, `g${i}`))).code,
        0,
      );
    }
  });
  after(() => t.close());

  it('answers ~5,000 random and mutated frames and Server API requests with error codes; stored state is unchanged', async () => {
    const token = await t.token('fz');
    const before = await stateDigest(t);
    const report = await fuzz(
      { url: t.server.url, appKey: t.server.appKey, appSecret: t.server.appSecret, token },
      SEED,
      4000,
      1000,
    );
    console.log(`fuzz: ${JSON.stringify({ ...report, failures: report.failures.length })}`);
    assert.deepEqual(report.failures.slice(0, 20), [], `seed ${SEED}`);
    assert.ok(report.frames > 3500 && report.api === 1000, JSON.stringify(report));
    assert.ok(report.closes > 0, 'bad UTF-8 / over-cap frames closed some sockets');
    assert.deepEqual(await stateDigest(t), before, 'nothing stored changed');

    // Still serving.
    const vb = await t.connect('vb');
    assert.equal(
      (await vb.request('sendMessage', textMessage(ConversationType.GROUP, 'gv', 'after', 'after-fuzz'))).code,
      0,
    );
  });
});
