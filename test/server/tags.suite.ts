import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { TagInfo } from '../../src/protocol/messaging.js';
import { startTestServer, type TestServer } from './helpers.js';

const { PRIVATE } = ConversationType;

describe('conversation tags', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0 });
  });
  after(() => t.close());

  it('creates, renames, links, counts unread, pins in tag and removes; other devices get tag items', async () => {
    const u = await t.connect('tu');
    const u2 = await t.connect('tu');
    for (const peer of ['t1', 't2']) {
      await t.api.call('/message/private/publish.json', {
        fromUserId: peer,
        toUserId: 'tu',
        objectName: 'RC:TxtMsg',
        content: '{"content":"x"}',
      });
    }
    assert.equal((await u.request('addTag', { tagId: 'work', tagName: 'Work' })).code, 0);
    assert.equal((await u.request('addTag', { tagId: 'work', tagName: 'Again' })).code, ErrorCode.TAG_EXISTS);
    assert.equal(
      (await u.request('addTag', { tagId: 'long', tagName: 'x'.repeat(16) })).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    assert.equal((await u.request('updateTag', { tagId: 'work', tagName: 'Job' })).code, 0);
    assert.equal((await u.request('updateTag', { tagId: 'none', tagName: 'x' })).code, ErrorCode.TAG_NOT_EXIST);
    assert.equal(
      (await u.request('updateTag', { tagId: 'work', tagName: 'x'.repeat(16) })).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    assert.equal(
      (await u.request('updateTag', { tagId: 'work', tagName: '' })).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    const convs = [
      { conversationType: PRIVATE, targetId: 't1' },
      { conversationType: PRIVATE, targetId: 't2' },
    ];
    assert.equal((await u.request('addConversationsToTag', { tagId: 'work', conversations: convs })).code, 0);
    const tags = await u2.request<{ list: TagInfo[] }>('getTags', {});
    assert.deepEqual(
      tags.data!.list.map((x) => [x.tagId, x.tagName, x.conversationCount]),
      [['work', 'Job', 2]],
    );
    assert.equal((await u.request<{ count: number }>('getUnreadCountByTag', { tagId: 'work' })).data!.count, 2);
    const inTag = await u.request<{ list: Array<{ targetId: string }> }>('getConversationsFromTagByPage', {
      tagId: 'work',
      count: 10,
    });
    assert.deepEqual(
      inTag.data!.list.map((c) => c.targetId),
      ['t2', 't1'],
    );
    assert.equal((await u.request('setConversationToTopInTag', { tagId: 'work', ...convs[0], isTop: true })).code, 0);
    assert.equal(
      (
        await u.request('setConversationToTopInTag', {
          tagId: 'work',
          conversationType: PRIVATE,
          targetId: 'zz',
          isTop: true,
        })
      ).code,
      ErrorCode.NO_TAG_IN_CONVER,
    );
    const ofConv = await u.request<{ list: Array<{ tagId: string; isTop: boolean }> }>(
      'getTagsFromConversation',
      convs[0]!,
    );
    assert.deepEqual(
      ofConv.data!.list.map((x) => [x.tagId, x.isTop]),
      [['work', true]],
    );
    assert.equal((await u.request('removeTagsFromConversation', { ...convs[0], tagIds: ['work'] })).code, 0);
    assert.equal((await u.request('removeTagFromConversations', { tagId: 'work', conversations: [convs[1]] })).code, 0);
    assert.equal((await u.request<{ count: number }>('getUnreadCountByTag', { tagId: 'work' })).data!.count, 0);
    assert.equal((await u.request('removeTag', { tagId: 'work' })).code, 0);
    const items = await u2.waitForItems(7);
    assert.ok(items.some((i) => i.type === 'tag') && items.some((i) => i.type === 'conversationTag'));
    assert.equal(u2.pushes.find((p) => p.data.items[0]!.type === 'tag')!.data.conversations.length, 0);
  });

  it('enforces 20 tags (26004) and 1000 conversations per call (34013)', async () => {
    const u = await t.connect('tl');
    for (let i = 0; i < 20; i++)
      assert.equal((await u.request('addTag', { tagId: `t${i}`, tagName: `T${i}` })).code, 0);
    assert.equal(
      (await u.request('addTag', { tagId: 't20', tagName: 'T20' })).code,
      ErrorCode.CONVERSATION_TAG_OVERSIZE,
    );
    const many = Array.from({ length: 1001 }, (_, i) => ({ conversationType: PRIVATE, targetId: `u${i}` }));
    assert.equal(
      (await u.request('addConversationsToTag', { tagId: 't0', conversations: many })).code,
      ErrorCode.CONVER_OUT_LIMIT_ERROR,
    );
    const tags = await u.request<{ list: TagInfo[] }>('getTags', {});
    assert.equal(tags.data!.list.find((x) => x.tagId === 't0')!.conversationCount, 0, 'nothing stored');
  });
});
