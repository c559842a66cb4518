import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ConversationType,
  ErrorCode,
  MentionedType,
  NotificationLevel,
  TextMessage,
} from '../../src/services/client/index.js';
import { waitFor, useTestServer } from './helpers.js';

const { PRIVATE, GROUP } = ConversationType;

describe('client: drafts, pin, do-not-disturb, unread and @', () => {
  const { t, connect } = useTestServer({}, async (t) => {
    await t.api.call('/group/create.json', { groupId: 'cg', groupName: 'C', userId: ['ca', 'cb'] });
  });

  it('a draft, pin and DND set on one device show up on the other', async () => {
    const a = await connect('ca');
    const a2 = await connect('ca');
    const conv = { conversationType: PRIVATE, targetId: 'cb' };
    assert.equal((await a.client.saveTextMessageDraft(conv, 'draft!')).code, ErrorCode.SUCCESS);
    await waitFor(() => a2.recorder.conversation(PRIVATE, 'cb')?.draft === 'draft!', 'draft synced');
    assert.equal((await a2.client.getTextMessageDraft(conv)).data, 'draft!');
    await a.client.setConversationToTop(conv, true);
    await a.client.setConversationNotificationLevel(conv, NotificationLevel.AT_MESSAGE_NOTIFICATION);
    await waitFor(() => a2.recorder.conversation(PRIVATE, 'cb')?.notificationLevel === 1, 'DND synced');
    assert.equal(a2.recorder.conversation(PRIVATE, 'cb')!.isTop, true);
    assert.equal((await a2.client.getConversationNotificationLevel(conv)).data, 1);
    assert.equal((await a.client.clearTextMessageDraft(conv)).code, 0);
    await waitFor(() => a2.recorder.conversation(PRIVATE, 'cb')?.draft === '', 'draft cleared');
    assert.equal(
      (await a.client.setConversationNotificationLevel(conv, 7)).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
  });

  it('total unread, per-conversation unread, @ count; reading clears hasMentioned everywhere', async () => {
    const a = await connect('ca');
    const b = await connect('cb');
    const b2 = await connect('cb');
    const group = { conversationType: GROUP, targetId: 'cg' };
    const msg = new TextMessage({
      content: '@cb look',
      mentionedInfo: { type: MentionedType.SINGAL, userIdList: ['cb'] },
    });
    assert.equal((await a.client.sendMessage(group, msg, { isMentioned: true })).code, 0);
    await a.client.sendMessage({ conversationType: PRIVATE, targetId: 'cb' }, new TextMessage({ content: 'dm' }));
    await waitFor(() => b.recorder.messages().length === 2, 'B receives');
    assert.equal(b.recorder.messages()[0]!.isMentioned, true);
    assert.equal(b.recorder.conversation(GROUP, 'cg')!.hasMentioned, true);
    assert.equal((await b.client.getTotalUnreadCount()).data, 2);
    assert.equal((await b.client.getTotalUnreadCount(false, [GROUP])).data, 1);
    assert.equal((await b.client.getUnreadCount(group)).data, 1);
    assert.equal((await b.client.getAllUnreadMentionedCount()).data, 1);
    const first = await b.client.getFirstUnreadMessageInfo(group);
    assert.equal(first.data!.messageUId, b.recorder.messages()[0]!.messageUId);
    await b.client.clearMessagesUnreadStatus(group);
    await waitFor(() => b2.recorder.conversation(GROUP, 'cg')?.hasMentioned === false, 'read synced');
    assert.equal((await b2.client.getTotalUnreadCount()).data, 1);
    assert.equal((await b.client.getFirstUnreadMessageInfo(group)).data, null);
  });

  it('top / unread lists, by-level counts, clear all, sync read status', async () => {
    const u = await connect('qu');
    const u2 = await connect('qu');
    for (const peer of ['q1', 'q2', 'q3']) {
      await t.api.call('/message/private/publish.json', {
        fromUserId: peer,
        toUserId: 'qu',
        objectName: 'RC:TxtMsg',
        content: '{"content":"x"}',
      });
    }
    await t.api.call('/group/join.json', { groupId: 'cg', userId: 'qu' });
    await t.api.call('/message/group/publish.json', {
      fromUserId: 'ca',
      toGroupId: 'cg',
      objectName: 'RC:TxtMsg',
      content: JSON.stringify({ content: '@all', mentionedInfo: { type: 1 } }),
    });
    await u.client.setConversationToTop({ conversationType: PRIVATE, targetId: 'q1' });
    await u.client.setConversationNotificationLevel(
      { conversationType: PRIVATE, targetId: 'q2' },
      NotificationLevel.AT_MESSAGE_NOTIFICATION,
    );
    await u.client.setConversationNotificationLevel(
      { conversationType: GROUP, targetId: 'cg' },
      NotificationLevel.AT_MESSAGE_NOTIFICATION,
    );
    assert.deepEqual(
      (await u.client.getTopConversationList()).data!.map((c) => c.targetId),
      ['q1'],
    );
    assert.equal((await u.client.getUnreadConversationList([PRIVATE])).data!.length, 3);
    const levels = [NotificationLevel.AT_MESSAGE_NOTIFICATION];
    assert.equal((await u.client.getTotalUnreadCountByLevels([PRIVATE, GROUP], levels)).data, 2);
    assert.equal((await u.client.getTotalUnreadMentionedCountByLevels([PRIVATE, GROUP], levels)).data, 1);
    assert.equal(
      (await u.client.sendSyncReadStatusMessage({ conversationType: PRIVATE, targetId: 'q3' }, Date.now() + 1000)).code,
      0,
    );
    await waitFor(() => u2.recorder.conversation(PRIVATE, 'q3')?.unreadMessageCount === 0, 'read synced');
    assert.equal((await u.client.clearAllMessagesUnreadStatus()).code, 0);
    assert.equal((await u2.client.getTotalUnreadCount(true)).data, 0);
  });

  it('module-level functions drive the default client', async () => {
    const Parley = await import('../../src/services/client/index.js');
    Parley.init(t.options());
    assert.equal((await Parley.connect(await t.token('md'))).code, 0);
    await t.token('x'); // drafts are stored for users the server knows (abuse rules)
    assert.equal((await Parley.saveTextMessageDraft({ conversationType: PRIVATE, targetId: 'x' }, 'hi')).code, 0);
    assert.equal((await Parley.getTextMessageDraft({ conversationType: PRIVATE, targetId: 'x' })).data, 'hi');
    await Parley.disconnect();
  });
});
