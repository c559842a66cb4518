// Screenshots of the three elements with a realistic group chat (see visual-scene.ts): light, dark, the three
// languages and two base sizes. Compare: npm run test:visual; redraw after an intended change: npm run test:visual:update.
import { visualDiff } from '@web/test-runner-visual-regression';
import { alicesMorning, mountScene, settle, tripChatShown } from './visual-scene.js';
import { disconnectAll } from './test-utils.js';

// Tall enough for the whole conversation once bubbles fit their content; the tail shows in any case.
const WIDE = { width: 1100, height: 1240 };

describe('the chat, seen', () => {
  afterEach(disconnectAll);

  const scenes: { name: string; language?: string; theme?: 'dark'; baseSize?: string }[] = [
    { name: 'chat-en' },
    { name: 'chat-dark', theme: 'dark' },
    { name: 'chat-zh_CN', language: 'zh_CN' },
    { name: 'chat-ja', language: 'ja' },
    { name: 'chat-base-12px', baseSize: '12px' },
    { name: 'chat-base-20px', baseSize: '20px' },
  ];
  for (const scene of scenes) {
    it(scene.name, async () => {
      const alice = await alicesMorning(scene.language ?? 'en');
      const root = await mountScene(alice, { ...WIDE, theme: scene.theme, baseSize: scene.baseSize });
      await settle(root, () => tripChatShown(root));
      await visualDiff(root, scene.name);
    });
  }
});
