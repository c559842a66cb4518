// Starts what `npm start` starts: the IM server, the demo users and group, and the demo pages on Vite.
// Importable, so the end-to-end test runs exactly this on free ports and a temporary data folder.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Plugin } from 'vite';
import {
  createServerApiClient,
  startServer,
  type RunningServer,
  type ServerApiClient as ApiClient,
} from '../server/index.js';
import { findUser, groups, liveRoom, users } from '../demo/directory.js';

export interface DemoOptions {
  /** IM server port; 0 picks a free one. */
  serverPort: number;
  /** Demo (Vite) port; 0 picks a free one. */
  demoPort: number;
  dataDir: string;
  host?: string;
}

export interface RunningDemo {
  /** The demo page, e.g. `http://127.0.0.1:5173/`. */
  demoUrl: string;
  /** The IM server (WebSocket gateway and Server API): URL, credentials, data folder. */
  server: RunningServer;
  close(): Promise<void>;
}

/** Registers the demo users (name, avatar), the demo group and the live chatroom; every call is idempotent on the server. */
async function seed(api: ApiClient): Promise<void> {
  for (const user of users) await getToken(api, user.id);
  for (const group of groups) {
    await api.request('/group/create.json', { userId: [...group.memberIds], groupId: group.id, groupName: group.name });
  }
  // The live room, kept alive so an idle hour does not destroy it (a join would recreate it anyway). Its host
  // is the room's creator (seeds 003 roles): the moderator, whom mute-all spares.
  await api.request('/chatroom/create_new.json', { chatroomId: liveRoom.id, creatorId: liveRoom.hostId });
  await api.request('/chatroom/keepalive/add.json', { chatroomId: liveRoom.id });
}

async function getToken(api: ApiClient, userId: string): Promise<string> {
  const user = findUser(userId);
  if (!user) throw new Error(`not a demo user: ${userId}`);
  const { token } = await api.request('/user/getToken.json', {
    userId,
    name: user.name,
    portraitUri: user.portraitUri,
  });
  return token;
}

/**
 * `GET /demo/session.json?user=alice` → `{navi, appkey, userId, token}`. This stands in for the app's own
 * backend: it holds the App Secret and hands the browser only a user token.
 */
function sessionPlugin(api: ApiClient, navi: string, appkey: string): Plugin {
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(JSON.stringify(body));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const userId = new URL(req.url ?? '/', 'http://demo').searchParams.get('user') ?? '';
    if (!findUser(userId)) return send(res, 404, { error: `unknown demo user "${userId}"` });
    try {
      send(res, 200, { navi, appkey, userId, token: await getToken(api, userId) });
    } catch (error) {
      send(res, 502, { error: String(error) });
    }
  };
  return {
    name: 'parley-demo-session',
    configureServer(server) {
      server.middlewares.use('/demo/session.json', (req, res) => void handle(req, res));
    },
  };
}

