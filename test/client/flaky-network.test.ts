/**
 * Real ParleyClients behind a loopback TCP proxy that cuts their sockets every few hundred ms while
 * they send to each other. Sends that fail are resent with the same messageId, as the kit does.
 * Every recipient must end up with every message once, in order per conversation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { seededRandom } from '../../bench/lib/random.js';
import { TcpProxy } from '../../bench/lib/tcp-proxy.js';
import {
  ConversationType,
  ParleyClient,
  TextMessage,
  type IConversationOption,
} from '../../src/services/client/index.js';
import { connectedClient, sleep, startTestServer, type Recorder, type TestServer } from './helpers.js';

const N = 100;
const USERS = ['fa', 'fb', 'fc'] as const;

describe('client: flaky network', () => {
  let t: TestServer;
  let proxy: TcpProxy;
  const clients: ParleyClient[] = [];
  before(async () => {
    t = await startTestServer();
    proxy = await TcpProxy.start(t.server.port);
    await t.api.call('/group/create.json', { groupId: 'fg', groupName: 'flaky', userId: [...USERS] });
  });
  after(async () => {
    for (const c of clients) await c.disconnect();
    await proxy.close();
    await t.dispose();
  });

  it('loses nothing, duplicates nothing and keeps order while sockets are cut every 100–400 ms', async () => {
    const peers: Record<string, { client: ParleyClient; recorder: Recorder }> = {};
    for (const u of USERS) {
      peers[u] = await connectedClient(t, u, { navi: proxy.url, timeout: 1000 });
      clients.push(peers[u]!.client);
    }
    let resends = 0;
    /** Sends until acknowledged, always with the same messageId. */
    const reliableSend = async (client: ParleyClient, conv: IConversationOption, text: string, id: string) => {
      for (let attempt = 0; attempt < 500; attempt++) {
        const res = await client.sendMessage(conv, new TextMessage({ content: text }), { messageId: id });
        if (res.code === 0) return;
        resends++;
        await sleep(20);
      }
      throw new Error(`${id} never acknowledged`);
    };

    const random = seededRandom(4242);
    let chaos = true;
    const cutter = (async () => {
      while (chaos) {
        await sleep(100 + random() * 300);
        if (random() < 0.2) proxy.cutAll();
        else proxy.cutOne(random);
      }
    })();
    const chains = USERS.flatMap((u, i) => {
      const client = peers[u]!.client;
      const next = USERS[(i + 1) % USERS.length]!;
      const chain = async (conv: IConversationOption, tag: string) => {
        for (let n = 0; n < N; n++) {
          await reliableSend(client, conv, `${tag}:${u}:${n}`, `${tag}-${u}-${n}`);
          await sleep(20);
        }
      };
      return [
        chain({ conversationType: ConversationType.PRIVATE, targetId: next }, 'p'),
        chain({ conversationType: ConversationType.GROUP, targetId: 'fg' }, 'g'),
      ];
    });
    await Promise.all(chains);
    chaos = false;
    await cutter;
    console.log(`flaky: ${proxy.cuts} cuts, ${resends} resends`);
    assert.ok(proxy.cuts >= 10, `sockets were cut (${proxy.cuts} cuts, ${resends} resends)`);

    const expected = (receiver: string) => {
      const prev = USERS[(USERS.indexOf(receiver as never) + USERS.length - 1) % USERS.length]!;
      return {
        [`p:${prev}`]: Array.from({ length: N }, (_, n) => `p:${prev}:${n}`),
        ...Object.fromEntries(
          USERS.filter((u) => u !== receiver).map((u) => [
            `g:${u}`,
            Array.from({ length: N }, (_, n) => `g:${u}:${n}`),
          ]),
        ),
      };
    };
    const received = (receiver: string) => {
      const out: Record<string, string[]> = {};
      for (const m of peers[receiver]!.recorder.messages()) {
        if (m.senderUserId === receiver) continue;
        const text = (m.content as { content: string }).content;
        (out[text.split(':').slice(0, 2).join(':')] ??= []).push(text);
      }
      return out;
    };
    const deadline = Date.now() + 10_000;
    while (USERS.some((u) => !isDeepStrictEqual(received(u), expected(u))) && Date.now() < deadline) await sleep(50);
    for (const u of USERS) assert.deepEqual(received(u), expected(u), `${u}'s inbox: all, once, in order`);
    // Group order is the server's order for everyone.
    for (const u of USERS) {
      const group = peers[u]!.recorder.messages().filter(
        (m) => m.conversationType === ConversationType.GROUP && m.senderUserId !== u,
      );
      assert.deepEqual(
        group.map((m) => m.sentTime),
        group.map((m) => m.sentTime).sort((a, b) => a - b),
        `${u} sees the group in server order`,
      );
    }
  });
});
