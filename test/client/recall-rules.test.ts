/**
 * The client hears the server's recall rules at connect (`getRecallPolicy`), and a group admin
 * recalls a member's message through `recallMessage` when the server lets admins recall.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConversationType, ErrorCode, ParleyClient, TextMessage } from '../../src/services/client/index.js';
import { useTestServer } from './helpers.js';

const group = { conversationType: ConversationType.GROUP, targetId: 'rr' };

describe("client: the server's recall rules", () => {
  const { t, connect } = useTestServer({ recallWindowMs: 300_000, recallBy: 'group-admins' }, async (t) => {
    await t.api.call('/group/create.json', { groupId: 'rr', groupName: 'R', userId: ['boss', 'staff', 'guest'] });
    await t.api.call('/group/manager/add.json', { groupId: 'rr', userId: ['boss'] });
  });

  it("getRecallPolicy is null before connecting and the server's window and rule after", async () => {
    assert.equal(new ParleyClient(t.options()).getRecallPolicy(), null);
    const { client } = await connect('guest');
    assert.deepEqual(client.getRecallPolicy(), { windowMs: 300_000, by: 'group-admins' });
  });

  it("an admin recalls a member's message; another member gets 25107", async () => {
    const staff = await connect('staff');
    const boss = await connect('boss');
    const guest = await connect('guest');
    const sent = await staff.client.sendMessage(group, new TextMessage({ content: 'off topic' }));
    assert.equal(sent.code, ErrorCode.SUCCESS);
    const refused = await guest.client.recallMessage(group, {
      messageUId: sent.data!.messageUId,
      sentTime: sent.data!.sentTime,
    });
    assert.equal(refused.code, ErrorCode.RECALL_MESSAGE_USER_INVALID);
    const done = await boss.client.recallMessage(group, {
      messageUId: sent.data!.messageUId,
      sentTime: sent.data!.sentTime,
    });
    assert.equal(done.code, ErrorCode.SUCCESS);
    assert.equal((done.data!.content as { operatorId: string }).operatorId, 'boss');
  });
});
