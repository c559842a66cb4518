// Screenshots at a phone's width (390 px): the conversation list alone, then the open chat over the editor, as a
// one-column app shows them. Compare: npm run test:visual; redraw: npm run test:visual:update.
import { visualDiff } from '@web/test-runner-visual-regression';
import { alicesMorning, mountScene, settle, tripChatShown } from './visual-scene.js';
import { disconnectAll, items } from './test-utils.js';

describe('the kit at 390 px wide', () => {
  afterEach(disconnectAll);

  it('narrow-390-list', async () => {
    const alice = await alicesMorning();
    const root = await mountScene(alice, { width: 390, height: 700, show: 'list' });
    await settle(root, () => items(root.querySelector('conversation-list')!).length === 5);
    await visualDiff(root, 'narrow-390-list');
  });

  it('narrow-390-messages', async () => {
    const alice = await alicesMorning();
    const root = await mountScene(alice, { width: 390, height: 844, show: 'messages' });
    await settle(root, () => tripChatShown(root));
    await visualDiff(root, 'narrow-390-messages');
  });
});
