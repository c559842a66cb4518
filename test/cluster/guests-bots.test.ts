/**
 * Guests and bots on a cluster: two nodes on one Redis and one data folder. A guest token issued
 * through one node's Server API admits to a room on the other; a bot registered through one node
 * answers a mention sent through the other, called once for the message.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createServerApiClient } from '../../server/api-client.js';
import { verifyWebhook } from '../../server/index.js';
import { roomText, roomTexts, waitForRoomMessages } from '../server/chatroom-helpers.js';
import { TestSocket } from '../server/helpers.js';
import { eventually } from './harness.js';
import { useInProcessNodes } from './in-process-nodes.js';

describe('cluster: chatroom guests and bots across nodes', { timeout: 60_000 }, () => {
  const cluster = useInProcessNodes('guestbots', ['ga', 'gb'], { sendRatePerSecond: 0 });
  const calls: Array<{ verified: boolean; text: string }> = [];
  const hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const call = JSON.parse(body) as { message: { content: { content: string } } };
      calls.push({
        verified: verifyWebhook({ headers: req.headers, body }, cluster.app.appSecret),
        text: call.message.content.content,
      });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ reply: `heard: ${call.message.content.content}` }));
    });
  });
  before(() => new Promise<void>((ok) => hook.listen(0, '127.0.0.1', ok)));
  after(() => new Promise<void>((ok) => hook.close(() => ok())));

  it('a guest token from one node admits to the room on the other; the guest reads what members say there', async () => {
    const [a, b] = cluster.nodes as [(typeof cluster.nodes)[0], (typeof cluster.nodes)[0]];
    const apiA = createServerApiClient({ baseUrl: a.url, ...cluster.app });
    await apiA.call('/chatroom/create_new.json', { chatroomId: 'cg' });
    await apiA.call('/chatroom/guest/allow.json', { chatroomId: 'cg' });
    const member = await cluster.connect(a, 'cg-m');
    assert.equal((await member.request('joinChatRoom', { chatRoomId: 'cg', count: -1 })).code, 0);
    const { token } = (await apiA.call('/chatroom/guest/token.json', { chatroomId: 'cg' })) as { token: string };
    const guest = await TestSocket.open(b.url);
    try {
      assert.equal((await guest.request('connect', { token, appkey: cluster.app.appKey })).code, 0);
      // Node b learns of the guest setting from the shared lists (reloaded on a state notice).
      await eventually(
        async () => (await guest.request('joinChatRoom', { chatRoomId: 'cg', count: -1 })).code === 0,
        'guest joins on node b',
      );
      assert.equal((await guest.request('sendChatroomMessage', roomText('cg', 'nope'))).code, 23408);
      assert.equal((await member.request('sendChatroomMessage', roomText('cg', 'from node a'))).code, 0);
      await waitForRoomMessages(guest, 1);
      assert.deepEqual(roomTexts(guest), ['from node a']);
    } finally {
      guest.close();
    }
  });

  it('a bot registered through one node answers a mention sent through the other, called once', async () => {
    const [a, b] = cluster.nodes as [(typeof cluster.nodes)[0], (typeof cluster.nodes)[0]];
    const apiA = createServerApiClient({ baseUrl: a.url, ...cluster.app });
    await apiA.call('/chatroom/create_new.json', { chatroomId: 'cb' });
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/bot`;
    assert.equal((await apiA.call('/chatroom/bot/add.json', { chatroomId: 'cb', botId: 'cb-bot', url })).code, 200);
    const onA = await cluster.connect(a, 'cb-a');
    const onB = await cluster.connect(b, 'cb-b');
    await onA.request('joinChatRoom', { chatRoomId: 'cb', count: -1 });
    await onB.request('joinChatRoom', { chatRoomId: 'cb', count: -1 });
    // Node b sees the registration within its cache second.
    await eventually(
      async () => {
        await onB.request('sendChatroomMessage', {
          ...roomText('cb', 'ping'),
          content: { content: 'ping', mentionedInfo: { type: 2, userIdList: ['cb-bot'] } },
        });
        await b.botsIdle();
        return calls.length > 0;
      },
      'node b calls the bot',
      5000,
      500,
    );
    const pings = calls.length;
    await waitForRoomMessages(onA, 1);
    await eventually(
      async () => roomTexts(onA).filter((t) => t === 'heard: ping').length === pings,
      'answers reach node a',
    );
    await a.botsIdle();
    assert.equal(calls.length, pings, 'each message is posted once, by the node that accepted it');
    assert.ok(calls.every((c) => c.verified && c.text === 'ping'));
  });
});
