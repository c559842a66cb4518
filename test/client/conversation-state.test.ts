import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ConversationType,
  ErrorCode,
  MentionedType,
  NotificationLevel,
  ParleyClient,
  TextMessage,
} from '../../src/services/client/index.js';
import { connectedClient, startTestServer, waitFor, type TestServer } from './helpers.js';

const { PRIVATE, GROUP } = ConversationType;

describe('client: drafts, pin, do-not-disturb, unread and @', () => {
  let t: TestServer;
  const clients: ParleyClient[] = [];
  before(async () => {
    t = await startTestServer();
    await t.api.call('/group/create.json', { groupId: 'cg', groupName: 'C', userId: ['ca', 'cb'] });
  });
  after(async () => {
    for (const c of clients) await c.disconnect();
    await t.dispose();
  });
  const connect = async (userId: string) => {
    const r = await connectedClient(t, userId);
    clients.push(r.client);
    return r;
  };

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
    assert.equal((await a.client.setConversationNotificationLevel(conv, 7)).code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
  });

  it('total unread, per-conversation unread, @ count; reading clears hasMentioned everywhere', async () => {
    const a = await connect('ca');
    const b = await connect('cb');
    const b2 = await connect('cb');
    const group = { conversationType: GROUP, targetId: 'cg' };
    const msg = new TextMessage({ content: '@cb look', mentionedInfo: { type: MentionedType.SINGAL, userIdList: ['cb'] } });
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

  it('module-level functions drive the default client', async () => {
    const Parley = await import('../../src/services/client/index.js');
    Parley.init(t.options());
    assert.equal((await Parley.connect(await t.token('md'))).code, 0);
    assert.equal((await Parley.saveTextMessageDraft({ conversationType: PRIVATE, targetId: 'x' }, 'hi')).code, 0);
    assert.equal((await Parley.getTextMessageDraft({ conversationType: PRIVATE, targetId: 'x' })).data, 'hi');
    await Parley.disconnect();
  });
});