/** The moderator panel's actions, as Server API calls on the live room. */
const MODERATION: Record<string, { path: string; timed: boolean; user: boolean }> = {
  gag: { path: '/chatroom/user/gag/add.json', timed: true, user: true },
  ungag: { path: '/chatroom/user/gag/rollback.json', timed: false, user: true },
  block: { path: '/chatroom/user/block/add.json', timed: true, user: true },
  unblock: { path: '/chatroom/user/block/rollback.json', timed: false, user: true },
  banAll: { path: '/chatroom/ban/add.json', timed: false, user: false },
  unbanAll: { path: '/chatroom/ban/rollback.json', timed: false, user: false },
};

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) req.destroy(new Error('body too large'));
    });
    req.on('end', () => {
      try {
        const value: unknown = JSON.parse(body || '{}');
        resolve(value && typeof value === 'object' ? (value as Record<string, unknown>) : {});
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

/**
 * `POST /demo/moderate` `{ action: 'gag' | 'ungag' | 'block' | 'unblock' | 'banAll' | 'unbanAll', userId?, minutes? }`:
 * the moderator panel of the live room. Like the session endpoint it stands in for the app's backend, which
 * holds the App Secret and calls the Server API; a real one would first check that the caller is a moderator.
 * Only the live room, only demo users other than its host, minutes 1–43200 (default 5).
 */
function moderatePlugin(api: ApiClient): Plugin {
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(JSON.stringify(body));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return send(res, 405, { error: 'POST only' });
    let body: Record<string, unknown>;
    try {
      body = await readJson(req);
    } catch {
      return send(res, 400, { error: 'a JSON body is required' });
    }
    const action = MODERATION[String(body.action)];
    if (!action || !Object.hasOwn(MODERATION, String(body.action)))
      return send(res, 400, { error: `unknown action "${String(body.action)}"` });
    const userId = String(body.userId ?? '');
    if (action.user && !findUser(userId)) return send(res, 400, { error: `not a demo user: "${userId}"` });
    // The host moderates the room: she cannot gag or block herself out of it.
    if (action.user && userId === liveRoom.hostId) return send(res, 400, { error: 'the host cannot moderate herself' });
    const minutes = body.minutes === undefined ? 5 : Number(body.minutes);
    if (action.timed && (!Number.isInteger(minutes) || minutes < 1 || minutes > 43_200))
      return send(res, 400, { error: 'minutes: an integer 1–43200' });
    const params: Record<string, string | number | boolean> = { chatroomId: liveRoom.id, needNotify: true };
    if (action.user) params.userId = userId;
    if (action.timed) params.minute = minutes;
    try {
      const result = await api.call(action.path, params);
      send(res, result.code === 200 ? 200 : 502, result);
    } catch (error) {
      send(res, 502, { error: String(error) });
    }
  };
  return {
    name: 'parley-demo-moderate',
    configureServer(server) {
      server.middlewares.use('/demo/moderate', (req, res) => void handle(req, res));
    },
  };
}

/**
 * Vite's browser client without its socket. The demo serves no HMR socket (see `ws: false` below), and the
 * real client would only try to reach it, logging "[vite] connecting…" and "failed to connect to websocket"
 * on every page load. Pages and modules still import it: the HTML's client tag, and the kit's computed
 * `import()` (the Node-only `ws` in socket-factory.ts), which Vite wraps in the client's `injectQuery`. So
 * the client module is loaded as that one helper (a relative or absolute URL gets `query` first in its search),
 * after Vite's `/@vite/env`, which sets the `define` values on the page as the real client does (Vue's flags).
 */
const SOCKETLESS_CLIENT = `import '/@vite/env';
export function injectQuery(url, query) {
  if (!url.startsWith('.') && !url.startsWith('/')) return url;
  const at = url.search(/[?#]/);
  const path = at < 0 ? url : url.slice(0, at);
  const { search, hash } = new URL(url, 'http://x');
  return path + '?' + query + (search ? '&' + search.slice(1) : '') + hash;
}
`;

function socketlessViteClient(): Plugin {
  return {
    name: 'parley-demo-socketless-vite-client',
    enforce: 'pre',
    // Vite resolves `/@vite/client` to its own dist/client/client.mjs and serves it through its pipeline.
    load: (id) => (id.replaceAll('\\', '/').endsWith('/vite/dist/client/client.mjs') ? SOCKETLESS_CLIENT : undefined),
  };
}

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const host = options.host ?? '127.0.0.1';
  // Every member hears joins and quits, so the live room shows "Alice joined" rows.
  const server = await startServer({
    port: options.serverPort,
    host,
    dataDir: options.dataDir,
    chatroom: { userChangeNotify: 'all' },
  });
  try {
    const api = createServerApiClient({ baseUrl: server.url, appKey: server.appKey, appSecret: server.appSecret });
    await seed(api);
    const vite = await createServer({
      configFile: false,
      root: fileURLToPath(new URL('../demo/', import.meta.url)),
      // Its own dependency cache beside the data, so demos running at once (tests, checkouts sharing
      // node_modules) never rewrite each other's pre-bundled dependencies mid-load.
      cacheDir: join(options.dataDir, 'vite-cache'),
      logLevel: 'warn',
      clearScreen: false,
      // No HMR socket. Vite's client reloads every open page when that socket comes back, so restarting
      // `npm start` would wipe the open chat and the messages queued while offline; without it the page stays and
      // the kit's own reconnect and outgoing queue carry it, as through an IM server restart in production.
      // `hmr: false` is not enough (it keeps the socket and that reload). The cost: no hot updates (reload by
      // hand after editing demo code). Without a socket Vite's browser client has nothing to do but fail to
      // connect and say so in the console: the pages get only its one helper they use (socketlessViteClient).
      server: { host, port: options.demoPort, ws: false },
      plugins: [sessionPlugin(api, server.url, server.appKey), moderatePlugin(api), socketlessViteClient()],
      // The Vue page compiles its template at run time: Vue's full build, with its feature flags set.
      resolve: { alias: { vue: 'vue/dist/vue.esm-bundler.js' } },
      define: {
        __VUE_OPTIONS_API__: 'true',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      },
      // The React page's JSX, with React 19's automatic runtime (Vite's built-in transform, no plugin).
      oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
    });
    await vite.listen().catch(async (error: unknown) => {
      await vite.close();
      throw error;
    });
    const demoUrl = vite.resolvedUrls?.local[0];
    if (!demoUrl) throw new Error('Vite did not report its URL');
    return {
      demoUrl,
      server,
      async close() {
        await vite.close();
        await server.close();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
