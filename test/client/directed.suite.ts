import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConversationType, ErrorCode, TextMessage } from '../../src/services/client/index.js';
import { connectedClient, sleep, waitFor, useTestServer } from './helpers.js';

const { GROUP, SYSTEM } = ConversationType;

describe('client: directed group messages and system messages', () => {
  const { t, track } = useTestServer({}, async (t) => {
    await t.api.call('/group/create.json', { groupId: 'dg', groupName: 'D', userId: ['da', 'db', 'dc'] });
  });

  it('directionalUserIdList: only listed members receive it, with directedUserIds', async () => {
    const a = await connectedClient(t, 'da');
    const b = await connectedClient(t, 'db');
    const c = await connectedClient(t, 'dc');
    track(a.client, b.client, c.client);
    const res = await a.client.sendMessage(
      { conversationType: GROUP, targetId: 'dg' },
      new TextMessage({ content: 'just you' }),
      { directionalUserIdList: ['db'] },
    );
    assert.equal(res.code, 0, res.msg);
    await waitFor(() => b.recorder.messages().length === 1, 'B receives');
    assert.deepEqual(b.recorder.messages()[0]!.directedUserIds, ['db']);
    await sleep(100);
    assert.equal(c.recorder.messages().length, 0);
  });

  it('a system message from the Server API arrives as a SYSTEM conversation', async () => {
    const u = await connectedClient(t, 'su');
    track(u.client);
    await t.api.call('/message/system/publish.json', {
      fromUserId: 'admin',
      toUserId: 'su',
      objectName: 'RC:InfoNtf',
      content: '{"message":"maintenance at 10"}',
    });
    await waitFor(() => u.recorder.messages().length === 1, 'system message');
    const m = u.recorder.messages()[0]!;
    assert.equal(m.conversationType, SYSTEM);
    assert.equal(m.targetId, 'admin');
    assert.equal(u.recorder.conversation(SYSTEM, 'admin')!.unreadMessageCount, 1);
    const history = await u.client.getHistoryMessages({ conversationType: SYSTEM, targetId: 'admin' });
    assert.equal(history.data!.list.length, 1);
    assert.equal((await u.client.clearMessagesUnreadStatus({ conversationType: SYSTEM, targetId: 'admin' })).code, 0);
    assert.equal((await u.client.getTotalUnreadCount(true)).data, 0);
    const reply = await u.client.sendMessage(
      { conversationType: SYSTEM, targetId: 'admin' },
      new TextMessage({ content: 'no' }),
    );
    assert.equal(reply.code, ErrorCode.SYS_CONVERSATION_NOT_SUPPORT_MESSAGE);
  });
});
