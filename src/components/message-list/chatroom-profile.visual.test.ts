// Screenshots of a chatroom with a room profile (seeds 003): the header with the room's name, its announcement
// (clamped to two lines) and the host's room nickname on their bubbles; then the same room closed to newcomers.
// Compare: npm run test:visual; redraw: npm run test:visual:update.
import { visualDiff } from '@web/test-runner-visual-regression';
import { ConversationType } from '../../protocol/enums.js';
import { connectUser, disconnectAll, serverApi, shadow } from '../shared/test-utils.js';
import { at, freshWorld, mountScene, PROFILES, sceneService, serverTime, settle } from '../shared/visual-scene.js';

const ROOM = { conversationType: ConversationType.CHATROOM, targetId: 'launch' };
PROFILES.launch = { name: 'launch', portraitUri: '' };

/** "Parley 2.0 launch" with an announcement; Bob hosts as "Bob · host", Carol has no room nickname; Alice's view. */
async function launchShow(): Promise<HTMLElement> {
  await freshWorld(at(19, 0));
  await serverApi('/chatroom/create_new.json', {
    chatroomId: 'launch',
    name: 'Parley 2.0 launch',
    announcement:
      'Tonight: what is new in 2.0, then questions. Keep it kind; links to the slides follow after the stream.',
  });
  const bob = await connectUser('bob', sceneService);
  await bob.client.joinChatRoom('launch', { count: -1, memberInfo: { nick: 'Bob · host' } });
  const carol = await connectUser('carol', sceneService);
  await carol.client.joinChatRoom('launch', { count: -1 });
  const lines: [string, string, number][] = [
    ['bob', 'Welcome everyone, we start in two minutes 🎬', 1],
    ['carol', 'Hello from Lisbon!', 2],
    ['bob', 'Great to have you, Carol', 3],
  ];
  for (const [from, text, minute] of lines) {
    await serverTime(at(19, minute));
    await serverApi('/message/chatroom/publish.json', {
      fromUserId: from,
      toChatroomId: 'launch',
      objectName: 'RC:TxtMsg',
      content: JSON.stringify({ content: text }),
    });
  }
  await serverTime(at(19, 5));
  const alice = await connectUser('alice', sceneService, { language: 'en' });
  const root = await mountScene(alice, { width: 420, height: 560, show: 'messages' });
  await alice.kit.selectConversation(ROOM);
  return root;
}

const listText = (root: HTMLElement) => shadow(root.querySelector('message-list')!).textContent ?? '';

describe('a chatroom with a room profile, seen', () => {
  afterEach(disconnectAll);

  it('chatroom-profile-header', async () => {
    const root = await launchShow();
    await settle(
      root,
      () => listText(root).includes('Parley 2.0 launch') && listText(root).includes('Great to have you'),
    );
    await visualDiff(root, 'chatroom-profile-header');
  });

  it('chatroom-profile-closed', async () => {
    const root = await launchShow();
    await settle(root, () => listText(root).includes('Great to have you'));
    await serverApi('/chatroom/toggleCloseStat.json', { chatroomId: 'launch', valid: 0 });
    await settle(root, () => listText(root).includes('Closed to newcomers'));
    await visualDiff(root, 'chatroom-profile-closed');
  });
});
