// A screenshot of <conversation-list> alone at a sidebar's width: Alice's chats with unread badges (2, 12, 99+),
// avatars with pictures and with initials, one selected. Compare: npm run test:visual; redraw: npm run test:visual:update.
import { visualDiff } from '@web/test-runner-visual-regression';
import { disconnectAll, items } from '../shared/test-utils.js';
import { alicesMorning, mountScene, settle } from '../shared/visual-scene.js';

describe('<conversation-list>, seen', () => {
  afterEach(disconnectAll);

  it('conversation-list-badges', async () => {
    const alice = await alicesMorning();
    const root = await mountScene(alice, { width: 320, height: 420, show: 'list' });
    await settle(root, () => items(root.querySelector('conversation-list')!).length === 5);
    await visualDiff(root, 'conversation-list-badges');
  });
});
