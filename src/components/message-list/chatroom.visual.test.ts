// Screenshots of a chatroom in <message-list> and <message-editor>: the header with the live member count and a
// few messages, then the same room after a moderator blocked the viewer (the notice with its end time).
// Compare: npm run test:visual; redraw: npm run test:visual:update.
import { visualDiff } from '@web/test-runner-visual-regression';
import { ConversationType } from '../../protocol/enums.js';
import { connectUser, disconnectAll, serverApi, shadow, type TestUser } from '../shared/test-utils.js';
import { at, freshWorld, mountScene, PROFILES, sceneService, serverTime, settle } from '../shared/visual-scene.js';

const ROOM = { conversationType: ConversationType.CHATROOM, targetId: 'live' };
PROFILES.live = { name: 'Parley live', portraitUri: '' };

/** Alice, Bob and Carol in the room "Parley live", with three messages; Alice's view mounted. */
async function threeInTheRoom(): Promise<{ alice: TestUser; root: HTMLElement }> {
  await freshWorld(at(10, 0));
  await serverApi('/chatroom/create.json', { 'chatroom[live]': 'Parley live' });
  for (const id of ['bob', 'carol']) {
    const viewer = await connectUser(id, sceneService);
    await viewer.client.joinChatRoom('live', { count: -1 });
  }
  const lines: [string, string, number][] = [
    ['bob', 'The stream starts in five minutes 🎬', 1],
    ['carol', 'Hello from Lisbon!', 2],
    ['bob', 'Welcome, Carol 👋', 3],
  ];
  for (const [from, text, minute] of lines) {
    await serverTime(at(10, minute));
    await serverApi('/message/chatroom/publish.json', {
      fromUserId: from,
      toChatroomId: 'live',
      objectName: 'RC:TxtMsg',
      content: JSON.stringify({ content: text }),
    });
  }
  await serverTime(at(10, 5));
  const alice = await connectUser('alice', sceneService, { language: 'en' });
  const root = await mountScene(alice, { width: 420, height: 560, show: 'messages' });
  await alice.kit.selectConversation(ROOM);
  return { alice, root };
}

const listText = (root: HTMLElement) => shadow(root.querySelector('message-list')!).textContent ?? '';

describe('a chatroom, seen', () => {
  afterEach(disconnectAll);

  it('chatroom-header', async () => {
    const { root } = await threeInTheRoom();
    await settle(root, () => listText(root).includes('3 in the room') && listText(root).includes('Welcome, Carol'));
    await visualDiff(root, 'chatroom-header');
  });

  it('chatroom-blocked', async () => {
    const { root } = await threeInTheRoom();
    await settle(root, () => listText(root).includes('3 in the room'));
    await serverApi('/chatroom/user/block/add.json', {
      chatroomId: 'live',
      userId: 'alice',
      minute: 10,
      needNotify: true,
    });
    await settle(root, () => /Ends at/.test(listText(root)));
    await visualDiff(root, 'chatroom-blocked');
  });
});
