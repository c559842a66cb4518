// Browser tests of the kit's elements, in Debian Chromium, against a real Parley server.
//
// The `parley-server` plugin starts the server (fresh temp data folder, no send rate limit) when the
// test runner starts and stops it at the end. Tests reach it only through two test-only routes on
// the test page's own origin, so the App Secret never reaches the browser:
//   GET /__parley/session?user=<id>&name=<name>&portraitUri=<uri>  → { navi, appkey, token, userId }
//   POST /__parley/api?path=/message/private/publish.json (JSON body: params) → the Server API reply
// The screenshot tests (`*.visual.test.ts`) run apart, with web-test-runner.visual.config.mjs, which adds
// `clockControl`: one more route fixes what time it is on the server, so times in screenshots never change:
//   POST /__parley/clock?at=<ms>[&fresh=1] → the server's clock reads `at` from now on (and runs on from there);
//   `fresh=1` first replaces the server with a new, empty one (message times only move forward in one server).
// A second server keeps the default send limit (5 a second, as the seeds say) and can be stopped and
// started again, for the outgoing queue's and the connection banner's tests (its recall window is 3 s, so the
// message menu's tests see the server's window cap a longer `maxRecallDuration`):
//   GET /__parley/session?user=<id>&server=paced  → a session on it
//   POST /__parley/paced?action=stop|start        → a real outage of it (same port and data after start)
//   POST /__parley/paced?action=hang              → stops it and holds its port: connects are accepted and never
//                                                   answered, so a client stays "connecting" (screenshots)
import { createServer as createTcpServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';

const ALLOWED_API_PATHS = new Set([
  '/user/getToken.json',
  '/message/private/publish.json',
  '/message/group/publish.json',
  '/group/create.json',
  '/group/join.json',
  '/group/quit.json',
  '/message/recall.json',
  // Chatrooms: create, publish, moderate, destroy (the kit's chatroom tests).
  '/chatroom/create.json',
  '/chatroom/create_new.json',
  '/chatroom/destroy.json',
  '/message/chatroom/publish.json',
  '/chatroom/user/gag/add.json',
  '/chatroom/user/gag/rollback.json',
  '/chatroom/ban/add.json',
  '/chatroom/ban/rollback.json',
  '/chatroom/user/ban/whitelist/add.json',
  '/chatroom/user/ban/whitelist/rollback.json',
  '/chatroom/user/block/add.json',
  '/chatroom/user/block/rollback.json',
  '/chatroom/user/ban/add.json',
  '/chatroom/user/ban/remove.json',
  // Room profiles and closing a room (message-list/chatroom-profile.test.ts).
  '/chatroom/update.json',
  '/chatroom/toggleCloseStat.json',
  // Anonymous guests (message-list/chatroom-guests.test.ts).
  '/chatroom/guest/allow.json',
  '/chatroom/guest/token.json',
  // Moderation: refused sends shown as failed (message-list/refusals.test.ts).
  '/user/blacklist/add.json',
  '/user/ban/add.json',
  '/sensitiveword/add.json',
  '/sensitiveword/delete.json',
  // Load shedding per room (the kit shows an own message that was dropped).
  '/chatroom/shedding/set.json',
]);

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

/** @param {{ clockControl?: boolean }} [options] */
export function parleyServerPlugin({ clockControl = false } = {}) {
  let server;
  let api;
  let dataDir;
  // The server's time: the real clock shifted by `offset` (0 unless a visual test set it).
  let offset = 0;
  const clock = { now: () => Date.now() + offset };
  async function stop() {
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    server = undefined;
    dataDir = undefined;
  }
  async function start() {
    // Loaded through tsx so the server's TypeScript runs as is.
    const { tsImport } = await import('tsx/esm/api');
    const { startServer } = await tsImport('./server/index.ts', import.meta.url);
    const { createServerApiClient } = await tsImport('./server/api-client.ts', import.meta.url);
    dataDir = mkdtempSync(join(tmpdir(), 'parley-wtr-'));
    // Every member hears joins and quits, so the kit can show join/leave notices live; rooms keep
    // their history, so the kit can page back in them.
    server = await startServer({
      port: 0,
      dataDir,
      sendRatePerSecond: 0,
      chatroom: { userChangeNotify: 'all', historyEnabled: true },
      // One mobile session per user (the kit's tests connect as web, unlimited): the banner's kicked state.
      maxDevicesPerPlatform: { mobile: 1 },
      ...(clockControl ? { clock } : {}),
    });
    api = createServerApiClient({
      baseUrl: server.url,
      appKey: server.appKey,
      appSecret: server.appSecret,
      now: clock.now,
    });
  }
  /** The second server: default send limit, stoppable. */
  const paced = { server: undefined, api: undefined, dataDir: undefined, port: 0, start: undefined, hold: undefined };
  /** Listens on the paced server's port and answers nothing, until released. */
  async function holdPacedPort() {
    const sockets = new Set();
    const hold = createTcpServer((socket) => sockets.add(socket));
    await new Promise((resolve, reject) => hold.once('error', reject).listen(paced.port, resolve));
    paced.hold = async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => hold.close(resolve));
      paced.hold = undefined;
    };
  }
  async function startPaced() {
    const { tsImport } = await import('tsx/esm/api');
    const { startServer } = await tsImport('./server/index.ts', import.meta.url);
    const { createServerApiClient } = await tsImport('./server/api-client.ts', import.meta.url);
    paced.dataDir ??= mkdtempSync(join(tmpdir(), 'parley-wtr-paced-'));
    paced.start = async () => {
      paced.server = await startServer({ port: paced.port, dataDir: paced.dataDir, recallWindowMs: 3000 });
      paced.port = paced.server.port;
      paced.api = createServerApiClient({
        baseUrl: paced.server.url,
        appKey: paced.server.appKey,
        appSecret: paced.server.appSecret,
      });
    };
    await paced.start();
  }
  return {
    name: 'parley-server',
    async serverStart() {
      await start();
      await startPaced();
    },
    async serve(ctx) {
      if (ctx.path === '/__parley/paced' && ctx.method === 'POST') {
        if ((ctx.query.action === 'stop' || ctx.query.action === 'hang') && paced.server) {
          await paced.server.close();
          paced.server = undefined;
        }
        if (ctx.query.action === 'hang' && !paced.hold) await holdPacedPort();
        if (ctx.query.action === 'start' && !paced.server) {
          await paced.hold?.();
          await paced.start();
        }
        return { type: 'json', body: JSON.stringify({ running: !!paced.server }) };
      }
      if (ctx.path === '/__parley/session' && ctx.query.server === 'paced') {
        const userId = String(ctx.query.user ?? '');
        if (!paced.server) {
          await paced.hold?.();
          await paced.start();
        }
        const res = await paced.api.call('/user/getToken.json', { userId, name: userId, portraitUri: '' });
        return {
          type: 'json',
          body: JSON.stringify({
            navi: paced.server.url,
            appkey: paced.server.appKey,
            token: res.token,
            userId,
            code: res.code,
          }),
        };
      }
      if (ctx.path === '/__parley/session') {
        const userId = String(ctx.query.user ?? '');
        const res = await api.call('/user/getToken.json', {
          userId,
          name: String(ctx.query.name ?? userId),
          portraitUri: String(ctx.query.portraitUri ?? ''),
        });
        return {
          type: 'json',
          body: JSON.stringify({ navi: server.url, appkey: server.appKey, token: res.token, userId, code: res.code }),
        };
      }
      if (ctx.path === '/__parley/api' && ctx.method === 'POST') {
        const path = String(ctx.query.path ?? '');
        if (!ALLOWED_API_PATHS.has(path)) return { type: 'json', body: JSON.stringify({ code: 404 }) };
        const params = JSON.parse((await readBody(ctx.req)) || '{}');
        return { type: 'json', body: JSON.stringify(await api.call(path, params)) };
      }
      if (clockControl && ctx.path === '/__parley/clock' && ctx.method === 'POST') {
        const at = Number(ctx.query.at);
        if (!Number.isFinite(at) || at <= 0) return { type: 'json', body: JSON.stringify({ code: 400 }) };
        if (ctx.query.fresh === '1') await stop();
        offset = at - Date.now();
        if (!server) await start();
        return { type: 'json', body: JSON.stringify({ code: 200, now: clock.now() }) };
      }
      return undefined;
    },
    async serverStop() {
      await stop();
      await paced.hold?.();
      await paced.server?.close();
      if (paced.dataDir) rmSync(paced.dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, started the way TOOLCHAIN.md says works here. */
export const chromiumLaunchOptions = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export default {
  files: ['src/**/*.test.ts', '!src/**/*.visual.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  // The whole browser run (~20 files, one at a time) takes 2–4 min on a busy 2-core machine.
  testsFinishTimeout: 600000,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json' }), parleyServerPlugin()],
  browsers: [playwrightLauncher({ product: 'chromium', launchOptions: chromiumLaunchOptions })],
};
