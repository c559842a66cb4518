// A screenshot of <conversation-list> alone at a sidebar's width: Alice's chats with unread badges (2, 12, 99+),
// avatars with pictures and with initials, one selected; and online dots (showOnlineStatus) on the peers who are
// connected. Compare: npm run test:visual; redraw: npm run test:visual:update.
import { visualDiff } from '@web/test-runner-visual-regression';
import { connectUser, disconnectAll, items, publishText } from '../shared/test-utils.js';
import {
  alicesMorning,
  at,
  freshWorld,
  mountScene,
  PROFILES,
  sceneService,
  serverTime,
  settle,
} from '../shared/visual-scene.js';

describe('<conversation-list>, seen', () => {
  afterEach(disconnectAll);

  it('conversation-list-badges', async () => {
    const alice = await alicesMorning();
    const root = await mountScene(alice, { width: 320, height: 420, show: 'list' });
    await settle(root, () => items(root.querySelector('conversation-list')!).length === 5);
    await visualDiff(root, 'conversation-list-badges');
  });

  it('conversation-list-online', async () => {
    await freshWorld(at(8, 0));
    for (const id of ['alice', 'bob', 'carol', 'dan']) {
      const { name, portraitUri } = PROFILES[id]!;
      await fetch(
        `/__parley/session?user=${id}&name=${encodeURIComponent(name)}&portraitUri=${encodeURIComponent(portraitUri)}`,
      );
    }
    for (const [i, [from, text]] of [
      ['dan', 'Back on Sunday'],
      ['carol', 'Photos are up'],
      ['bob', 'On my way!'],
    ].entries()) {
      await serverTime(at(8, 10 + i));
      await publishText(from!, 'alice', text!);
    }
    // Bob and Dan are connected, Carol is not.
    await connectUser('bob', sceneService);
    await connectUser('dan', sceneService);
    const alice = await connectUser('alice', sceneService, { language: 'en', showOnlineStatus: true });
    const root = await mountScene(alice, { width: 320, height: 260, show: 'list' });
    const list = root.querySelector('conversation-list')!;
    await settle(
      root,
      () => items(list).length === 3 && list.shadowRoot!.querySelectorAll('[part="online-dot"]').length === 2,
    );
    await visualDiff(root, 'conversation-list-online');
  });
});
