/**
 * Refusals answer the seeds' specific codes where their table names one, instead of the generic
 * 33003 / 34201: a send into a system conversation (20109), expansion outside private and group
 * chats (34008), a malformed or wrong `messageList` of a group read receipt (34206). Through the
 * client against a real server, and straight through the gateway where the client would stop first.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConversationType, ErrorCode, TextMessage } from '../../src/services/client/index.js';
import { TestSocket } from '../server/helpers.js';
import { useTestServer } from './helpers.js';

const { PRIVATE, GROUP, CHATROOM, SYSTEM } = ConversationType;

describe("client: the seeds' codes for specific refusals", () => {
  const { t, connect } = useTestServer({}, async (t) => {
    await t.api.call('/group/create.json', { groupId: 'sg', groupName: 'S', userId: ['sa', 'sb'] });
    await t.api.call('/group/create.json', { groupId: 'sh', groupName: 'H', userId: ['sa', 'sb'] });
  });

  it('a send into a system conversation is 20109 (SYS_CONVERSATION_NOT_SUPPORT_MESSAGE), in the client and at the server', async () => {
    const a = await connect('sa');
    const res = await a.client.sendMessage(
      { conversationType: SYSTEM, targetId: 'notices' },
      new TextMessage({ content: 'hi' }),
    );
    assert.equal(res.code, ErrorCode.SYS_CONVERSATION_NOT_SUPPORT_MESSAGE);
    // A client that skips the check meets the same code from the gateway.
    const socket = await TestSocket.open(t.server.url);
    try {
      assert.equal((await socket.request('connect', { token: await t.token('sa'), appkey: t.server.appKey })).code, 0);
      const raw = await socket.request('sendMessage', {
        conversationType: SYSTEM,
        targetId: 'notices',
        messageType: 'RC:TxtMsg',
        content: { content: 'hi' },
        clientMessageId: 'sys-1',
      });
      assert.equal(raw.code, ErrorCode.SYS_CONVERSATION_NOT_SUPPORT_MESSAGE);
    } finally {
      socket.close();
    }
  });

  it('expansion of a chatroom or system message is 34008 (MESSAGE_KV_NOT_SUPPORT), not 33003', async () => {
    const a = await connect('sa');
    for (const conversationType of [CHATROOM, SYSTEM]) {
      const message = { conversationType, targetId: 'room', messageUId: 'ABCD-1234' };
      assert.equal((await a.client.updateMessageExpansion({ k: 'v' }, message)).code, ErrorCode.MESSAGE_KV_NOT_SUPPORT);
      assert.equal(
        (await a.client.removeMessageExpansionForKey(['k'], message)).code,
        ErrorCode.MESSAGE_KV_NOT_SUPPORT,
      );
    }
    assert.equal(
      (await a.client.updateMessageExpansion({ k: 'v' }, { conversationType: PRIVATE, targetId: 'sb', messageUId: '' }))
        .code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
  });

  it('a group read receipt whose messageList is malformed, of another group or of another sender is 34206 (MSG_LIMIT_ERROR)', async () => {
    const a = await connect('sa');
    const b = await connect('sb');
    const inSg = await a.client.sendMessage(
      { conversationType: GROUP, targetId: 'sg' },
      new TextMessage({ content: 'read me' }),
    );
    const inSh = await a.client.sendMessage(
      { conversationType: GROUP, targetId: 'sh' },
      new TextMessage({ content: 'elsewhere' }),
    );
    assert.equal(inSg.code, 0);
    assert.equal((await a.client.sendReadReceiptRequest('sg', inSg.data!.messageUId)).code, 0);
    const bad = [
      { sa: 'not-a-list' },
      { sa: Array.from({ length: 101 }, (_, i) => `u${i}`) },
      ['sa'],
    ] as unknown as Array<Record<string, string[]>>;
    for (const list of bad)
      assert.equal(
        (await b.client.sendReadReceiptResponseV2('sg', list)).code,
        ErrorCode.MSG_LIMIT_ERROR,
        JSON.stringify(list).slice(0, 40),
      );
    assert.equal(
      (await b.client.sendReadReceiptResponseV2('sg', { sa: [inSh.data!.messageUId] })).code,
      ErrorCode.MSG_LIMIT_ERROR,
      'a message of another group',
    );
    assert.equal(
      (await b.client.sendReadReceiptResponseV2('sg', { sb: [inSg.data!.messageUId] })).code,
      ErrorCode.MSG_LIMIT_ERROR,
      'named under the wrong sender',
    );
    assert.equal(
      (await b.client.sendReadReceiptResponseV2('sg', { sa: [inSg.data!.messageUId] })).code,
      ErrorCode.SUCCESS,
    );
  });
});
