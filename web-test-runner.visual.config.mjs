// The screenshot tests (`src/**/*.visual.test.ts`): the kit's elements drawn in Debian Chromium with real fonts,
// compared with the committed baselines in test/visual/baseline/ (@web/test-runner-visual-regression).
//   npm run test:visual          compare (a failure writes the picture and a diff to test/visual/failed/)
//   npm run test:visual:update   redraw every baseline after an intended change; look at them before committing
// Rendering is made repeatable: the UTC time zone, an en-US browser, reduced motion, one device pixel per CSS
// pixel, a server clock and a browser `Date` fixed by each scene (src/components/shared/visual-scene.ts).
import { join } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { visualRegressionPlugin } from '@web/test-runner-visual-regression/plugin';
import base, { chromiumLaunchOptions, parleyServerPlugin } from './web-test-runner.config.mjs';

/** `fix-browser-clock` { at }: the page's `Date` reads `at` from now on (timers keep running). */
function fixedBrowserClockPlugin() {
  return {
    name: 'fix-browser-clock',
    async executeCommand({ command, payload, session }) {
      if (command !== 'fix-browser-clock') return undefined;
      await session.browser.getPage(session.id).clock.setFixedTime(payload.at);
      return true;
    },
  };
}

// `npm run gallery` draws the scenes into its own folder instead of comparing them.
const gallery = process.env.PARLEY_VISUAL_GALLERY;

export default {
  ...base,
  files: ['src/**/*.visual.test.ts'],
  testFramework: { config: { timeout: 60000 } },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json' }),
    parleyServerPlugin({ clockControl: true }),
    fixedBrowserClockPlugin(),
    visualRegressionPlugin({
      update: Boolean(gallery) || process.argv.includes('--update-visual-baseline'),
      baseDir: gallery ?? 'test/visual',
      getBaselineName: ({ name }) => (gallery ? name : join('baseline', name)),
      getDiffName: ({ name }) => join('failed', `${name}-diff`),
      getFailedName: ({ name }) => join('failed', name),
      // A pixel counts as changed past pixelmatch's colour distance 0.1; a picture fails past 0.1 % changed pixels.
      diffOptions: { threshold: 0.1 },
      failureThreshold: 0.1,
      failureThresholdType: 'percent',
    }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: chromiumLaunchOptions,
      createBrowserContext: ({ browser }) =>
        browser.newContext({
          viewport: { width: 1280, height: 1300 },
          deviceScaleFactor: 1,
          timezoneId: 'UTC',
          locale: 'en-US',
          colorScheme: 'light',
          reducedMotion: 'reduce',
        }),
    }),
  ],
};
