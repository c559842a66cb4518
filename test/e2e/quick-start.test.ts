// End to end: the README's "Use it in an app" code is examples/quick-start (checked here to match the README
// word for word), and it works as written: its backend hands out tokens through the typed Server API client,
// its page connects, and two users chat through the three elements in their sized boxes.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { startServer, type RunningServer } from '../../server/index.js';
import { launchChromium } from './harness.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const example = join(root, 'examples/quick-start');
const TIMEOUT = 15_000;

let dataDir: string;
let server: RunningServer;
let backend: ChildProcess;
let vite: ViteDevServer;
let pageUrl: string;
let browser: Browser;
const errors: string[] = [];

/** Starts examples/quick-start/backend.ts as an app would run it, and resolves with its port. */
async function startBackend(): Promise<number> {
  backend = spawn(process.execPath, ['--import', 'tsx', join(example, 'backend.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      PARLEY_URL: server.url,
      PARLEY_APP_KEY: server.appKey,
      PARLEY_APP_SECRET: server.appSecret,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  for await (const chunk of backend.stdout!) {
    output += String(chunk);
    const port = /"port":(\d+)/.exec(output)?.[1];
    if (port) return Number(port);
  }
  throw new Error(`the example backend exited without listening: ${output}`);
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'parley-quick-start-'));
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir });
  const backendPort = await startBackend();
  vite = await createServer({
    configFile: false,
    root: example,
    cacheDir: join(dataDir, 'vite-cache'),
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 0, ws: false, proxy: { '/token': `http://127.0.0.1:${backendPort}` } },
    // The package's published names, served from this checkout's sources.
    resolve: {
      alias: [
        { find: /^parley$/, replacement: join(root, 'src/index.ts') },
        { find: /^parley\/client$/, replacement: join(root, 'src/services/client/index.ts') },
      ],
    },
  });
  await vite.listen();
  pageUrl = vite.resolvedUrls!.local[0]!;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await vite?.close();
  if (backend && backend.exitCode === null) {
    backend.kill();
    await once(backend, 'exit');
  }
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function open(query: string, viewport = { width: 1000, height: 700 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(new URL(`?${query}`, pageUrl).href);
  return page;
}

test('the README shows the example files as they are', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const shown = blocks.filter((block) => /^(\/\/|<!--) examples\//.test(block));
  assert.ok(shown.length >= 3, 'the README shows app.ts, backend.ts and the page');
  for (const block of shown) {
    const path = /examples\/[\w./-]+/.exec(block)![0];
    const file = readFileSync(join(root, path), 'utf8');
    // A script is shown whole; the page as an excerpt (its first line says which file).
    const body = block.startsWith('<!--') ? block.slice(block.indexOf('\n') + 1) : block;
    assert.ok(file.includes(body), `README block for ${path} differs from the file`);
  }
});

test('two users chat through the quick start page, each element in its sized box', async () => {
  const alice = await open('user=alice&chatWith=bob');
  const input = alice.locator('message-editor textarea');
  await input.waitFor();
  await input.fill('Hello from the quick start');
  await input.press('Enter');
  await alice.locator('message-list').getByText('Hello from the quick start').waitFor();

  const bob = await open('user=bob');
  const conversation = bob.locator('conversation-list [role=option]', { hasText: 'alice' });
  await conversation.getByText('Hello from the quick start').waitFor();
  await conversation.click();
  await bob.locator('message-list').getByText('Hello from the quick start').waitFor();
  // English, as the example asks (the kit's default is zh_CN).
  await bob.locator('message-editor textarea[placeholder]').waitFor();
  assert.match((await bob.locator('message-editor textarea').getAttribute('placeholder')) ?? '', /[A-Za-z]/);

  // The elements fill their boxes: the list is the column's height, the message list the space above the editor.
  const box = async (selector: string) => (await bob.locator(selector).boundingBox())!;
  const [list, messages, editor] = [
    await box('conversation-list'),
    await box('message-list'),
    await box('message-editor'),
  ];
  assert.ok(list.height >= 650, `conversation list ${list.height}px tall`);
  assert.ok(messages.height >= 400, `message list ${messages.height}px tall`);
  assert.ok(editor.y >= messages.y + messages.height - 1, 'the editor sits below the messages');
  assert.deepEqual(errors, []);
  await alice.close();
  await bob.close();
});

test('on a phone the page stacks the list above the chat, each at full width', async () => {
  const page = await open('user=carol&chatWith=alice', { width: 390, height: 844 });
  await page.locator('message-editor textarea').waitFor();
  const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
  const [list, messages, editor] = [
    await box('conversation-list'),
    await box('message-list'),
    await box('message-editor'),
  ];
  for (const [name, b] of [
    ['list', list],
    ['messages', messages],
    ['editor', editor],
  ] as const)
    assert.ok(b.width >= 380, `${name} is ${b.width}px wide`);
  assert.ok(messages.y >= list.y + list.height - 1, 'the messages sit below the list');
  assert.ok(messages.height >= 250, `message list ${messages.height}px tall`);
  assert.ok(editor.y + editor.height <= 845, 'the editor is on screen');
  await page.close();
});
