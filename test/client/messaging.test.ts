import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ConversationType,
  ErrorCode,
  Events,
  MessageDirection,
  ParleyClient,
  ParleyClientError,
  SentStatus,
  TextMessage,
  registerMessageType,
  type IReceivedMessage,
} from '../../src/services/client/index.js';
import { Limits } from '../../src/protocol/limits.js';
import { sleep, waitFor, useTestServer } from './helpers.js';

const PRIVATE = ConversationType.PRIVATE;

describe('client: sending, receiving, conversations and history', () => {
  const { t, connect } = useTestServer();

  it("A → B: A gets the stored message, B gets it as RECEIVE with unread 1, A's other device as SEND", async () => {
    const a = await connect('a1');
    const a2 = await connect('a1');
    const b = await connect('b1');
    let before: IReceivedMessage | undefined;
    const res = await a.client.sendMessage(
      { conversationType: PRIVATE, targetId: 'b1' },
      new TextMessage({ content: 'hello' }),
      {
        onSendBefore: (m) => (before = m),
      },
    );
    assert.equal(res.code, ErrorCode.SUCCESS);
    const sent = res.data!;
    assert.ok(sent.messageUId, 'messageUId');
    assert.ok(sent.sentTime > 0, 'sentTime');
    assert.equal(sent.messageDirection, MessageDirection.SEND);
    assert.equal(sent.sentStatus, SentStatus.SENT);
    assert.equal(before?.sentStatus, SentStatus.SENDING);
    assert.equal(before?.messageId, sent.messageId, 'onSendBefore and the result share the messageId');

    await waitFor(() => b.recorder.messages().length === 1, 'B receives');
    const got = b.recorder.messages()[0]!;
    assert.equal(got.messageUId, sent.messageUId);
    assert.equal(got.messageDirection, MessageDirection.RECEIVE);
    assert.equal(got.senderUserId, 'a1');
    assert.equal(got.targetId, 'a1', 'a private targetId is the other side');
    assert.deepEqual(got.content, { content: 'hello' });
    assert.equal(got.isOfflineMessage, false);
    await waitFor(() => b.recorder.conversation(PRIVATE, 'a1')?.unreadMessageCount === 1, 'B conversation unread 1');
    assert.equal(b.recorder.conversation(PRIVATE, 'a1')?.latestMessage?.messageUId, sent.messageUId);

    await waitFor(() => a2.recorder.messages().length === 1, "A's other device gets it");
    assert.equal(a2.recorder.messages()[0]!.messageDirection, MessageDirection.SEND);
    assert.equal(a2.recorder.messages()[0]!.targetId, 'b1');

    // The sending instance gets the conversation update but not its own message a second time.
    await waitFor(() => a.recorder.conversation(PRIVATE, 'b1') !== undefined, "A's conversation update");
    assert.equal(a.recorder.conversation(PRIVATE, 'b1')?.unreadMessageCount, 0);
    await sleep(50);
    assert.equal(a.recorder.messages().length, 0);
  });

  it('lists conversations and pages history with hasMore', async () => {
    const a = await connect('a2');
    const b = await connect('b2');
    const conv = { conversationType: PRIVATE, targetId: 'b2' } as const;
    const uids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await a.client.sendMessage(conv, new TextMessage({ content: `m${i}` }));
      assert.equal(res.code, 0);
      uids.push(res.data!.messageUId);
    }
    await waitFor(() => b.recorder.messages().length === 5, 'B got 5');
    assert.deepEqual(
      b.recorder.messages().map((m) => m.messageUId),
      uids,
      'in send order',
    );

    const list = await b.client.getConversationList();
    assert.equal(list.code, 0);
    const c = list.data!.find((x) => x.targetId === 'a2');
    assert.ok(c, 'conversation with a2 listed');
    assert.equal(c.unreadMessageCount, 5);
    assert.equal(c.latestMessage?.messageUId, uids[4]);

    const page1 = await b.client.getHistoryMessages({ conversationType: PRIVATE, targetId: 'a2' }, { count: 3 });
    assert.equal(page1.code, 0);
    assert.deepEqual(
      page1.data!.list.map((m) => m.messageUId),
      uids.slice(2),
      'newest 3, oldest first',
    );
    assert.equal(page1.data!.hasMore, true);
    assert.equal(page1.data!.list[0]!.messageDirection, MessageDirection.RECEIVE);
    const page2 = await b.client.getHistoryMessages(
      { conversationType: PRIVATE, targetId: 'a2' },
      { count: 3, timestamp: page1.data!.list[0]!.sentTime },
    );
    assert.deepEqual(
      page2.data!.list.map((m) => m.messageUId),
      uids.slice(0, 2),
    );
    assert.equal(page2.data!.hasMore, false);
    const mine = await a.client.getHistoryMessages(conv, { count: 100 });
    assert.ok(mine.data!.list.every((m) => m.messageDirection === MessageDirection.SEND));

    for (const count of [0, 101, 1.5]) {
      const bad = await b.client.getHistoryMessages({ conversationType: PRIVATE, targetId: 'a2' }, { count });
      assert.equal(bad.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER, `count ${count}`);
    }
    assert.equal((await b.client.getConversationList({ count: 1001 })).code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
  });

  it('clearMessagesUnreadStatus sets unread 0 on every device of the user', async () => {
    const a = await connect('a3');
    const b = await connect('b3');
    const b2 = await connect('b3');
    await a.client.sendMessage({ conversationType: PRIVATE, targetId: 'b3' }, new TextMessage({ content: 'one' }));
    await a.client.sendMessage({ conversationType: PRIVATE, targetId: 'b3' }, new TextMessage({ content: 'two' }));
    await waitFor(() => b2.recorder.conversation(PRIVATE, 'a3')?.unreadMessageCount === 2, 'unread 2');
    const res = await b.client.clearMessagesUnreadStatus({ conversationType: PRIVATE, targetId: 'a3' });
    assert.equal(res.code, 0);
    await waitFor(() => b.recorder.conversation(PRIVATE, 'a3')?.unreadMessageCount === 0, 'unread 0 on this device');
    await waitFor(
      () => b2.recorder.conversation(PRIVATE, 'a3')?.unreadMessageCount === 0,
      'unread 0 on the other device',
    );
    const list = await b2.client.getConversationList();
    assert.equal(list.data!.find((c) => c.targetId === 'a3')?.unreadMessageCount, 0);
  });

  it('oversize content resolves 30016 without a round trip', async () => {
    // Not even connected: the check happens before anything touches the network.
    const offline = new ParleyClient(t.options());
    const big = new TextMessage({ content: 'x'.repeat(Limits.MAX_MESSAGE_CONTENT_BYTES) });
    let called = false;
    const res = await offline.sendMessage({ conversationType: PRIVATE, targetId: 'b1' }, big, {
      onSendBefore: () => (called = true),
    });
    assert.equal(res.code, ErrorCode.RC_MSG_CONTENT_EXCEED_LIMIT);
    assert.equal(called, false);
    // Multi-byte characters count as bytes, not characters.
    const wide = new TextMessage({ content: '字'.repeat(Math.ceil(Limits.MAX_MESSAGE_CONTENT_BYTES / 3)) });
    assert.equal(
      (await offline.sendMessage({ conversationType: PRIVATE, targetId: 'b1' }, wide)).code,
      ErrorCode.RC_MSG_CONTENT_EXCEED_LIMIT,
    );
  });

  it('registerMessageType refuses RC: names; a custom message goes through', async () => {
    assert.throws(
      () => registerMessageType('RC:Mine', true, true),
      (e: unknown) => e instanceof ParleyClientError && e.code === ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    assert.throws(() => registerMessageType('bad name!', true, true), ParleyClientError);
    const PersonMessage = registerMessageType<{ name: string; age: number }>('s:person', true, true, [], false);
    const a = await connect('a4');
    const b = await connect('b4');
    const res = await a.client.sendMessage(
      { conversationType: PRIVATE, targetId: 'b4' },
      new PersonMessage({ name: 'someone', age: 18 }),
    );
    assert.equal(res.code, 0);
    await waitFor(() => b.recorder.messages().length === 1, 'B receives the custom message');
    assert.equal(b.recorder.messages()[0]!.messageType, 's:person');
    assert.deepEqual(b.recorder.messages()[0]!.content, { name: 'someone', age: 18 });
  });

  it('a resend with the same messageId is stored once', async () => {
    const a = await connect('a5');
    const b = await connect('b5');
    const conv = { conversationType: PRIVATE, targetId: 'b5' } as const;
    const first = await a.client.sendMessage(conv, new TextMessage({ content: 'once' }));
    const again = await a.client.sendMessage(conv, new TextMessage({ content: 'once' }), {
      messageId: first.data!.messageId,
    });
    assert.equal(again.code, 0);
    assert.equal(again.data!.messageUId, first.data!.messageUId);
    await waitFor(() => b.recorder.messages().length >= 1, 'B receives');
    await sleep(100);
    assert.equal(b.recorder.messages().length, 1);
  });

  it('rejects unsupported conversations and bad targets locally', async () => {
    const a = await connect('a6');
    const msg = new TextMessage({ content: 'x' });
    assert.equal(
      (await a.client.sendMessage({ conversationType: ConversationType.SYSTEM, targetId: 'r' }, msg)).code,
      ErrorCode.SYS_CONVERSATION_NOT_SUPPORT_MESSAGE,
    );
    assert.equal(
      (await a.client.sendMessage({ conversationType: PRIVATE, targetId: 'no spaces' }, msg)).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    const group = await a.client.sendMessage({ conversationType: ConversationType.GROUP, targetId: 'nogroup' }, msg);
    assert.equal(group.code, ErrorCode.NOT_IN_GROUP);
    assert.equal(a.recorder.count(Events.SUSPEND), 0, 'errors leave the connection up');
  });
});
