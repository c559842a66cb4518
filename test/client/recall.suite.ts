import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CommandMessage,
  ConversationType,
  ErrorCode,
  Events,
  FileMessage,
  ImageMessage,
  TextMessage,
  type IMessagesDeletedEvent,
} from '../../src/services/client/index.js';
import { TestClock } from '../server/helpers.js';
import { waitFor, useTestServer } from './helpers.js';

const PRIVATE = ConversationType.PRIVATE;

describe('client: message types, recall and deletes', () => {
  const clock = new TestClock(Date.now());
  const { t, connect } = useTestServer({ clock });

  it('sends the built-in classes; malformed content and unsafe URLs come back 33003', async () => {
    const a = await connect('ma');
    const b = await connect('mb');
    const to = { conversationType: PRIVATE, targetId: 'mb' };
    const img = await a.client.sendMessage(
      to,
      new ImageMessage({ content: 'AAAA', imageUri: 'https://example.com/a.png' }),
    );
    assert.equal(img.code, ErrorCode.SUCCESS, img.msg);
    const file = await a.client.sendMessage(
      to,
      new FileMessage({ name: 'a.txt', size: 3, type: 'txt', fileUrl: '/media/X1' }),
    );
    assert.equal(file.code, ErrorCode.SUCCESS, file.msg);
    const cmd = await a.client.sendMessage(to, new CommandMessage({ name: 'refresh', data: '' }));
    assert.equal(cmd.code, ErrorCode.SUCCESS, cmd.msg);
    const bad = await a.client.sendMessage(to, new ImageMessage({ content: '', imageUri: 'javascript:alert(1)' }));
    assert.equal(bad.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
    await waitFor(() => b.recorder.messages().length === 3, 'B gets three');
    assert.deepEqual(
      b.recorder.messages().map((m) => m.messageType),
      ['RC:ImgMsg', 'RC:FileMsg', 'RC:CmdMsg'],
    );
    const history = await b.client.getHistoryMessages({ conversationType: PRIVATE, targetId: 'ma' });
    assert.equal(history.data!.list.length, 2, 'the command is not stored');
  });

  it('recallMessage: the peer and the sender’s other device get RC:RcNtf; history shows it', async () => {
    const a = await connect('ra');
    const a2 = await connect('ra');
    const b = await connect('rb');
    const sent = await a.client.sendMessage(
      { conversationType: PRIVATE, targetId: 'rb' },
      new TextMessage({ content: 'oops' }),
    );
    await waitFor(() => b.recorder.messages().length === 1, 'B receives');
    // The seeds' table spelling (`messageUid`) works as well as the example's (`messageUId`).
    const res = await a.client.recallMessage({ conversationType: PRIVATE, targetId: 'rb' }, {
      messageUid: sent.data!.messageUId,
      sentTime: sent.data!.sentTime,
    } as never);
    assert.equal(res.code, ErrorCode.SUCCESS, res.msg);
    assert.equal(res.data!.messageType, 'RC:RcNtf');
    for (const r of [b, a2]) {
      await waitFor(() => r.recorder.messages().some((m) => m.messageType === 'RC:RcNtf'), 'notice arrives');
      const notice = r.recorder.messages().find((m) => m.messageType === 'RC:RcNtf')!;
      assert.equal(notice.messageUId, sent.data!.messageUId, 'same messageUId as the original');
    }
    assert.equal(b.recorder.conversation(PRIVATE, 'ra')!.latestMessage!.messageType, 'RC:RcNtf');
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(
      !a.recorder.messages().some((m) => m.messageType === 'RC:RcNtf'),
      'the recalling device is not told twice',
    );
    const history = await b.client.getHistoryMessages({ conversationType: PRIVATE, targetId: 'ra' });
    assert.deepEqual(
      history.data!.list.map((m) => m.messageType),
      ['RC:RcNtf'],
    );
  });

  it('refuses to recall others’ messages (25107) and after the window (25101)', async () => {
    const a = await connect('wa');
    const b = await connect('wb');
    const sent = await a.client.sendMessage(
      { conversationType: PRIVATE, targetId: 'wb' },
      new TextMessage({ content: 'x' }),
    );
    const opts = { messageUId: sent.data!.messageUId, sentTime: sent.data!.sentTime };
    assert.equal(
      (await b.client.recallMessage({ conversationType: PRIVATE, targetId: 'wa' }, opts)).code,
      ErrorCode.RECALL_MESSAGE_USER_INVALID,
    );
    clock.advance(121_000);
    assert.equal(
      (await a.client.recallMessage({ conversationType: PRIVATE, targetId: 'wb' }, opts)).code,
      ErrorCode.RECALL_MESSAGE,
    );
  });

  it('deleteMessages / clearHistoryMessages / removeConversation follow to the other device', async () => {
    const a = await connect('xa');
    const a2 = await connect('xa');
    await connect('xb');
    const to = { conversationType: PRIVATE, targetId: 'xb' };
    const m1 = await a.client.sendMessage(to, new TextMessage({ content: '1' }));
    const m2 = await a.client.sendMessage(to, new TextMessage({ content: '2' }));
    const deleted: IMessagesDeletedEvent[] = [];
    a2.client.addEventListener(Events.MESSAGES_DELETED, (e) => deleted.push(e));
    assert.equal(
      (
        await a.client.deleteMessages(to, [
          { messageUId: m2.data!.messageUId, sentTime: m2.data!.sentTime, messageDirection: 1 },
        ])
      ).code,
      0,
    );
    await waitFor(() => deleted.length === 1, 'delete synced');
    assert.deepEqual(deleted[0]!.messageUIds, [m2.data!.messageUId]);
    await waitFor(
      () => a2.recorder.conversation(PRIVATE, 'xb')?.latestMessage?.messageUId === m1.data!.messageUId,
      'latest falls back',
    );
    assert.equal((await a.client.clearHistoryMessages(to, m1.data!.sentTime)).code, 0);
    await waitFor(() => deleted.length === 2 && deleted[1]!.timestamp === m1.data!.sentTime, 'clear synced');
    const removed: unknown[] = [];
    a2.client.addEventListener(Events.CONVERSATION_REMOVED, (e) => removed.push(e));
    assert.equal((await a.client.removeConversation(to)).code, 0);
    await waitFor(() => removed.length === 1, 'removal synced');
    assert.equal((await a.client.deleteMessages(to, [])).code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
  });

  it('a device catching up applies message and delete in seq order (the delete never overtakes)', async () => {
    const a = await connect('oa');
    const a2 = await connect('oa');
    const to = { conversationType: PRIVATE, targetId: 'ob' };
    await a2.client.disconnect();
    const m = await a.client.sendMessage(to, new TextMessage({ content: 'gone soon' }));
    await a.client.deleteMessages(to, [{ messageUId: m.data!.messageUId }]);
    const order: string[] = [];
    a2.client.addEventListener(Events.MESSAGES, (e) => order.push(...e.messages.map((x) => `message:${x.messageUId}`)));
    a2.client.addEventListener(Events.MESSAGES_DELETED, (e) =>
      order.push(...(e.messageUIds ?? []).map((u) => `deleted:${u}`)),
    );
    assert.equal((await a2.client.connect(await t.token('oa'))).code, 0);
    await waitFor(() => order.length === 2, 'caught up');
    assert.deepEqual(order, [`message:${m.data!.messageUId}`, `deleted:${m.data!.messageUId}`]);
  });
});
