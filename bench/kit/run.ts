/**
 * Kit benchmark, side by side in one run: `<conversation-list>` with 5,000 conversations and
 * `<message-list>` with 10,000 messages, each windowed (default) and with `no-virtualize` (every row
 * rendered), in headless Chromium. Measures time to first render, frame intervals while scrolling
 * step by step and while jumping, long animation frames, a new message's update, JS heap and DOM
 * nodes. Usage: `npm run bench:kit` (or `npx tsx bench/kit/run.ts [conversations] [messages]`).
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { createServer } from 'vite';
import type { ListKind, Setup } from './page.js';
import { fmt, max, printTable, quantile } from './stats.js';

const CONVERSATIONS = Number(process.argv[2] ?? 5000);
const MESSAGES = Number(process.argv[3] ?? 10_000);
const SCROLL_STEPS = 240;
const SCROLL_PX = 150;
const JUMPS = 30;
const ARRIVALS = 7;
/** Frames scrolled (and undone) before measuring, so JIT warm-up and first-use costs stay out of the figures. */
const WARM_UP_STEPS = 30;
/** Target of DESIGN.md "Big is normal": no frame over this while the 10,000-message list scrolls. */
const FRAME_BUDGET_MS = 50;

interface Result {
  name: string;
  list: ListKind;
  virtual: boolean;
  firstRenderMs: number;
  rows: number;
  rowsAfter: number;
  scroll: number[];
  jump: number[];
  /** Main-thread task time per scrolled or jumped frame (CDP TaskDuration), ms. */
  workPerFrame: number;
  longFrames: number[];
  longFrameType: string;
  arrival: number[];
  heapMB: number;
  nodes: number;
}

type KitBench = {
  build(options: Setup): Promise<void>;
  mount(options: Setup): Promise<{ firstRenderMs: number; rows: number; longFrameType: string }>;
  scrollSteps(steps: number, px: number): Promise<number[]>;
  jumps(count: number): Promise<number[]>;
  arrivals(count: number): Promise<number[]>;
  takeLongFrames(): number[];
  rowCount(): number;
};
declare const kitBench: KitBench;

async function runCase(browser: Browser, url: string, setup: Setup): Promise<Result> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => console.error('page error:', error));
  page.on('console', (message) => {
    if (message.type() === 'error') console.error('page console:', message.text());
  });
  await page.goto(url);
  await page.waitForFunction(() => 'kitBench' in window);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  // The store's garbage (thousands of merges) is not the lists' cost: collect it before mounting and after.
  await page.evaluate((s) => kitBench.build(s), setup);
  await cdp.send('HeapProfiler.collectGarbage');
  const first = await page.evaluate((s) => kitBench.mount(s), setup);
  await cdp.send('HeapProfiler.collectGarbage');
  // Messages open at the newest and scroll up; conversations open at the top and scroll down.
  const direction = setup.list === 'messages' ? -1 : 1;
  await page.evaluate(([steps, px]) => kitBench.scrollSteps(steps, px).then(() => kitBench.scrollSteps(steps, -px)), [
    WARM_UP_STEPS,
    SCROLL_PX * direction,
  ] as const);
  await page.evaluate(() => kitBench.takeLongFrames());
  const taskTime = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN;
  const workBefore = await taskTime();
  const scroll = await page.evaluate(([steps, px]) => kitBench.scrollSteps(steps, px), [
    SCROLL_STEPS,
    SCROLL_PX * direction,
  ] as const);
  const jump = await page.evaluate((n) => kitBench.jumps(n), JUMPS);
  const workPerFrame = (((await taskTime()) - workBefore) * 1000) / (SCROLL_STEPS + JUMPS);
  const longFrames = await page.evaluate(() => kitBench.takeLongFrames());
  const rowsAfter = await page.evaluate(() => kitBench.rowCount());
  const arrival = await page.evaluate((n) => kitBench.arrivals(n), ARRIVALS);
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  await page.close();
  return {
    name: `${setup.list} ×${setup.count} ${setup.virtual ? 'windowed' : 'naive'}`,
    list: setup.list,
    virtual: setup.virtual,
    firstRenderMs: first.firstRenderMs,
    rows: first.rows,
    rowsAfter,
    scroll,
    jump,
    workPerFrame,
    longFrames,
    longFrameType: first.longFrameType,
    // The first arrival pays one-off costs (new templates): report the later ones.
    arrival: arrival.slice(1),
    heapMB: metric('JSHeapUsedSize') / 2 ** 20,
    nodes: metric('Nodes'),
  };
}

