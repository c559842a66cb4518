// What every end-to-end run needs: the demo on free ports with a throwaway data folder, and Debian's
// Chromium launched the way TOOLCHAIN.md says works here (Playwright's own browser download does not).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../scripts/demo.js';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}

export interface ScratchDemo {
  demo: RunningDemo;
  browser: Browser;
  /** Closes the browser and the demo, and deletes the data folder. */
  close(): Promise<void>;
}

/** Starts the demo as `npm start` does, but on free ports and a temporary data folder, plus a browser. */
export async function startScratchDemo(): Promise<ScratchDemo> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
  const demo = await startDemo({ serverPort: 0, demoPort: 0, dataDir });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await demo.close();
    throw error;
  });
  return {
    demo,
    browser,
    async close() {
      await browser.close();
      await demo.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
