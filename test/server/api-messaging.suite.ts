import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { ConversationListReply, HistoryReply, InboxItem, SendMessageReply } from '../../src/protocol/frames.js';
import { TestClock, startTestServer, textMessage, type TestServer } from './helpers.js';

const { PRIVATE, GROUP, SYSTEM } = ConversationType;
const text = (s: string) => JSON.stringify({ content: s });

describe('Server API: recall, system messages, directed group messages', () => {
  let t: TestServer;
  const clock = new TestClock(Date.now());
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0, clock });
    await t.api.call('/group/create.json', { groupId: 'ag', groupName: 'A', userId: ['aa', 'ab', 'ac'] });
  });
  after(() => t.close());

  it('/message/recall.json recalls without a window; others’ messages need isAdmin', async () => {
    const b = await t.connect('ab');
    const sent = await t.api.call('/message/group/publish.json', {
      fromUserId: 'aa',
      toGroupId: 'ag',
      objectName: 'RC:TxtMsg',
      content: text('x'),
    });
    const { messageUId, sentTime } = (sent.messages as Array<{ messageUId: string; sentTime: number }>)[0]!;
    clock.advance(10 * 60_000);
    const params = { fromUserId: 'ab', conversationType: 3, targetId: 'ag', messageUID: messageUId, sentTime };
    assert.equal((await t.api.call('/message/recall.json', params)).code, ErrorCode.RECALL_MESSAGE_USER_INVALID);
    assert.equal((await t.api.call('/message/recall.json', { ...params, fromUserId: 'aa' })).code, 200);
    const items = await b.waitForItems(2);
    assert.ok(items.some((i) => i.type === 'recall'));
    const again = await t.api.call('/message/recall.json', { ...params, fromUserId: 'aa' });
    assert.equal(again.code, ErrorCode.RECALL_MESSAGE, 'already recalled');
    const bad = await t.api.call('/message/recall.json', { ...params, conversationType: 2 });
    assert.equal(bad.code, 1002);
  });

  it('/message/system/publish.json delivers a SYSTEM conversation, apart from the private chat', async () => {
    const u = await t.connect('su');
    const res = await t.api.call('/message/system/publish.json', {
      fromUserId: '__system__',
      toUserId: ['su', 'sv'],
      objectName: 'RC:TxtMsg',
      content: text('welcome'),
    });
    assert.equal(res.code, 200, JSON.stringify(res));
    const [item] = await u.waitForItems(1);
    const m = (item as Extract<InboxItem, { type: 'message' }>).message;
    assert.equal(m.conversationType, SYSTEM);
    assert.equal(m.targetId, '__system__');
    const list = await u.request<ConversationListReply>('getConversationList', {});
    assert.deepEqual(
      list.data!.list.map((c) => [c.conversationType, c.targetId]),
      [[SYSTEM, '__system__']],
    );
    const bad = await t.api.call('/message/system/publish.json', {
      fromUserId: 'x',
      toUserId: 'su',
      objectName: 'RC:ImgMsg',
      content: '{"imageUri":"javascript:1","content":""}',
    });
    assert.equal(bad.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
  });

  it('directed group messages reach only the listed members (Server API and client send)', async () => {
    const a = await t.connect('aa');
    const b = await t.connect('ab');
    const c = await t.connect('ac');
    const res = await t.api.call('/message/group/publish.json', {
      fromUserId: 'aa',
      toGroupId: 'ag',
      objectName: 'RC:TxtMsg',
      content: text('psst'),
      directionalUserIdList: 'ab',
    });
    assert.equal(res.code, 200, JSON.stringify(res));
    const sent = await a.request<SendMessageReply>('sendMessage', {
      ...textMessage(GROUP, 'ag', 'psst 2', 'dir-1'),
      directionalUserIdList: ['ab'],
    });
    assert.equal(sent.code, 0);
    assert.deepEqual(sent.data!.message.directedUserIds, ['ab']);
    await b.waitForItems(2);
    const cHistory = await c.request<HistoryReply>('getHistoryMessages', {
      conversationType: GROUP,
      targetId: 'ag',
      count: 100,
    });
    assert.ok(
      !cHistory.data!.list.some((m) => m.content.content?.toString().startsWith('psst')),
      'others never see it',
    );
    const bHistory = await b.request<HistoryReply>('getHistoryMessages', {
      conversationType: GROUP,
      targetId: 'ag',
      count: 100,
    });
    assert.equal(bHistory.data!.list.filter((m) => m.content.content?.toString().startsWith('psst')).length, 2);
    const outsider = await a.request('sendMessage', {
      ...textMessage(GROUP, 'ag', 'x', 'dir-2'),
      directionalUserIdList: ['nobody'],
    });
    assert.equal(outsider.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
    const priv = await a.request('sendMessage', {
      ...textMessage(PRIVATE, 'ab', 'x', 'dir-3'),
      directionalUserIdList: ['ab'],
    });
    assert.equal(priv.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
  });
});
