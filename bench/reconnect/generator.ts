/**
 * Load generator for the reconnect storm (a child process): real ParleyClients, all going through a
 * TCP proxy in this process, so `drop` cuts every socket at once while the server stays up.
 */
import { ConnectionStatus, Events, ParleyClient } from '../../src/services/client/index.js';
import { BENCH_APP } from '../lib/children.js';
import { TcpProxy } from '../lib/tcp-proxy.js';
import { benchToken } from '../lib/tokens.js';
import { serveCommands } from '../lib/worker.js';

interface Entry {
  client: ParleyClient;
  /** Numbers of every message received, in arrival order. */
  got: number[];
  /** When the last catch-up finished (performance.now()). */
  caughtUp: number;
}

let proxy: TcpProxy | undefined;
let connectRetries = 0;
/** Socket attempts (CONNECTING events) since the last drop. */
let attempts = 0;
const entries = new Map<string, Entry>();

/** Resolves when `check` holds, polling; false after `timeoutMs`. */
async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

serveCommands({
  /** Creates and connects every client at once; resolves with the time until all caught up, ms. */
  async connect(args: { serverPort: number; users: string[] }) {
    proxy = await TcpProxy.start(args.serverPort);
    const t0 = performance.now();
    await Promise.all(
      args.users.map(async (user) => {
        const client = new ParleyClient({ appkey: BENCH_APP.appKey, navi: proxy!.url, timeout: 20_000 });
        const entry: Entry = { client, got: [], caughtUp: 0 };
        entries.set(user, entry);
        client.addEventListener(Events.MESSAGES, ({ messages }) => {
          for (const m of messages) entry.got.push((m.content as { n: number }).n);
        });
        client.addEventListener(Events.PULL_OFFLINE_MESSAGE_FINISHED, () => (entry.caughtUp = performance.now()));
        client.addEventListener(Events.CONNECTING, () => attempts++);
        // A first connect that fails is not retried by the client (by design); an app retries it.
        for (let attempt = 0; ; attempt++) {
          const res = await client.connect(benchToken(user));
          if (res.code === 0) break;
          if (attempt === 20) throw new Error(`${user}: connect ${res.code} ${res.msg ?? ''}`);
          connectRetries++;
          await new Promise((r) => setTimeout(r, 200 + Math.random() * 800));
        }
      }),
    );
    const ok = await until(() => [...entries.values()].every((e) => e.caughtUp > 0), 60_000);
    const times = [...entries.values()].map((e) => e.caughtUp - t0);
    return { ms: Math.max(...times), times, ok, retries: connectRetries };
  },

  /** Cuts every socket; resolves with how many were cut. */
  drop() {
    for (const e of entries.values()) e.caughtUp = 0;
    attempts = 0;
    return { cut: proxy!.cutAll(), at: performance.now() };
  },

  /** Waits until every client is connected again and caught up; ms since `drop`. */
  async resynced(args: { since: number; timeoutMs: number }) {
    const ok = await until(
      () =>
        [...entries.values()].every(
          (e) => e.caughtUp > 0 && e.client.getConnectionStatus() === ConnectionStatus.CONNECTED,
        ),
      args.timeoutMs,
    );
    const times = [...entries.values()].map((e) => e.caughtUp - args.since);
    return { ok, ms: Math.max(...times), times, attempts, reconnected: times.filter((t) => t > 0).length };
  },

  /** Received message count across clients (for polling). */
  received() {
    let n = 0;
    for (const e of entries.values()) n += e.got.length;
    return n;
  },

  /** Compares each user's inbox with the numbers it should have: missing, duplicated, unexpected. */
  verify(args: { expected: Record<string, number[]> }) {
    let missing = 0;
    let duplicated = 0;
    let unexpected = 0;
    const examples: string[] = [];
    for (const [user, e] of entries) {
      const want = new Set(args.expected[user] ?? []);
      const seen = new Set<number>();
      for (const n of e.got) {
        if (seen.has(n)) duplicated++;
        else if (!want.has(n)) unexpected++;
        seen.add(n);
      }
      for (const n of want) {
        if (!seen.has(n)) {
          missing++;
          if (examples.length < 5) examples.push(`${user} lacks #${n}`);
        }
      }
    }
    return { missing, duplicated, unexpected, examples, proxyCuts: proxy?.cuts ?? 0 };
  },

  async closeAll() {
    await Promise.all([...entries.values()].map((e) => e.client.disconnect()));
    entries.clear();
    await proxy?.close();
    return true;
  },
});
