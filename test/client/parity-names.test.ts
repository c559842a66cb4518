/**
 * The seeds' names a migrated app calls that Parley lacked: remote history, the @ count of one
 * conversation, the batch `getConversations`, the muted list and the older do-not-disturb switch.
 * Against a real server, as the app would call them (module-level functions on the default client).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as RongIMLib from '../../src/services/client/index.js';
import {
  ConversationType,
  ErrorCode,
  MentionedType,
  NotificationLevel,
  NotificationStatus,
  TextMessage,
} from '../../src/services/client/index.js';
import { useTestServer } from './helpers.js';

const { PRIVATE, GROUP } = ConversationType;

describe("client: remote history, one conversation's @ count, batch conversations, the muted list, notification status", () => {
  const { t, connect } = useTestServer({}, async (t) => {
    await t.api.call('/group/create.json', { groupId: 'pg', groupName: 'P', userId: ['pa', 'pb'] });
    await t.api.call('/group/create.json', { groupId: 'other', groupName: 'O', userId: ['px'] });
  });

  before(async () => {
    RongIMLib.init(t.options());
    const res = await RongIMLib.connect(await t.token('pb'));
    assert.equal(res.code, ErrorCode.SUCCESS);
  });
  after(async () => {
    await RongIMLib.disconnect();
  });

  it('getRemoteHistoryMessages pages the server history like getHistoryMessages', async () => {
    const a = await connect('pa');
    const conv = { conversationType: PRIVATE, targetId: 'pb' };
    for (const n of [1, 2, 3])
      assert.equal((await a.client.sendMessage(conv, new TextMessage({ content: `h${n}` }))).code, 0);
    const page = await RongIMLib.getRemoteHistoryMessages(
      { conversationType: PRIVATE, targetId: 'pa' },
      { timestamp: 0, count: 2, order: 0 },
    );
    assert.equal(page.code, ErrorCode.SUCCESS);
    assert.deepEqual(
      page.data!.list.map((m) => (m.content as { content: string }).content),
      ['h2', 'h3'],
    );
    assert.equal(page.data!.hasMore, true);
    const bad = await RongIMLib.getRemoteHistoryMessages({ conversationType: PRIVATE, targetId: 'pa' }, { count: 101 });
    assert.equal(bad.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
  });

  it('getUnreadMentionedCount counts the unread @ messages of one group', async () => {
    const a = await connect('pa');
    const group = { conversationType: GROUP, targetId: 'pg' };
    const at = new TextMessage({ content: '@pb', mentionedInfo: { type: MentionedType.SINGAL, userIdList: ['pb'] } });
    await a.client.sendMessage(group, at, { isMentioned: true });
    await a.client.sendMessage(group, at, { isMentioned: true });
    await a.client.sendMessage(group, new TextMessage({ content: 'plain' }));
    let count = 0;
    const deadline = Date.now() + 3000;
    while (count !== 2 && Date.now() < deadline) count = (await RongIMLib.getUnreadMentionedCount(group)).data ?? -1;
    assert.equal(count, 2);
    await RongIMLib.clearMessagesUnreadStatus(group);
    assert.equal((await RongIMLib.getUnreadMentionedCount(group)).data, 0);
    assert.equal(
      (await RongIMLib.getUnreadMentionedCount({ conversationType: GROUP, targetId: 'other' })).code,
      ErrorCode.NOT_IN_GROUP,
    );
  });

  it('getConversations returns up to 100 conversations in the order asked, leaving out groups the user is not in', async () => {
    const a = await connect('pa');
    await a.client.sendMessage({ conversationType: PRIVATE, targetId: 'pb' }, new TextMessage({ content: 'batch' }));
    const res = await RongIMLib.getConversations([
      { conversationType: GROUP, targetId: 'pg' },
      { conversationType: GROUP, targetId: 'other' },
      { conversationType: PRIVATE, targetId: 'pa' },
    ]);
    assert.equal(res.code, ErrorCode.SUCCESS);
    assert.deepEqual(
      res.data!.map((c) => `${c.conversationType}:${c.targetId}`),
      ['3:pg', '1:pa'],
    );
    assert.equal((res.data![1]!.latestMessage!.content as { content: string }).content, 'batch');
    const many = Array.from({ length: 101 }, (_, i) => ({ conversationType: PRIVATE, targetId: `u${i}` }));
    assert.equal((await RongIMLib.getConversations(many)).code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
    assert.equal((await RongIMLib.getConversations([])).code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
  });

  it('setConversationNotificationStatus mutes and unmutes; getBlockedConversationList lists every muted conversation', async () => {
    const conv = { conversationType: PRIVATE, targetId: 'pa' };
    const group = { conversationType: GROUP, targetId: 'pg' };
    assert.equal((await RongIMLib.getConversationNotificationStatus(conv)).data, NotificationStatus.CLOSE);
    assert.equal(
      (await RongIMLib.setConversationNotificationStatus(conv, NotificationStatus.OPEN)).code,
      ErrorCode.SUCCESS,
    );
    assert.equal((await RongIMLib.getConversationNotificationStatus(conv)).data, NotificationStatus.OPEN);
    assert.equal(
      (await RongIMLib.getConversationNotificationLevel(conv)).data,
      NotificationLevel.NOT_MESSAGE_NOTIFICATION,
    );
    // Any level above 0 counts as muted, as the seeds' fix for getBlockedConversationList says.
    await RongIMLib.setConversationNotificationLevel(group, NotificationLevel.AT_MESSAGE_NOTIFICATION);
    const blocked = await RongIMLib.getBlockedConversationList();
    assert.equal(blocked.code, ErrorCode.SUCCESS);
    assert.deepEqual(blocked.data!.map((c) => `${c.conversationType}:${c.targetId}`).sort(), ['1:pa', '3:pg']);
    assert.equal((await RongIMLib.getConversationNotificationStatus(group)).data, NotificationStatus.OPEN);
    assert.equal(
      (await RongIMLib.setConversationNotificationStatus(conv, NotificationStatus.CLOSE)).code,
      ErrorCode.SUCCESS,
    );
    assert.equal((await RongIMLib.getConversationNotificationLevel(conv)).data, NotificationLevel.ALL_MESSAGE);
    assert.deepEqual(
      (await RongIMLib.getBlockedConversationList()).data!.map((c) => c.targetId),
      ['pg'],
    );
    assert.equal(
      (await RongIMLib.setConversationNotificationStatus(conv, 3 as NotificationStatus)).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
  });
});
