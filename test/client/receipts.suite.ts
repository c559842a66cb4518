import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ConversationType,
  Events,
  MessageType,
  TextMessage,
  type IMessageReceiptRequestEvent,
  type IMessageReceiptResponseEvent,
  type IReadReceiptReceivedEvent,
  type ITypingStatusEvent,
} from '../../src/services/client/index.js';
import { waitFor, useTestServer } from './helpers.js';

const { PRIVATE, GROUP } = ConversationType;

describe('client: typing status and read receipts', () => {
  const { connect } = useTestServer({}, async (t) => {
    await t.api.call('/group/create.json', { groupId: 'kg', groupName: 'K', userId: ['ka', 'kb', 'kc'] });
  });

  it('typing: throttled sends, TYPING_STATUS with the seeds’ shape, cleared when the message arrives', async () => {
    const a = await connect('ka');
    const b = await connect('kb');
    const events: ITypingStatusEvent[] = [];
    b.client.addEventListener(Events.TYPING_STATUS, (e) => events.push(e));
    const conv = { conversationType: PRIVATE, targetId: 'kb' };
    assert.equal((await a.client.sendTypingStatusMessage(conv, MessageType.TEXT)).code, 0);
    assert.equal(
      (await a.client.sendTypingStatusMessage(conv, MessageType.TEXT)).code,
      0,
      'throttled: resolves without sending',
    );
    await waitFor(() => events.length === 1, 'typing shown');
    const [status] = events[0]!.status;
    assert.equal(status!.targetId, 'ka');
    assert.deepEqual(
      status!.list.map((u) => [u.userId, u.messageType]),
      [['ka', 'RC:TxtMsg']],
    );
    assert.equal(b.recorder.messages().length, 0, 'typing is not a message');
    await a.client.sendMessage(conv, new TextMessage({ content: 'done' }));
    await waitFor(() => events.length === 2, 'typing cleared');
    assert.deepEqual(events[1]!.status[0]!.list, []);
  });

  it('private read receipt reaches the sender as READ_RECEIPT_RECEIVED', async () => {
    const a = await connect('ka');
    const b = await connect('kb');
    const got: IReadReceiptReceivedEvent[] = [];
    a.client.addEventListener(Events.READ_RECEIPT_RECEIVED, (e) => got.push(e));
    const sent = await a.client.sendMessage(
      { conversationType: PRIVATE, targetId: 'kb' },
      new TextMessage({ content: 'seen?' }),
    );
    assert.equal((await b.client.sendReadReceiptMessage('ka', sent.data!.messageUId, sent.data!.sentTime)).code, 0);
    await waitFor(() => got.length === 1, 'receipt');
    assert.deepEqual(got[0]!.conversation, { conversationType: PRIVATE, targetId: 'kb', channelId: '' });
    assert.equal(got[0]!.messageUid, sent.data!.messageUId);
    assert.equal(got[0]!.sentTime, sent.data!.sentTime);
  });

  it('getPeerReadTime and getReadReceiptInfo: read state from the server, for any device', async () => {
    const a = await connect('ka');
    const b = await connect('kb');
    const sent = await a.client.sendMessage(
      { conversationType: PRIVATE, targetId: 'kb' },
      new TextMessage({ content: 'read on another device?' }),
    );
    assert.equal((await b.client.sendReadReceiptMessage('ka', sent.data!.messageUId, sent.data!.sentTime)).code, 0);
    const fresh = await connect('ka');
    const time = await fresh.client.getPeerReadTime('kb');
    assert.equal(time.code, 0);
    assert.equal(time.data, sent.data!.sentTime);

    const g = await a.client.sendMessage(
      { conversationType: GROUP, targetId: 'kg' },
      new TextMessage({ content: 'count me' }),
    );
    const uid = g.data!.messageUId;
    await a.client.sendReadReceiptRequest('kg', uid);
    await b.client.sendReadReceiptResponseV2('kg', { ka: [uid] });
    const info = await fresh.client.getReadReceiptInfo('kg', [uid]);
    assert.equal(info.code, 0);
    assert.deepEqual(info.data, { [uid]: { isReceiptRequestMessage: true, hasRespond: true, readCount: 1 } });
  });

  it('group receipts: request, V2 responses, and the reader list', async () => {
    const a = await connect('ka');
    const b = await connect('kb');
    const c = await connect('kc');
    const requests: IMessageReceiptRequestEvent[] = [];
    const responses: IMessageReceiptResponseEvent[] = [];
    b.client.addEventListener(Events.MESSAGE_RECEIPT_REQUEST, (e) => requests.push(e));
    a.client.addEventListener(Events.MESSAGE_RECEIPT_RESPONSE, (e) => responses.push(e));
    const sent = await a.client.sendMessage(
      { conversationType: GROUP, targetId: 'kg' },
      new TextMessage({ content: 'all read?' }),
    );
    const uid = sent.data!.messageUId;
    assert.equal((await a.client.sendReadReceiptRequest('kg', uid)).code, 0);
    await waitFor(() => requests.length === 1, 'request');
    assert.equal(requests[0]!.messageUid, uid);
    assert.equal(requests[0]!.senderUserId, 'ka');
    assert.equal((await b.client.sendReadReceiptResponseV2('kg', { ka: [uid] })).code, 0);
    assert.equal((await c.client.sendReadReceiptResponseV2('kg')).code, 0);
    await waitFor(() => responses.length === 2, 'responses');
    assert.deepEqual(responses.map((r) => r.receivedUserId).sort(), ['kb', 'kc']);
    assert.deepEqual(responses[0]!.messageUidList, [uid]);
    const readers = await a.client.getMessageReader('kg', uid);
    assert.equal(readers.data!.totalCount, 2);
    const history = await a.client.getHistoryMessages({ conversationType: GROUP, targetId: 'kg' });
    const mine = history.data!.list.find((m) => m.messageUId === uid)!;
    assert.deepEqual(mine.readReceiptInfo, { isReceiptRequestMessage: true, hasRespond: true, readCount: 2 });
    const other = await connect('kc');
    const theirs = (await other.client.getHistoryMessages({ conversationType: GROUP, targetId: 'kg' })).data!.list.find(
      (m) => m.messageUId === uid,
    )!;
    assert.equal(theirs.readReceiptInfo!.hasRespond, true);
  });
});
