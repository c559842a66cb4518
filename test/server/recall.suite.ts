import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type {
  ConversationListReply,
  HistoryReply,
  InboxItem,
  SendMessageReply,
  SyncReply,
  WireMessage,
} from '../../src/protocol/frames.js';
import { TestClock, startTestServer, textMessage, type TestServer, type TestSocket } from './helpers.js';

const { PRIVATE, GROUP } = ConversationType;

async function send(s: TestSocket, frame: Record<string, unknown>): Promise<WireMessage> {
  const res = await s.request<SendMessageReply>('sendMessage', frame);
  assert.equal(res.code, 0, JSON.stringify(res));
  return res.data!.message;
}

async function items(s: TestSocket): Promise<InboxItem[]> {
  return (await s.request<SyncReply>('sync', { since: 0 })).data!.items;
}

describe('message types, recall and deletes', () => {
  let t: TestServer;
  const clock = new TestClock();
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0, clock, recallWindowMs: 120_000 });
    await t.api.call('/group/create.json', { groupId: 'rg', groupName: 'R', userId: ['ra', 'rb'] });
  });
  after(() => t.close());

  it('accepts valid built-in content and refuses malformed content or unsafe URLs, storing nothing', async () => {
    const a = await t.connect('va');
    const ok = [
      { messageType: 'RC:ImgMsg', content: { content: 'AAAA', imageUri: 'https://cdn.example/x.png' } },
      { messageType: 'RC:FileMsg', content: { name: 'a.pdf', size: 10, type: 'pdf', fileUrl: '/media/ABC' } },
      { messageType: 'RC:LBSMsg', content: { latitude: 1, longitude: 2, poi: 'here', content: '' } },
      {
        messageType: 'RC:ReferenceMsg',
        content: { referMsgUserId: 'vb', referMsg: { content: 'q' }, content: 'a', objName: 'RC:TxtMsg' },
      },
      { messageType: 'RC:InfoNtf', content: { message: 'hi' } },
    ];
    for (const [i, m] of ok.entries()) await send(a, { ...textMessage(PRIVATE, 'vb', '', `ok-${i}`), ...m });
    const bad = [
      { messageType: 'RC:TxtMsg', content: { content: 5 } },
      { messageType: 'RC:ImgMsg', content: { content: 'AAAA', imageUri: 'javascript:alert(1)' } },
      { messageType: 'RC:RichContentMsg', content: {} },
      {
        messageType: 'RC:ImgTextMsg',
        content: { title: 't', content: 'c', imageUri: 'https://x/y.png', url: 'data:text/html,x' },
      },
      { messageType: 'RC:FileMsg', content: { name: 'a', size: 1, type: 'x' } },
      { messageType: 'RC:RcNtf', content: { messageUId: 'x' } },
      { messageType: 'RC:HQVCMsg', content: { remoteUrl: 'https://x/a.aac', duration: 61 } },
      {
        messageType: 'RC:ReferenceMsg',
        content: {
          referMsgUserId: 'vb',
          referMsg: { content: '', imageUri: 'javascript:x' },
          content: 'a',
          objName: 'RC:ImgMsg',
        },
      },
      { messageType: 'RC:TxtMsg', content: { content: 'x', user: { portraitUri: 'javascript:x' } } },
    ];
    for (const [i, m] of bad.entries()) {
      const res = await a.request('sendMessage', { ...textMessage(PRIVATE, 'vb', '', `bad-${i}`), ...m });
      assert.equal(res.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER, `${m.messageType}: ${res.msg}`);
    }
    const history = await a.request<HistoryReply>('getHistoryMessages', {
      conversationType: PRIVATE,
      targetId: 'vb',
      count: 100,
    });
    assert.equal(history.data!.list.length, ok.length, 'refused sends stored nothing');
  });

  it('RC:CmdMsg is delivered but neither stored in history nor counted', async () => {
    const a = await t.connect('ca');
    const b = await t.connect('cb');
    await send(a, {
      ...textMessage(PRIVATE, 'cb', '', 'cmd-1'),
      messageType: 'RC:CmdMsg',
      content: { name: 'sync', data: '{}' },
    });
    const [item] = await b.waitForItems(1);
    assert.equal(item!.type, 'message');
    const history = await b.request<HistoryReply>('getHistoryMessages', { conversationType: PRIVATE, targetId: 'ca' });
    assert.equal(history.data!.list.length, 0);
  });

  it('recalls own message: every device of both users gets a recall item, history and latest show RC:RcNtf', async () => {
    const a1 = await t.connect('ra');
    const a2 = await t.connect('ra');
    const b = await t.connect('rb');
    const m = await send(a1, textMessage(GROUP, 'rg', 'oops', 'rc-1'));
    await b.waitForItems(1);
    const res = await a1.request('recallMessage', {
      conversationType: GROUP,
      targetId: 'rg',
      messageUId: m.messageUId,
      sentTime: m.sentTime,
    });
    assert.equal(res.code, 0, JSON.stringify(res));
    for (const s of [a2, b]) {
      const all = await s.waitForItems(2);
      const recall = all.find((i) => i.type === 'recall');
      assert.ok(recall && recall.type === 'recall', 'recall item');
      assert.equal(recall.message.messageType, 'RC:RcNtf');
      assert.equal(recall.messageUId, m.messageUId);
    }
    const bConv = b.pushes.at(-1)!.data.conversations[0]!;
    assert.equal(bConv.latestMessage!.messageType, 'RC:RcNtf');
    assert.equal(bConv.unreadMessageCount, 0, 'the recalled message no longer counts');
    const history = await b.request<HistoryReply>('getHistoryMessages', { conversationType: GROUP, targetId: 'rg' });
    assert.deepEqual(
      history.data!.list.map((x) => x.messageType),
      ['RC:RcNtf'],
    );
    // A device that connects later gets the item through sync.
    const late = await t.connect('rb');
    assert.ok((await items(late)).some((i) => i.type === 'recall'));
  });

  it('refuses recalling others’ messages (25107), after the window (25101), and unknown ones', async () => {
    const a = await t.connect('ra');
    const b = await t.connect('rb');
    const m = await send(a, textMessage(GROUP, 'rg', 'keep', 'rc-2'));
    const key = { conversationType: GROUP, targetId: 'rg', messageUId: m.messageUId, sentTime: m.sentTime };
    assert.equal((await b.request('recallMessage', key)).code, ErrorCode.RECALL_MESSAGE_USER_INVALID);
    assert.equal((await a.request('recallMessage', { ...key, messageUId: 'nope' })).code, ErrorCode.RECALL_MESSAGE);
    clock.advance(121_000);
    assert.equal((await a.request('recallMessage', key)).code, ErrorCode.RECALL_MESSAGE);
    const history = await b.request<HistoryReply>('getHistoryMessages', { conversationType: GROUP, targetId: 'rg' });
    assert.equal(history.data!.list.at(-1)!.messageType, 'RC:TxtMsg', 'nothing changed');
    const outsider = await t.connect('rz');
    assert.equal(
      (await outsider.request('sendMessage', textMessage(GROUP, 'rg', 'x', 'z-1'))).code,
      ErrorCode.NOT_IN_GROUP,
    );
  });

  it('deletes messages, clears history and removes the conversation for the user only, on all their devices', async () => {
    const a1 = await t.connect('da');
    const a2 = await t.connect('da');
    const b = await t.connect('db');
    const m1 = await send(a1, textMessage(PRIVATE, 'db', 'one', 'd-1'));
    const m2 = await send(a1, textMessage(PRIVATE, 'db', 'two', 'd-2'));
    const del = await a1.request('deleteMessages', {
      conversationType: PRIVATE,
      targetId: 'db',
      messages: [{ messageUId: m2.messageUId }],
    });
    assert.equal(del.code, 0, JSON.stringify(del));
    const a2Items = await a2.waitForItems(3);
    assert.ok(a2Items.some((i) => i.type === 'delete' && i.messageUIds[0] === m2.messageUId));
    assert.equal(
      a2.pushes.at(-1)!.data.conversations[0]!.latestMessage!.messageUId,
      m1.messageUId,
      'latest falls back',
    );
    const mine = await a1.request<HistoryReply>('getHistoryMessages', { conversationType: PRIVATE, targetId: 'db' });
    assert.deepEqual(
      mine.data!.list.map((x) => x.messageUId),
      [m1.messageUId],
    );
    const theirs = await b.request<HistoryReply>('getHistoryMessages', { conversationType: PRIVATE, targetId: 'da' });
    assert.equal(theirs.data!.list.length, 2, 'the peer keeps both');
    // Deleting an unread message takes it out of the unread count.
    const bUnread = await b.request<{ conversation: { unreadMessageCount: number } }>('getConversation', {
      conversationType: PRIVATE,
      targetId: 'da',
    });
    assert.equal(bUnread.data!.conversation.unreadMessageCount, 2);
    await b.request('deleteMessages', {
      conversationType: PRIVATE,
      targetId: 'da',
      messages: [{ messageUId: m1.messageUId }],
    });
    const bAfter = await b.request<{ conversation: { unreadMessageCount: number } }>('getConversation', {
      conversationType: PRIVATE,
      targetId: 'da',
    });
    assert.equal(bAfter.data!.conversation.unreadMessageCount, 1);
    const bad = await a1.request('deleteMessages', {
      conversationType: PRIVATE,
      targetId: 'db',
      messages: [{ messageUId: 'nope' }],
    });
    assert.equal(bad.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
    // A third user naming the sender as "their" peer gets nowhere near the message.
    const stranger = await t.connect('dz');
    const asPeer = { conversationType: PRIVATE, targetId: 'da' };
    assert.equal(
      (await stranger.request('deleteMessages', { ...asPeer, messages: [{ messageUId: m1.messageUId }] })).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    assert.equal(
      (
        await stranger.request('sendReadReceiptMessage', {
          targetId: 'da',
          messageUId: m1.messageUId,
          timestamp: m1.sentTime,
        })
      ).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    assert.equal(
      (await stranger.request('recallMessage', { ...asPeer, messageUId: m1.messageUId, sentTime: m1.sentTime })).code,
      ErrorCode.RECALL_MESSAGE,
    );

    assert.equal(
      (await a1.request('clearHistoryMessages', { conversationType: PRIVATE, targetId: 'db', timestamp: m1.sentTime }))
        .code,
      0,
    );
    const cleared = await a1.request<HistoryReply>('getHistoryMessages', { conversationType: PRIVATE, targetId: 'db' });
    assert.equal(cleared.data!.list.length, 0);
    assert.ok((await a2.waitForItems(4)).some((i) => i.type === 'clear'));

    await send(b, textMessage(PRIVATE, 'da', 'again', 'd-3'));
    assert.equal((await a1.request('removeConversation', { conversationType: PRIVATE, targetId: 'db' })).code, 0);
    const list = await a2.request<ConversationListReply>('getConversationList', {});
    assert.ok(!list.data!.list.some((c) => c.targetId === 'db'));
    assert.ok((await a2.waitForItems(6)).some((i) => i.type === 'remove'));
    // A new message brings the conversation back, and the cleared history stays cleared.
    await send(b, textMessage(PRIVATE, 'da', 'back', 'd-4'));
    const back = await a1.request<ConversationListReply>('getConversationList', {});
    const conv = back.data!.list.find((c) => c.targetId === 'db')!;
    assert.equal(conv.unreadMessageCount, 1);
    const after = await a1.request<HistoryReply>('getHistoryMessages', { conversationType: PRIVATE, targetId: 'db' });
    assert.deepEqual(
      after.data!.list.map((x) => x.content.content),
      ['again', 'back'],
    );
  });
});
