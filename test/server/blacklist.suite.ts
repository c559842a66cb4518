import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { HistoryReply } from '../../src/protocol/frames.js';
import { BlacklistStatus, MessageBlockType, ModerationLimits } from '../../src/protocol/moderation.js';
import { startTestServer, textMessage, type TestServer } from './helpers.js';

const { PRIVATE } = ConversationType;

describe('blacklist', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0 });
  });
  after(() => t.close());

  it('refuses private sends to a user who blacklisted the sender (405), one way only, until removed', async () => {
    const alice = await t.connect('bl-alice');
    const bob = await t.connect('bl-bob');
    assert.equal((await alice.request('addToBlacklist', { userId: 'bl-bob' })).code, 0);
    assert.equal((await alice.request('addToBlacklist', { userId: 'bl-bob' })).code, 0, 'idempotent');
    const refused = await bob.request('sendMessage', textMessage(PRIVATE, 'bl-alice', 'hello?', 'b1'));
    assert.equal(refused.code, ErrorCode.REJECTED_BY_BLACKLIST);
    assert.deepEqual(refused.data, { blockType: MessageBlockType.BLACKLIST });
    // She can still write to him.
    assert.equal((await alice.request('sendMessage', textMessage(PRIVATE, 'bl-bob', 'still here', 'a1'))).code, 0);
    const history = await alice.request<HistoryReply>('getHistoryMessages', {
      conversationType: PRIVATE,
      targetId: 'bl-bob',
    });
    assert.deepEqual(
      history.data!.list.map((m) => m.content.content),
      ['still here'],
      'the refused message was never stored',
    );
    assert.equal((await alice.request('removeFromBlacklist', { userId: 'bl-bob' })).code, 0);
    assert.equal((await bob.request('sendMessage', textMessage(PRIVATE, 'bl-alice', 'hello again', 'b2'))).code, 0);
  });

  it('lists and answers status; refuses blacklisting oneself and bad ids', async () => {
    const u = await t.connect('bl-owner');
    for (const id of ['bl-x', 'bl-y']) assert.equal((await u.request('addToBlacklist', { userId: id })).code, 0);
    assert.deepEqual((await u.request<{ userIds: string[] }>('getBlacklist', {})).data, { userIds: ['bl-x', 'bl-y'] });
    assert.deepEqual((await u.request('getBlacklistStatus', { userId: 'bl-x' })).data, {
      status: BlacklistStatus.IN_BLACKLIST,
    });
    assert.deepEqual((await u.request('getBlacklistStatus', { userId: 'bl-z' })).data, {
      status: BlacklistStatus.NOT_IN_BLACKLIST,
    });
    assert.equal(
      (await u.request('addToBlacklist', { userId: 'bl-owner' })).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    assert.equal(
      (await u.request('addToBlacklist', { userId: 'bad id!' })).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    assert.equal((await u.request('removeFromBlacklist', { userId: 'bl-x' })).code, 0);
    assert.deepEqual((await u.request<{ userIds: string[] }>('getBlacklist', {})).data, { userIds: ['bl-y'] });
  });

  it('Server API: add, query, remove; a full blacklist refuses more (37001)', async () => {
    const add = (blackUserId: string[]) => t.api.call('/user/blacklist/add.json', { userId: 'bl-api', blackUserId });
    assert.equal((await add(['bl-1', 'bl-2'])).code, 200);
    assert.deepEqual((await t.api.call('/user/blacklist/query.json', { userId: 'bl-api' })).users, ['bl-1', 'bl-2']);
    assert.equal((await add(Array.from({ length: 21 }, (_, i) => `many-${i}`))).code, 1002, 'at most 20 per call');
    assert.equal(
      (await t.api.call('/user/blacklist/remove.json', { userId: 'bl-api', blackUserId: 'bl-1' })).code,
      200,
    );
    assert.deepEqual((await t.api.call('/user/blacklist/query.json', { userId: 'bl-api' })).users, ['bl-2']);
    // Fill it up to the limit, 20 at a time.
    for (let i = 1; i < ModerationLimits.BLACKLIST_MAX; i += 20) {
      const batch = Array.from({ length: Math.min(20, ModerationLimits.BLACKLIST_MAX - i) }, (_, k) => `f-${i + k}`);
      assert.equal((await add(batch)).code, 200);
    }
    assert.equal(
      ((await t.api.call('/user/blacklist/query.json', { userId: 'bl-api' })).users as string[]).length,
      ModerationLimits.BLACKLIST_MAX,
    );
    assert.equal((await add(['one-more'])).code, ErrorCode.BLACK_ADD_ERROR);
    const u = await t.connect('bl-api');
    assert.equal((await u.request('addToBlacklist', { userId: 'one-more' })).code, ErrorCode.BLACK_ADD_ERROR);
    assert.equal((await u.request('addToBlacklist', { userId: 'bl-2' })).code, 0, 'one already in it is no addition');
  });

  it('Server API sends ignore the blacklist unless verifyBlacklist=1, which refuses and sends to no one', async () => {
    await t.api.call('/user/blacklist/add.json', { userId: 'bl-r1', blackUserId: 'bl-sys' });
    const publish = (extra: Record<string, unknown>) =>
      t.api.call('/message/private/publish.json', {
        fromUserId: 'bl-sys',
        toUserId: ['bl-r2', 'bl-r1'],
        objectName: 'RC:TxtMsg',
        content: '{"content":"x"}',
        ...extra,
      });
    assert.equal((await publish({})).code, 200);
    assert.equal((await publish({ verifyBlacklist: 1 })).code, ErrorCode.REJECTED_BY_BLACKLIST);
    const r2 = await t.connect('bl-r2');
    const history = await r2.request<HistoryReply>('getHistoryMessages', {
      conversationType: PRIVATE,
      targetId: 'bl-sys',
    });
    assert.equal(history.data!.list.length, 1, 'the refused publish reached no recipient');
  });
});
