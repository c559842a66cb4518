/** Test helpers: a server on a free port over a fresh temp data dir, and a tiny ws client. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { InboxPush, ReplyFrame, ServerFrame } from '../../src/protocol/frames.js';
import { createServerApiClient, type ServerApiClient } from '../../server/api-client.js';
import { startServer, type RunningServer, type ServerOptions } from '../../server/index.js';
import { createTestDatabase, testEngine, type TestDatabase } from './pg-harness.js';

/** A clock tests can set and advance. */
export class TestClock {
  constructor(public time = 1_700_000_000_000) {}
  now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

export interface TestServer {
  server: RunningServer;
  api: ServerApiClient;
  dataDir: string;
  /** The PostgreSQL database the server uses, when it uses one. */
  databaseUrl?: string;
  /** Gets a token for a user through the Server API. */
  token(userId: string, extra?: Record<string, string | number>): Promise<string>;
  /** Opens a socket and connects it as the user. */
  connect(userId: string): Promise<TestSocket>;
  close(): Promise<void>;
}

export function tempDir(prefix = 'parley-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Starts a server on port 0 with a fresh data dir (or the given one). Under `useEngine('postgres')`
 * (the `*.pg.test.ts` files) it also gets a fresh PostgreSQL database, dropped on close, unless
 * `databaseUrl` is given.
 */
export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDir();
  const database: TestDatabase | null =
    testEngine() === 'postgres' && !options.databaseUrl ? await createTestDatabase() : null;
  const server = await startServer({
    port: 0,
    ...options,
    dataDir,
    ...(database ? { databaseUrl: database.url } : {}),
  });
  const clock = options.clock;
  const api = createServerApiClient({
    baseUrl: server.url,
    appKey: server.appKey,
    appSecret: server.appSecret,
    now: clock ? () => clock.now() : undefined,
  });
  const sockets: TestSocket[] = [];
  const t: TestServer = {
    server,
    api,
    dataDir,
    databaseUrl: database?.url ?? options.databaseUrl,
    async token(userId, extra = {}) {
      const res = await api.call('/user/getToken.json', { userId, name: `User ${userId}`, ...extra });
      if (res.code !== 200) throw new Error(`getToken: ${JSON.stringify(res)}`);
      return res.token as string;
    },
    async connect(userId) {
      const socket = await TestSocket.open(server.url);
      sockets.push(socket);
      const res = await socket.request('connect', { token: await t.token(userId), appkey: server.appKey });
      if (res.code !== 0) throw new Error(`connect: ${JSON.stringify(res)}`);
      return socket;
    },
    async close() {
      for (const s of sockets) s.close();
      await server.close();
      await database?.drop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

/** A ws client that records every frame and lets tests await replies and pushes. */
export class TestSocket {
  readonly frames: ServerFrame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private nextId = 1;
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as ServerFrame);
      for (const w of this.waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  static open(baseUrl: string): Promise<TestSocket> {
    const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + '/ws');
    const socket = new TestSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(socket));
      ws.once('error', reject);
    });
  }

  /** Sends a request frame and resolves with its reply. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read the reply fields they assert on
  async request<D = any>(op: string, data: Record<string, unknown> = {}): Promise<ReplyFrame<D>> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ id, op, data }));
    return this.waitFor((f): f is ReplyFrame<D> => 'reply' in f && f.reply === id);
  }

  /** Sends raw text (or binary) and resolves with the next reply frame that arrives after it. */
  async sendRaw(payload: string | Buffer, binary = false): Promise<ReplyFrame> {
    const start = this.frames.length;
    this.ws.send(payload, { binary });
    return this.waitFor((f): f is ReplyFrame => 'reply' in f, start);
  }

  /** All inbox pushes so far. */
  get pushes(): InboxPush[] {
    return this.frames.filter((f): f is InboxPush => 'push' in f);
  }

  /** Waits until the pushes hold at least `count` message items; resolves with all items. */
  async waitForItems(count: number, timeoutMs = 3000) {
    await this.waitFor(() => this.pushes.flatMap((p) => p.data.items).length >= count, 0, timeoutMs);
    return this.pushes.flatMap((p) => p.data.items);
  }

  /** Resolves with the first frame from `from` on that matches, waiting for new frames. */
  waitFor<F extends ServerFrame>(match: (f: ServerFrame) => boolean, from = 0, timeoutMs = 3000): Promise<F> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out; frames: ${JSON.stringify(this.frames).slice(0, 2000)}`)),
        timeoutMs,
      );
      const check = () => {
        const found = this.frames.slice(from).find(match);
        if (found) {
          clearTimeout(timer);
          resolve(found as F);
        } else this.waiters.push(check);
      };
      check();
    });
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
  }
}

/** A text message request for `sendMessage`. */
export function textMessage(conversationType: 1 | 3, targetId: string, text: string, clientMessageId: string) {
  return { conversationType, targetId, messageType: 'RC:TxtMsg', content: { content: text }, clientMessageId };
}

/** Sleeps. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
