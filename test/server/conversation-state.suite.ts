import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { ConversationListReply, SendMessageReply, WireConversation } from '../../src/protocol/frames.js';
import { NotificationLevel } from '../../src/protocol/messaging.js';
import { startTestServer, textMessage, type TestServer } from './helpers.js';

const { PRIVATE, GROUP } = ConversationType;

describe('drafts, pin, do-not-disturb, unread and @ mentions', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0 });
    await t.api.call('/group/create.json', { groupId: 'sg', groupName: 'S', userId: ['sa', 'sb', 'sc'] });
  });
  after(() => t.close());

  it('drafts, pin and DND are stored per user and pushed to the user’s other devices', async () => {
    const a1 = await t.connect('sa');
    const a2 = await t.connect('sa');
    const key = { conversationType: PRIVATE, targetId: 'sb' };
    assert.equal((await a1.request('saveTextMessageDraft', { ...key, draft: 'half a thought' })).code, 0);
    await a2.waitForItems(1);
    assert.equal(a2.pushes.at(-1)!.data.conversations[0]!.draft, 'half a thought');
    assert.equal((await a1.request('setConversationToTop', { ...key, isTop: true })).code, 0);
    assert.equal(
      (
        await a1.request('setConversationNotificationLevel', {
          ...key,
          notificationLevel: NotificationLevel.NOT_MESSAGE_NOTIFICATION,
        })
      ).code,
      0,
    );
    await a2.waitForItems(3);
    const conv = a2.pushes.at(-1)!.data.conversations[0]!;
    assert.equal(conv.isTop, true);
    assert.equal(conv.notificationLevel, 5);
    // Saving the same draft again changes nothing and sends nothing.
    assert.equal((await a1.request('saveTextMessageDraft', { ...key, draft: 'half a thought' })).code, 0);
    const got = await a2.request<{ conversation: WireConversation }>('getConversation', key);
    assert.equal(a2.pushes.length, 3, 'no push for an unchanged draft');
    assert.equal(got.data!.conversation.draft, 'half a thought');
    const bad = await a1.request('setConversationNotificationLevel', { ...key, notificationLevel: 3 });
    assert.equal(bad.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
    const long = await a1.request('saveTextMessageDraft', { ...key, draft: 'x'.repeat(5000) });
    assert.equal(long.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
  });

  it('lists pinned conversations first; total unread skips muted ones unless includeMuted', async () => {
    const u = await t.connect('lu');
    for (const peer of ['p1', 'p2', 'p3']) {
      await t.api.call('/message/private/publish.json', {
        fromUserId: peer,
        toUserId: 'lu',
        objectName: 'RC:TxtMsg',
        content: '{"content":"x"}',
      });
    }
    await u.request('setConversationToTop', { conversationType: PRIVATE, targetId: 'p1' });
    await u.request('setConversationNotificationLevel', {
      conversationType: PRIVATE,
      targetId: 'p2',
      notificationLevel: 5,
    });
    const list = await u.request<ConversationListReply>('getConversationList', {});
    assert.deepEqual(
      list.data!.list.map((c) => c.targetId),
      ['p1', 'p3', 'p2'],
    );
    // Pinned ones come on top of `count`; paging on from the last (unpinned) item skips nothing.
    const page1 = await u.request<ConversationListReply>('getConversationList', { count: 1 });
    assert.deepEqual(
      page1.data!.list.map((c) => c.targetId),
      ['p1', 'p3'],
    );
    const page2 = await u.request<ConversationListReply>('getConversationList', {
      count: 1,
      startTime: page1.data!.list.at(-1)!.updatedTime,
    });
    assert.deepEqual(
      page2.data!.list.map((c) => c.targetId),
      ['p2'],
    );
    assert.equal((await u.request<{ count: number }>('getTotalUnreadCount', {})).data!.count, 2);
    assert.equal((await u.request<{ count: number }>('getTotalUnreadCount', { includeMuted: true })).data!.count, 3);
    assert.equal(
      (await u.request<{ count: number }>('getTotalUnreadCount', { conversationTypes: [GROUP] })).data!.count,
      0,
    );
  });

  it('@ mentions set hasMentioned for the mentioned member until read; first unread is reported', async () => {
    const a = await t.connect('sa');
    const b = await t.connect('sb');
    const c = await t.connect('sc');
    const mention = {
      ...textMessage(GROUP, 'sg', '@sb hi', 'm-1'),
      content: { content: '@sb hi', mentionedInfo: { type: 2, userIdList: ['sb'] } },
    };
    const sent = await a.request<SendMessageReply>('sendMessage', mention);
    await a.request('sendMessage', textMessage(GROUP, 'sg', 'plain', 'm-2'));
    await b.waitForItems(2);
    await c.waitForItems(2);
    assert.equal(b.pushes.at(-1)!.data.conversations[0]!.hasMentioned, true);
    assert.equal(c.pushes.at(-1)!.data.conversations[0]!.hasMentioned, false);
    assert.equal((await b.request<{ count: number }>('getAllUnreadMentionedCount', {})).data!.count, 1);
    const first = await b.request<{ info: { messageUId: string } | null }>('getFirstUnreadMessageInfo', {
      conversationType: GROUP,
      targetId: 'sg',
    });
    assert.equal(first.data!.info!.messageUId, sent.data!.message.messageUId);
    const b2 = await t.connect('sb');
    await b.request('clearMessagesUnreadStatus', { conversationType: GROUP, targetId: 'sg' });
    await b2.waitForItems(1);
    const after = b2.pushes.at(-1)!.data.conversations[0]!;
    assert.equal(after.hasMentioned, false, 'reading clears @ on every device');
    assert.equal(after.unreadMessageCount, 0);
    const none = await b.request<{ info: unknown }>('getFirstUnreadMessageInfo', {
      conversationType: GROUP,
      targetId: 'sg',
    });
    assert.equal(none.data!.info, null);
    const outsider = await t.connect('zz');
    assert.equal(
      (await outsider.request('clearMessagesUnreadStatus', { conversationType: GROUP, targetId: 'sg' })).code,
      ErrorCode.NOT_IN_GROUP,
    );
    assert.equal(
      (await outsider.request('saveTextMessageDraft', { conversationType: GROUP, targetId: 'sg', draft: 'x' })).code,
      ErrorCode.NOT_IN_GROUP,
    );
  });
});
