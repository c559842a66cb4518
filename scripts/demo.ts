// Starts what `npm start` starts: the IM server, the demo users and group, and the demo pages on Vite.
// Importable, so the end-to-end test runs exactly this on free ports and a temporary data folder.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createServer, type Plugin } from 'vite';
import { startServer, type RunningServer } from '../server/index.js';
import { createServerApiClient } from '../server/api-client.js';
import { findUser, groups, users } from '../demo/directory.js';

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

type ApiClient = ReturnType<typeof createServerApiClient>;

/** Registers the demo users (name, avatar) and the demo group; both calls are idempotent on the server. */
async function seed(api: ApiClient): Promise<void> {
  for (const user of users) await getToken(api, user.id);
  for (const group of groups) {
    const res = await api.call('/group/create.json', {
      userId: group.memberIds,
      groupId: group.id,
      groupName: group.name,
    });
    if (res.code !== 200) throw new Error(`group/create ${group.id}: ${JSON.stringify(res)}`);
  }
}

async function getToken(api: ApiClient, userId: string): Promise<string> {
  const user = findUser(userId);
  if (!user) throw new Error(`not a demo user: ${userId}`);
  const res = await api.call('/user/getToken.json', { userId, name: user.name, portraitUri: user.portraitUri });
  if (res.code !== 200 || typeof res.token !== 'string') throw new Error(`user/getToken ${userId}: ${JSON.stringify(res)}`);
  return res.token;
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

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const host = options.host ?? '127.0.0.1';
  const server = await startServer({ port: options.serverPort, host, dataDir: options.dataDir });
  try {
    const api = createServerApiClient({ baseUrl: server.url, appKey: server.appKey, appSecret: server.appSecret });
    await seed(api);
    const vite = await createServer({
      configFile: false,
      root: fileURLToPath(new URL('../demo/', import.meta.url)),
      logLevel: 'warn',
      clearScreen: false,
      server: { host, port: options.demoPort },
      plugins: [sessionPlugin(api, server.url, server.appKey)],
      // The Vue page compiles its template at run time: Vue's full build, with its feature flags set.
      resolve: { alias: { vue: 'vue/dist/vue.esm-bundler.js' } },
      define: { __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
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
