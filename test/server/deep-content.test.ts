import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode, ServerApiCode } from '../../src/protocol/error-codes.js';
import { Limits } from '../../src/protocol/limits.js';
import { startTestServer, type TestServer } from './helpers.js';
import { stateDigest } from './state.js';

/** JSON text of content nested `depth` levels deep, {"a":{"a":...}} (built as text: the test must not stringify it). */
const nested = (depth: number) => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);

// Found by the fuzzer: content nested ~5,000 deep made JSON.stringify overflow the stack, so a send
// got 33002 "internal error" (Server API: 500) instead of a clear refusal.
describe('deeply nested content', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0 });
  });
  after(() => t.close());

  it(`is refused with 33003 past ${Limits.MAX_CONTENT_DEPTH} levels on the gateway, accepted up to it; nothing stored`, async () => {
    const s = await t.connect('dc1');
    let n = 0;
    const send = (content: string, id: string) =>
      s.sendRaw(
        `{"id":${++n},"op":"sendMessage","data":{"conversationType":${ConversationType.PRIVATE},"targetId":"dc2",` +
          `"messageType":"App:Deep","clientMessageId":"${id}","content":${content}}}`,
      );
    assert.equal((await send(nested(Limits.MAX_CONTENT_DEPTH), 'ok')).code, ErrorCode.SUCCESS);
    const before = await stateDigest(t);
    for (const depth of [Limits.MAX_CONTENT_DEPTH + 1, 5_000, 30_000]) {
      const res = await send(nested(depth), `deep-${depth}`);
      assert.equal(res.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER, `depth ${depth}`);
    }
    assert.deepEqual(await stateDigest(t), before);
  });

  it('is refused with 400/1002 by the Server API', async () => {
    const before = await stateDigest(t);
    const res = await t.api.call('/message/private/publish.json', {
      fromUserId: 'dc1',
      toUserId: 'dc2',
      objectName: 'App:Deep',
      content: nested(10_000),
    });
    assert.equal(res.code, ServerApiCode.PARAM_ERROR);
    assert.deepEqual(await stateDigest(t), before);
  });
});
