/**
 * Offline push through the app's webhook: a real HTTP receiver on loopback gets signed, batched
 * POSTs for recipients with no socket, with the seeds' push fields; online users, muted
 * conversations and `disableNotification` get none; a failing webhook is retried.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { verifyWebhook, type PushNotice } from '../../server/index.js';
import { startTestServer, sleep, textMessage, type TestServer } from './helpers.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  pushes: PushNotice[];
}

/** A webhook receiver; `answer` picks each POST's HTTP status. */
async function startReceiver(answer: (n: number) => number = () => 200) {
  const received: Received[] = [];
  let posts = 0;
  const http: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const status = answer(++posts);
      if (status === 200)
        received.push({ headers: req.headers, body, pushes: (JSON.parse(body) as { pushes: PushNotice[] }).pushes });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/push`,
    received,
    posts: () => posts,
    pushes: () => received.flatMap((r) => r.pushes),
    close: () => new Promise<void>((ok) => http.close(() => ok())),
  };
}

describe('offline push to the app webhook', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let t: TestServer;
  before(async () => {
    receiver = await startReceiver();
    t = await startTestServer({ sendRatePerSecond: 0, push: { webhookUrl: receiver.url, batchDelayMs: 20 } });
    await t.api.request('/group/create.json', {
      groupId: 'push-g',
      groupName: 'Weekend hikers',
      userId: ['alice', 'bob', 'carol'],
    });
  });
  after(async () => {
    await t.close();
    await receiver.close();
  });
  afterEach(() => receiver.received.splice(0));

  async function settle() {
    await sleep(30);
    await t.server.pushIdle();
  }

  it('pushes a message for an offline user, signed, with the sender as title and the unread badge', async () => {
    const alice = await t.connect('alice');
    await alice.request('sendMessage', textMessage(1, 'bob', 'Are you coming?', 'p-1'));
    await alice.request('sendMessage', textMessage(1, 'bob', 'Bring water', 'p-2'));
    await settle();
    const pushes = receiver.pushes();
    assert.equal(pushes.length, 2, 'one push per message for the offline recipient, none for the sender');
    assert.deepEqual(
      pushes.map((p) => [p.userId, p.title, p.content, p.badge, p.message.targetId, p.message.conversationType]),
      [
        ['bob', 'User alice', 'Are you coming?', 1, 'alice', 1],
        ['bob', 'User alice', 'Bring water', 2, 'alice', 1],
      ],
    );
    const post = receiver.received[0]!;
    assert.ok(verifyWebhook({ headers: post.headers, body: post.body }, t.server.appSecret), 'a genuine POST verifies');
    assert.equal(
      verifyWebhook(
        { headers: post.headers, body: post.body.replace('Are you coming?', 'Send me money') },
        t.server.appSecret,
      ),
      false,
      'a swapped body does not',
    );
    assert.equal(verifyWebhook({ headers: post.headers, body: post.body }, 'another secret'), false);
    alice.close();
  });

  it('does not push to a user who is connected, nor for disableNotification or a muted conversation', async () => {
    const alice = await t.connect('alice');
    const carol = await t.connect('carol');
    await alice.request('sendMessage', textMessage(1, 'carol', 'You are online', 'p-3'));
    await alice.request('sendMessage', { ...textMessage(1, 'bob', 'silent', 'p-4'), disableNotification: true });
    const bob = await t.connect('bob');
    assert.equal(
      (
        await bob.request('setConversationNotificationLevel', {
          conversationType: 1,
          targetId: 'alice',
          notificationLevel: 5,
        })
      ).code,
      0,
    );
    bob.close();
    await sleep(50);
    await alice.request('sendMessage', textMessage(1, 'bob', 'muted chat', 'p-5'));
    await settle();
    assert.deepEqual(receiver.pushes(), []);
    alice.close();
    carol.close();
  });

  it('in a group: the group name as title, an @-me level pushes only mentions of me, custom types only with pushContent', async () => {
    const carol = await t.connect('carol');
    assert.equal(
      (
        await carol.request('setConversationNotificationLevel', {
          conversationType: 3,
          targetId: 'push-g',
          notificationLevel: 2,
        })
      ).code,
      0,
    );
    carol.close();
    await sleep(50);
    const alice = await t.connect('alice');
    await alice.request('sendMessage', textMessage(3, 'push-g', 'Plain group news', 'p-6'));
    await alice.request('sendMessage', {
      ...textMessage(3, 'push-g', '@carol look', 'p-7'),
      content: { content: '@carol look', mentionedInfo: { type: 2, userIdList: ['carol'] } },
    });
    await alice.request('sendMessage', {
      conversationType: 3,
      targetId: 'push-g',
      messageType: 'app:poll',
      content: { q: 'Sat?' },
      clientMessageId: 'p-8',
    });
    await alice.request('sendMessage', {
      conversationType: 3,
      targetId: 'push-g',
      messageType: 'app:poll',
      content: { q: 'Sun?' },
      clientMessageId: 'p-9',
      pushContent: 'New poll: Sun?',
      pushData: '{"poll":9}',
      pushConfig: { pushTitle: 'Hikers poll', androidConfig: { channelIdMi: 'polls' } },
    });
    await settle();
    const seen = receiver.pushes().map((p) => [p.userId, p.title, p.content, p.data]);
    assert.deepEqual(seen, [
      ['bob', 'Weekend hikers', 'Plain group news', ''],
      ['bob', 'Weekend hikers', '@carol look', ''],
      ['carol', 'Weekend hikers', '@carol look', ''],
      ['bob', 'Hikers poll', 'New poll: Sun?', '{"poll":9}'],
    ]);
    assert.deepEqual(receiver.pushes().at(-1)!.androidConfig, { channelIdMi: 'polls' });
    alice.close();
  });

  it('takes pushContent and pushData from a Server API publish', async () => {
    await t.api.request('/message/private/publish.json', {
      fromUserId: 'carol',
      toUserId: 'bob',
      objectName: 'RC:ImgMsg',
      content: JSON.stringify({ content: '', imageUri: 'https://example.com/a.jpg' }),
      pushData: 'open:photo',
    });
    await t.api.request('/message/private/publish.json', {
      fromUserId: 'carol',
      toUserId: 'bob',
      objectName: 'RC:TxtMsg',
      content: '{"content":"x"}',
      pushContent: 'Carol sent a note',
    });
    await settle();
    assert.deepEqual(
      receiver.pushes().map((p) => [p.content, p.data]),
      [
        ['[Image]', 'open:photo'],
        ['Carol sent a note', ''],
      ],
    );
  });
});

describe('a failing push webhook', () => {
  it('retries a failed POST with backoff and delivers once; a 4xx refusal is not retried', async () => {
    const flaky = await startReceiver((n) => (n <= 2 ? 503 : 200));
    const t = await startTestServer({ push: { webhookUrl: flaky.url, batchDelayMs: 0, backoffMs: 20, retries: 3 } });
    try {
      await t.api.request('/message/private/publish.json', {
        fromUserId: 'a',
        toUserId: 'b',
        objectName: 'RC:TxtMsg',
        content: '{"content":"retry me"}',
      });
      await sleep(20);
      await t.server.pushIdle();
      assert.deepEqual(
        flaky.pushes().map((p) => p.content),
        ['retry me'],
      );
      assert.deepEqual(t.server.metrics().push, { posted: 1, failedAttempts: 2, dropped: 0, webPush: null });
    } finally {
      await t.close();
      await flaky.close();
    }
    const refusing = await startReceiver(() => 400);
    const t2 = await startTestServer({
      push: { webhookUrl: refusing.url, batchDelayMs: 0, backoffMs: 20, retries: 3 },
    });
    try {
      await t2.api.request('/message/private/publish.json', {
        fromUserId: 'a',
        toUserId: 'b',
        objectName: 'RC:TxtMsg',
        content: '{"content":"no"}',
      });
      await sleep(20);
      await t2.server.pushIdle();
      assert.equal(refusing.posts(), 1);
      assert.deepEqual(t2.server.metrics().push, { posted: 0, failedAttempts: 1, dropped: 1, webPush: null });
    } finally {
      await t2.close();
      await refusing.close();
    }
  });

  it('refuses a webhook URL that is not http(s) at start, naming it', async () => {
    await assert.rejects(
      startTestServer({ push: { webhookUrl: 'ftp://example.com/push' } }),
      /push webhook URL must be http or https: ftp:\/\/example.com\/push/,
    );
  });
});
