// End to end: the browser upload path (XMLHttpRequest with progress and abort) against the demo's server.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../scripts/demo.js';

let dataDir: string;
let demo: RunningDemo;
let browser: Browser;
let page: Page;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-upload-'));
  demo = await startDemo({ serverPort: 0, demoPort: 0, dataDir });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
  });
  page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(new URL('/demo/session.json?user=carol', demo.demoUrl).toString());
});

after(async () => {
  await browser?.close();
  await demo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('uploadFile in a browser: XHR progress, a cross-origin URL that loads, and abort', async () => {
  // The demo's Vite serves files outside its root through /@fs/.
  const modulePath = '/@fs' + fileURLToPath(new URL('../../src/services/client/upload.ts', import.meta.url));
  // A string, not a function: tsx would add helpers (__name) that do not exist in the page.
  const script = `(async () => {
    const session = await (await fetch('/demo/session.json?user=carol')).json();
    const { uploadFile } = await import(${JSON.stringify(modulePath)});
    const progress = [];
    const png = new Blob([new Uint8Array(300000).fill(1)], { type: 'image/png' });
    const done = await uploadFile(png, { navi: session.navi, token: session.token, kind: 'image', onProgress: (l, t) => progress.push(l / t) });
    const served = done.data ? await fetch(done.data.url) : null;
    const controller = new AbortController();
    const big = new Blob([new Uint8Array(8000000)], { type: 'application/zip' });
    const cancelled = await uploadFile(big, { navi: session.navi, token: session.token, kind: 'file', signal: controller.signal, onProgress: () => controller.abort() });
    return { code: done.code, url: done.data ? done.data.url : '', last: progress[progress.length - 1], status: served && served.status,
      type: served && served.headers.get('content-type'), cancelled };
  })()`;
  const result = (await page.evaluate(script)) as {
    code: number;
    url: string;
    last: number;
    status: number;
    type: string;
    cancelled: unknown;
  };
  assert.equal(result.code, 0);
  assert.equal(result.last, 1);
  assert.match(result.url, /^http:\/\/127\.0\.0\.1:\d+\/media\//);
  assert.equal(result.status, 200);
  assert.equal(result.type, 'image/png');
  assert.deepEqual(result.cancelled, { code: 34011, msg: 'cancelled' });
});
