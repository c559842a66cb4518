/** Shared helpers for the client tests: a real server on loopback and event recording. */
import { mkdtempSync, rmSync } from 'node:fs';
import { after, before } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServerApiClient, type ServerApiClient } from '../../server/api-client.js';
import { startServer, type RunningServer, type ServerOptions } from '../../server/index.js';
import {
  Events,
  ParleyClient,
  type EventName,
  type IInitOption,
  type IReceivedConversation,
  type IReceivedMessage,
} from '../../src/services/client/index.js';

/** A server in a fresh temp data folder, plus a signed Server API client for it. */
export interface TestServer {
  server: RunningServer;
  api: ServerApiClient;
  dataDir: string;
  /** A token for `userId` (registers the user). */
  token(userId: string): Promise<string>;
  /** Client options pointing at this server (fast reconnects for tests). */
  options(extra?: Partial<IInitOption>): IInitOption;
  /** Stops the server (keeps the data folder). */
  stop(): Promise<void>;
  /** Starts the server again on the same port and data folder. */
  restart(): Promise<void>;
  /** Stops the server and deletes the data folder. */
  dispose(): Promise<void>;
}

export async function startTestServer(extra: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-client-test-'));
  const base: ServerOptions = { port: 0, host: '127.0.0.1', dataDir, sendRatePerSecond: 0, ...extra };
  let server = await startServer(base);
  const port = server.port;
  const t: TestServer = {
    get server() {
      return server;
    },
    api: createServerApiClient({ baseUrl: server.url, appKey: server.appKey, appSecret: server.appSecret }),
    dataDir,
    async token(userId) {
      const res = await t.api.call('/user/getToken.json', { userId, name: userId, portraitUri: '' });
      if (res.code !== 200) throw new Error(`getToken failed: ${JSON.stringify(res)}`);
      return res.token as string;
    },
    options(more = {}) {
      return {
        appkey: server.appKey,
        navi: server.url,
        timeout: 3000,
        reconnectMinDelay: 50,
        reconnectMaxDelay: 400,
        ...more,
      };
    },
    async stop() {
      await server.close();
    },
    async restart() {
      server = await startServer({ ...base, port });
    },
    async dispose() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

/** A suite's server: started before its tests, closed after them with every client it connected. */
export interface SuiteServer {
  /** The running server; usable inside tests and hooks (it forwards to the server started by `before`). */
  t: TestServer;
  /** Connects `userId` (waiting until it caught up); the client is disconnected after the suite. */
  connect(userId: string, extra?: Partial<IInitOption>): ReturnType<typeof connectedClient>;
  /** Disconnects these clients after the suite too (for clients a test makes itself). */
  track(...clients: ParleyClient[]): void;
}

/**
 * Registers `before`/`after` hooks in the calling `describe` that run a test server for it;
 * `setUp` runs once the server is up (groups, users the suite needs).
 */
export function useTestServer(
  extra: Partial<ServerOptions> = {},
  setUp?: (t: TestServer) => Promise<unknown>,
): SuiteServer {
  let running: TestServer | undefined;
  const clients: ParleyClient[] = [];
  const current = (): TestServer => {
    if (!running) throw new Error('the suite server is used before its before() hook ran');
    return running;
  };
  before(async () => {
    running = await startTestServer(extra);
    await setUp?.(running);
  });
  after(async () => {
    for (const c of clients) await c.disconnect();
    await running?.dispose();
  });
  const t: TestServer = {
    get server() {
      return current().server;
    },
    get api() {
      return current().api;
    },
    get dataDir() {
      return current().dataDir;
    },
    token: (userId) => current().token(userId),
    options: (more) => current().options(more),
    stop: () => current().stop(),
    restart: () => current().restart(),
    dispose: () => current().dispose(),
  };
  return {
    t,
    async connect(userId, more) {
      const connected = await connectedClient(current(), userId, more);
      clients.push(connected.client);
      return connected;
    },
    track: (...more) => void clients.push(...more),
  };
}

/** One recorded event. */
export interface Recorded {
  event: EventName;
  arg: unknown;
}

const RECORDED: EventName[] = [
  Events.CONNECTING,
  Events.CONNECTED,
  Events.DISCONNECT,
  Events.SUSPEND,
  Events.MESSAGES,
  Events.CONVERSATION,
  Events.PULL_OFFLINE_MESSAGE_FINISHED,
];

/** Records a client's events in order. */
export class Recorder {
  readonly events: Recorded[] = [];

  constructor(readonly client: ParleyClient) {
    for (const event of RECORDED) {
      client.addEventListener(event, ((arg?: unknown) => this.events.push({ event, arg })) as never);
    }
  }

  /** Names of the recorded events, in order. */
  names(filter?: EventName[]): EventName[] {
    return this.events.map((e) => e.event).filter((e) => !filter || filter.includes(e));
  }

  count(event: EventName): number {
    return this.events.filter((e) => e.event === event).length;
  }

  /** Every message from MESSAGES events, in order. */
  messages(): IReceivedMessage[] {
    return this.events
      .filter((e) => e.event === Events.MESSAGES)
      .flatMap((e) => (e.arg as { messages: IReceivedMessage[] }).messages);
  }

  /** The newest CONVERSATION snapshot of one conversation, if any. */
  conversation(conversationType: number, targetId: string): IReceivedConversation | undefined {
    let found: IReceivedConversation | undefined;
    for (const e of this.events) {
      if (e.event !== Events.CONVERSATION) continue;
      for (const { conversation } of (e.arg as { conversationList: Array<{ conversation: IReceivedConversation }> })
        .conversationList) {
        if (conversation.conversationType === conversationType && conversation.targetId === targetId)
          found = conversation;
      }
    }
    return found;
  }

  clear(): void {
    this.events.length = 0;
  }
}

/** Polls `check` until it returns true, or fails after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A connected client with a recorder. */
export async function connectedClient(t: TestServer, userId: string, extra?: Partial<IInitOption>) {
  const client = new ParleyClient(t.options(extra));
  const recorder = new Recorder(client);
  const res = await client.connect(await t.token(userId));
  if (res.code !== 0) throw new Error(`connect ${userId} failed: ${res.code} ${res.msg ?? ''}`);
  await waitFor(() => recorder.count(Events.PULL_OFFLINE_MESSAGE_FINISHED) > 0, `${userId} caught up`);
  return { client, recorder };
}
