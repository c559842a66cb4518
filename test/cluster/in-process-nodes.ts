// Two (or more) `startServer` nodes in this process on one Redis (its own key prefix) and one data folder,
// with connected test sockets: the fixture of the cluster tests that need no separate processes.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { Redis } from 'ioredis';
import { createServerApiClient } from '../../server/api-client.js';
import { startServer, type RunningServer, type ServerOptions } from '../../server/index.js';
import { TestSocket } from '../server/helpers.js';
import { deletePrefix } from './harness.js';
import { testRedis } from './own-redis.js';

export interface InProcessNodes {
  readonly app: { appKey: string; appSecret: string };
  /** The running nodes, in the order of `nodeIds` (filled by `before`). */
  readonly nodes: RunningServer[];
  /** A socket of `userId` connected (token from the Server API) to `node`; closed after the suite. */
  connect(node: RunningServer, userId: string, platform?: string): Promise<TestSocket>;
  /** The same without expecting success: the socket and the connect reply's code. */
  tryConnect(node: RunningServer, userId: string, platform?: string): Promise<{ socket: TestSocket; code: number }>;
  /** The nodes' Redis key prefix, and its URL (once started), for tests that look at Redis itself. */
  readonly prefix: string;
  redisUrl(): string;
}

/** Registers `before`/`after` hooks that start the nodes and tear everything down, Redis keys included. */
export function useInProcessNodes(
  name: string,
  nodeIds: string[],
  options: Omit<ServerOptions, 'port' | 'dataDir' | 'appKey' | 'appSecret' | 'redisUrl' | 'redisPrefix' | 'nodeId'>,
): InProcessNodes {
  const app = { appKey: `${name}-app`, appSecret: `${name}-secret-0123456789` };
  const dataDir = mkdtempSync(join(tmpdir(), `parley-${name}-`));
  const prefix = `parley-test-${randomBytes(6).toString('hex')}:`;
  const nodes: RunningServer[] = [];
  const sockets: TestSocket[] = [];
  let engine: { url: string; stop(): Promise<void> };

  before(async () => {
    engine = await testRedis();
    for (const nodeId of nodeIds) {
      nodes.push(
        await startServer({
          chatroom: { sweepMs: 0 },
          ...options,
          port: 0,
          dataDir,
          ...app,
          redisUrl: engine.url,
          redisPrefix: prefix,
          nodeId,
        }),
      );
    }
  });
  after(async () => {
    for (const s of sockets) s.close();
    for (const n of nodes) await n.close();
    const redis = new Redis(engine.url);
    await deletePrefix(redis, prefix);
    redis.disconnect();
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function tryConnect(
    node: RunningServer,
    userId: string,
    platform?: string,
  ): Promise<{ socket: TestSocket; code: number }> {
    const now = options.clock ? () => options.clock!.now() : undefined;
    const api = createServerApiClient({ baseUrl: node.url, ...app, ...(now ? { now } : {}) });
    const token = (await api.call('/user/getToken.json', { userId, name: userId, portraitUri: '' })).token as string;
    const socket = await TestSocket.open(node.url);
    sockets.push(socket);
    return {
      socket,
      code: (await socket.request('connect', { token, appkey: app.appKey, ...(platform ? { platform } : {}) })).code,
    };
  }

  async function connect(node: RunningServer, userId: string, platform?: string): Promise<TestSocket> {
    const { socket, code } = await tryConnect(node, userId, platform);
    assert.equal(code, 0);
    return socket;
  }

  return { app, nodes, connect, tryConnect, prefix, redisUrl: () => engine.url };
}
