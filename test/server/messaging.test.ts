import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type {
  InboxItem,
  SendMessageReply,
  SyncReply,
  ConversationListReply,
  HistoryReply,
} from '../../src/protocol/frames.js';
import { startTestServer, textMessage, type TestServer } from './helpers.js';

const { PRIVATE, GROUP } = ConversationType;

describe('private and group messaging', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0 });
  });
  after(() => t.close());

  it('connects with a token from getToken', async () => {
    const s = await t.connect('alice');
    const res = await s.request('ping');
    assert.equal(res.code, ErrorCode.SUCCESS);
    assert.equal(typeof (res.data as { serverTime: number }).serverTime, 'number');
  });

  it('delivers a private message to the recipient and to the sender’s other device', async () => {
    const a1 = await t.connect('pa');
    const a2 = await t.connect('pa');
    const b = await t.connect('pb');
    const res = await a1.request<SendMessageReply>('sendMessage', textMessage(PRIVATE, 'pb', 'hello', 'c-1'));
    assert.equal(res.code, 0);
    const sent = res.data!.message;
    assert.equal(sent.targetId, 'pb');
    assert.equal(sent.senderUserId, 'pa');
    assert.match(sent.messageUId, /^[0-9A-Z]{22}$/);

    const [bItem] = await b.waitForItems(1);
    assert.equal(bItem!.type, 'message');
    const bMsg = (bItem as Extract<InboxItem, { type: 'message' }>).message;
    assert.equal(bMsg.targetId, 'pa', 'targetId is from the receiver’s side');
    assert.equal(bMsg.messageUId, sent.messageUId);
    const bConv = b.pushes[0]!.data.conversations[0]!;
    assert.equal(bConv.unreadMessageCount, 1);
    assert.equal(bConv.latestMessage?.messageUId, sent.messageUId);

    const [a2Item] = await a2.waitForItems(1);
    assert.equal((a2Item as Extract<InboxItem, { type: 'message' }>).message.targetId, 'pb');
    assert.equal(a2.pushes[0]!.data.conversations[0]!.unreadMessageCount, 0, 'own messages are not unread');

    // The sending socket gets the reply before the push of the same message.
    await a1.waitForItems(1);
    const replyIndex = a1.frames.findIndex((f) => 'reply' in f && f.reply === 2);
    const pushIndex = a1.frames.findIndex((f) => 'push' in f);
    assert.ok(replyIndex >= 0 && replyIndex < pushIndex, 'reply precedes push');

    const list = await b.request<ConversationListReply>('getConversationList', {});
    assert.equal(list.code, 0);
    assert.equal(list.data!.list.length, 1);
    assert.equal(list.data!.list[0]!.targetId, 'pa');
    assert.equal(list.data!.list[0]!.unreadMessageCount, 1);
    assert.equal(list.data!.list[0]!.latestMessage?.content.content, 'hello');
  });

  it('syncs the inbox from a seq with conversation snapshots', async () => {
    const b = await t.connect('pb');
    const res = await b.request<SyncReply>('sync', { since: 0 });
    assert.equal(res.code, 0);
    assert.equal(res.data!.items.length, 1);
    assert.equal(res.data!.items[0]!.seq, 1);
    assert.equal(res.data!.lastSeq, 1);
    assert.equal(res.data!.hasMore, false);
    assert.equal(res.data!.conversations[0]!.targetId, 'pa');
  });

  it('stores a resend with the same clientMessageId once', async () => {
    const a = await t.connect('da');
    const b = await t.connect('db');
    const first = await a.request<SendMessageReply>('sendMessage', textMessage(PRIVATE, 'db', 'once', 'same-id'));
    const second = await a.request<SendMessageReply>('sendMessage', textMessage(PRIVATE, 'db', 'once', 'same-id'));
    assert.equal(first.code, 0);
    assert.equal(second.code, 0);
    assert.equal(second.data!.message.messageUId, first.data!.message.messageUId);
    const history = await b.request<HistoryReply>('getHistoryMessages', { conversationType: PRIVATE, targetId: 'da' });
    assert.equal(history.data!.list.length, 1);
    const sync = await b.request<SyncReply>('sync', { since: 0 });
    assert.equal(sync.data!.items.length, 1);
    assert.equal(sync.data!.conversations[0]!.unreadMessageCount, 1);
  });

  it('delivers group messages to every member and refuses non-members with 22406', async () => {
    const created = await t.api.call('/group/create.json', {
      userId: ['ga', 'gb', 'gc'],
      groupId: 'g1',
      groupName: 'Group 1',
    });
    assert.equal(created.code, 200);
    const a = await t.connect('ga');
    const b = await t.connect('gb');
    const c = await t.connect('gc');
    const out = await t.connect('gx');
    const res = await a.request<SendMessageReply>('sendMessage', textMessage(GROUP, 'g1', 'hi all', 'g-1'));
    assert.equal(res.code, 0);
    for (const s of [a, b, c]) {
      const [item] = await s.waitForItems(1);
      assert.equal((item as Extract<InboxItem, { type: 'message' }>).message.targetId, 'g1');
    }
    assert.equal(b.pushes[0]!.data.conversations[0]!.unreadMessageCount, 1);
    assert.equal(a.pushes[0]!.data.conversations[0]!.unreadMessageCount, 0);

    const refused = await out.request('sendMessage', textMessage(GROUP, 'g1', 'let me in', 'x-1'));
    assert.equal(refused.code, ErrorCode.NOT_IN_GROUP);
    const history = await a.request<HistoryReply>('getHistoryMessages', { conversationType: GROUP, targetId: 'g1' });
    assert.deepEqual(
      history.data!.list.map((m) => m.content.content),
      ['hi all'],
    );
    const outHistory = await out.request('getHistoryMessages', { conversationType: GROUP, targetId: 'g1' });
    assert.equal(outHistory.code, ErrorCode.NOT_IN_GROUP);
    const outSync = await out.request<SyncReply>('sync', { since: 0 });
    assert.equal(outSync.data!.items.length, 0);
  });

  it('clears unread and tells the user’s other devices with a read item', async () => {
    const a = await t.connect('ra');
    const b1 = await t.connect('rb');
    const b2 = await t.connect('rb');
    await a.request('sendMessage', textMessage(PRIVATE, 'rb', 'one', 'r-1'));
    await a.request('sendMessage', textMessage(PRIVATE, 'rb', 'two', 'r-2'));
    await b2.waitForItems(2);
    const res = await b1.request<{ conversation: { unreadMessageCount: number; lastReadTime: number } }>(
      'clearMessagesUnreadStatus',
      {
        conversationType: PRIVATE,
        targetId: 'ra',
      },
    );
    assert.equal(res.code, 0);
    assert.equal(res.data!.conversation.unreadMessageCount, 0);
    assert.ok(res.data!.conversation.lastReadTime > 0);
    const items = await b2.waitForItems(3);
    const read = items[2]!;
    assert.equal(read.type, 'read');
    assert.equal(read.seq, 3);
    assert.equal(b2.pushes[2]!.data.conversations[0]!.unreadMessageCount, 0);
    const list = await b2.request<ConversationListReply>('getConversationList', {});
    assert.equal(list.data!.list.find((c) => c.targetId === 'ra')!.unreadMessageCount, 0);
  });

  it('delivers status messages live only, without storing them', async () => {
    const a = await t.connect('sa');
    const b = await t.connect('sb');
    const res = await a.request('sendMessage', {
      ...textMessage(PRIVATE, 'sb', '', 'typing-1'),
      messageType: 'RC:TypSts',
      content: { typingContentType: 'RC:TxtMsg' },
      isStatusMessage: true,
    });
    assert.equal(res.code, 0);
    const [item] = await b.waitForItems(1);
    assert.equal(item!.seq, 0, 'live-only items have seq 0');
    const sync = await b.request<SyncReply>('sync', { since: 0 });
    assert.equal(sync.data!.items.length, 0);
    const list = await b.request<ConversationListReply>('getConversationList', {});
    assert.equal(list.data!.list.length, 0);
  });
});
