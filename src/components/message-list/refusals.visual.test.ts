// A message the server turned away for moderation, at a phone's width: Alice writes to Bob, who has blacklisted
// her; the row keeps her text, says why in Japanese (the longest of the kit's three wordings) and offers Retry
// and Delete without spilling out of the column. Compare: npm run test:visual; redraw: npm run test:visual:update.
import { visualDiff } from '@web/test-runner-visual-regression';
import { ConversationType } from '../../protocol/enums.js';
import { connectUser, disconnectAll, messageRows, serverApi } from '../shared/test-utils.js';
import { at, freshWorld, mountScene, PROFILES, sceneService, serverTime, settle } from '../shared/visual-scene.js';

describe('a send refused by moderation', () => {
  afterEach(disconnectAll);

  it('message-blocked-390', async () => {
    await freshWorld(at(8, 0));
    for (const id of ['alice', 'bob']) {
      const profile = PROFILES[id]!;
      await fetch(
        `/__parley/session?user=${id}&name=${encodeURIComponent(profile.name)}&portraitUri=${encodeURIComponent(profile.portraitUri)}`,
      );
    }
    await serverTime(at(9, 0));
    await serverApi('/message/private/publish.json', {
      fromUserId: 'bob',
      toUserId: 'alice',
      objectName: 'RC:TxtMsg',
      content: JSON.stringify({ content: 'Please stop messaging me.' }),
    });
    await serverApi('/user/blacklist/add.json', { userId: 'bob', blackUserId: 'alice' });
    const alice = await connectUser('alice', sceneService, { language: 'ja' });
    await alice.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: 'bob' });
    await serverTime(at(9, 5));
    await alice.kit.sendText('Can we talk about it on Saturday?');
    const root = await mountScene(alice, { width: 390, height: 420, show: 'messages' });
    await settle(root, () => messageRows(root.querySelector('message-list')!).at(-1)?.dataset.sendState === 'failed');
    await visualDiff(root, 'message-blocked-390');
  });
});