function machine(browser: Browser): string {
  let cpu = `${cpus().length} CPUs`;
  try {
    cpu = `nproc ${execFileSync('nproc').toString().trim()} (${cpus()[0]?.model.trim()})`;
  } catch {
    // nproc missing: the Node count stands.
  }
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  return `${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load average ${load}, Node ${process.version}, Chromium ${browser.version()}`;
}

async function main(): Promise<void> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const vite = await createServer({
    configFile: false,
    root,
    logLevel: 'warn',
    clearScreen: false,
    server: { host: '127.0.0.1', port: 0, hmr: false },
    // Lit's production build (no dev-mode checks), as an app ships it.
    resolve: { conditions: ['module', 'browser', 'production'] },
    optimizeDeps: { entries: ['bench/kit/index.html'] },
    // Its own dependency cache: node_modules may be shared with other checkouts running Vite.
    cacheDir: join(tmpdir(), 'parley-bench-kit-vite'),
  });
  await vite.listen();
  const url = new URL('bench/kit/index.html', vite.resolvedUrls!.local[0]).href;
  const browser = await chromium.launch({
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
  try {
    console.log(`Kit benchmark — ${machine(browser)}`);
    console.log(
      `scroll: ${SCROLL_STEPS} frames × ${SCROLL_PX}px; jumps: ${JUMPS}; arrivals: ${ARRIVALS - 1} (after a warm-up)\n`,
    );
    const results: Result[] = [];
    for (const [list, count] of [
      ['conversations', CONVERSATIONS],
      ['messages', MESSAGES],
    ] as const) {
      for (const virtual of [true, false]) {
        const started = Date.now();
        results.push(await runCase(browser, url, { list, count, virtual }));
        console.error(`  ${results.at(-1)!.name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
    }
    report(results);
  } finally {
    await browser.close();
    await vite.close();
  }
}

function report(results: Result[]): void {
  const headers = [
    'case',
    'first render ms',
    'rows in DOM',
    'DOM nodes',
    'heap MB',
    'scroll p50',
    'p95',
    'max',
    'jump p95',
    'jump max',
    'work/frame',
    'long frames',
    'longest',
    'new msg ms',
  ];
  printTable(
    headers,
    results.map((r) => [
      r.name,
      fmt(r.firstRenderMs, 0),
      `${r.rows}/${r.rowsAfter}`,
      fmt(r.nodes, 0),
      fmt(r.heapMB),
      fmt(quantile(r.scroll, 0.5)),
      fmt(quantile(r.scroll, 0.95)),
      fmt(max(r.scroll)),
      fmt(quantile(r.jump, 0.95)),
      fmt(max(r.jump)),
      fmt(r.workPerFrame),
      String(r.longFrames.length),
      fmt(max(r.longFrames)),
      fmt(quantile(r.arrival, 0.5)),
    ]),
  );
  console.log(
    `\nrows in DOM: after mounting / after scrolling. scroll, jump: requestAnimationFrame intervals, ms (they include compositor and raster stalls).` +
      `\nwork/frame: main-thread task time per scroll or jump frame, ms. long frames, longest: ${results[0]?.longFrameType} entries (main thread busy > 50 ms) while scrolling and jumping, count and ms. new msg: ms from a message's arrival to the next frame.`,
  );
  for (const list of ['conversations', 'messages'] as const) {
    const v = results.find((r) => r.list === list && r.virtual)!;
    const n = results.find((r) => r.list === list && !r.virtual)!;
    const ratio = (a: number, b: number) => `${fmt(a / b)}×`;
    console.log(
      `ratios naive/windowed, ${list}: first render ${ratio(n.firstRenderMs, v.firstRenderMs)}, DOM nodes ${ratio(n.nodes, v.nodes)}, heap ${ratio(n.heapMB, v.heapMB)}, ` +
        `scroll p95 ${ratio(quantile(n.scroll, 0.95), quantile(v.scroll, 0.95))}, jump max ${ratio(max(n.jump), max(v.jump))}, new message ${ratio(quantile(n.arrival, 0.5), quantile(v.arrival, 0.5))}`,
    );
  }
  const messages = results.find((r) => r.list === 'messages' && r.virtual)!;
  const worst = Math.max(max(messages.scroll), max(messages.jump));
  const busiest = max(messages.longFrames);
  const verdict = (ms: number) => (ms <= FRAME_BUDGET_MS ? 'met' : 'MISSED');
  console.log(
    `target (no frame over ${FRAME_BUDGET_MS} ms), windowed ${MESSAGES}-message list: longest main-thread frame ${fmt(busiest)} ms: ${verdict(busiest)}; ` +
      `longest frame interval ${fmt(worst)} ms: ${verdict(worst)}`,
  );
}

await main();
