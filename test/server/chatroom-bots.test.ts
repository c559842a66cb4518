import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { verifyWebhook } from '../../server/index.js';
import { roomMessages, roomText, waitForRoomMessages } from './chatroom-helpers.js';
import { sleep, startTestServer, type TestServer } from './helpers.js';

interface Received {
  verified: boolean;
  body: {
    chatroomId: string;
    botId: string;
    mentioned: boolean;
    message: { senderUserId: string; content: { content: string } };
  };
}

/** A bot webhook on loopback: records each call (checking its signature) and answers with `answer(call)`. */
async function botReceiver(
  secret: () => string,
  answer: (call: Received['body']) => { status?: number; body?: string; delayMs?: number },
) {
  const calls: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const parsed = JSON.parse(body) as Received['body'];
      calls.push({ verified: verifyWebhook({ headers: req.headers, body }, secret()), body: parsed });
      const a = answer(parsed);
      if (a.delayMs) await sleep(a.delayMs);
      res.writeHead(a.status ?? 200, { 'Content-Type': 'application/json' });
      res.end(a.body ?? '');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bot`,
    calls,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

const mention = (roomId: string, text: string, ...ids: string[]) => ({
  ...roomText(roomId, text),
  content: { content: text, mentionedInfo: { type: 2, userIdList: ids } },
});

describe('chatroom bots', () => {
  let t: TestServer;
  let hook: Awaited<ReturnType<typeof botReceiver>>;
  before(async () => {
    t = await startTestServer({
      sendRatePerSecond: 0,
      chatroom: { sweepMs: 0, bots: { timeoutMs: 300, repliesPerMinute: 3 } },
    });
    hook = await botReceiver(
      () => t.server.appSecret,
      (call) => {
        const text = call.message.content.content;
        if (text.includes('slow')) return { delayMs: 800, body: JSON.stringify({ reply: 'too late' }) };
        if (text.includes('bad')) return { body: '{"reply": 42}' };
        if (text.includes('card'))
          return {
            body: JSON.stringify({
              reply: { objectName: 'RC:TxtMsg', content: { content: `card for ${call.message.senderUserId}` } },
            }),
          };
        return { body: JSON.stringify({ reply: `echo: ${text}` }) };
      },
    );
  });
  after(async () => {
    await t.close();
    await hook.close();
  });

  it('a message that @mentions the bot is posted, signed, and the answer comes back as the bot', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'b1' });
    assert.equal(
      (await t.api.call('/chatroom/bot/add.json', { chatroomId: 'b1', botId: 'helper', url: hook.url })).code,
      200,
    );
    assert.deepEqual((await t.api.call('/chatroom/bot/query.json', { chatroomId: 'b1' })).bots, [
      { botId: 'helper', url: hook.url, trigger: 'mention' },
    ]);
    const alice = await t.connect('b1-alice');
    await alice.request('joinChatRoom', { chatRoomId: 'b1', count: -1 });
    assert.equal((await alice.request('sendChatroomMessage', roomText('b1', 'no mention here'))).code, 0);
    assert.equal((await alice.request('sendChatroomMessage', mention('b1', 'hi bot', 'helper'))).code, 0);
    const got = await waitForRoomMessages(alice, 1);
    await t.server.botsIdle();
    assert.equal(hook.calls.length, 1, 'only the mention was posted');
    assert.equal(hook.calls[0]!.verified, true, 'the call is signed with the App Secret');
    assert.deepEqual(
      [hook.calls[0]!.body.chatroomId, hook.calls[0]!.body.botId, hook.calls[0]!.body.mentioned],
      ['b1', 'helper', true],
    );
    assert.deepEqual(
      got.map((m) => [m.senderUserId, (m.content as { content: string }).content]),
      [['helper', 'echo: hi bot']],
    );
    // The bot's own message is not posted back to it.
    await sleep(100);
    assert.equal(hook.calls.length, 1);
  });

  it('trigger all posts every message; slow and malformed answers post nothing; replies are rate-limited; a later publish works', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'b2' });
    await t.api.call('/chatroom/bot/add.json', { chatroomId: 'b2', botId: 'listener', url: hook.url, trigger: 'all' });
    const bob = await t.connect('b2-bob');
    await bob.request('joinChatRoom', { chatRoomId: 'b2', count: -1 });
    for (const text of ['slow one', 'bad one', 'card please'])
      await bob.request('sendChatroomMessage', roomText('b2', text));
    await t.server.botsIdle();
    await sleep(900); // the slow answer arrives after the timeout: it must not be posted
    const fromBot = () =>
      roomMessages(bob)
        .filter((m) => m.senderUserId === 'listener')
        .map((m) => (m.content as { content: string }).content);
    assert.deepEqual(fromBot(), ['card for b2-bob']);
    assert.equal(t.server.metrics().bots.repliesDropped, 1, 'the malformed answer is counted');
    const later = await t.api.call('/chatroom/bot/publish.json', {
      chatroomId: 'b2',
      botId: 'listener',
      content: JSON.stringify({ content: 'later answer' }),
    });
    assert.equal(later.code, 200);
    assert.equal(
      (
        await t.api.call('/chatroom/bot/publish.json', {
          chatroomId: 'b2',
          botId: 'listener',
          content: JSON.stringify({ content: 'x' }),
        })
      ).code,
      200,
    );
    const limited = await t.api.call('/chatroom/bot/publish.json', {
      chatroomId: 'b2',
      botId: 'listener',
      content: JSON.stringify({ content: 'y' }),
    });
    assert.deepEqual([limited.code], [1008], 'three replies per minute in this test');
    assert.equal(
      (
        await t.api.call('/chatroom/bot/publish.json', {
          chatroomId: 'b2',
          botId: 'stranger',
          content: JSON.stringify({ content: 'z' }),
        })
      ).code,
      1002,
    );
    await waitForRoomMessages(bob, 3); // a sender does not get her own messages pushed: these are the bot's
    assert.deepEqual(fromBot(), ['card for b2-bob', 'later answer', 'x']);
  });

  it('removed bots are called no more; bad registrations are refused', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'b3' });
    await t.api.call('/chatroom/bot/add.json', { chatroomId: 'b3', botId: 'gone', url: hook.url, trigger: 'all' });
    assert.equal((await t.api.call('/chatroom/bot/remove.json', { chatroomId: 'b3', botId: 'gone' })).code, 200);
    const before = hook.calls.length;
    const carol = await t.connect('b3-carol');
    await carol.request('joinChatRoom', { chatRoomId: 'b3', count: -1 });
    await carol.request('sendChatroomMessage', roomText('b3', 'anyone?'));
    await t.server.botsIdle();
    assert.equal(hook.calls.length, before);
    assert.equal(
      (await t.api.call('/chatroom/bot/add.json', { chatroomId: 'b3', botId: 'x', url: 'file:///etc/passwd' })).code,
      1002,
    );
    assert.equal(
      (
        await t.api.call('/chatroom/bot/add.json', {
          chatroomId: 'b3',
          botId: 'x',
          url: hook.url,
          trigger: 'sometimes',
        })
      ).code,
      1002,
    );
    assert.equal(
      (await t.api.call('/chatroom/bot/add.json', { chatroomId: 'no-room', botId: 'x', url: hook.url })).code,
      23410,
      'nothing is registered ahead for a missing room',
    );
  });
});
