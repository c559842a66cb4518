// Screenshots of <chatroom-queue> beside a chatroom: an open-mic night where Bob, Carol and Dan wait to speak
// (two with a value, one without) and Alice has just joined the queue (her own entry marked, Leave offered);
// then the same queue in the dark theme.
// Compare: npm run test:visual; redraw: npm run test:visual:update.
import { visualDiff } from '@web/test-runner-visual-regression';
import { ConversationType } from '../../protocol/enums.js';
import { connectUser, disconnectAll, serverApi, shadow } from '../shared/test-utils.js';
import { at, freshWorld, mountScene, PROFILES, sceneService, serverTime, settle } from '../shared/visual-scene.js';

const ROOM = { conversationType: ConversationType.CHATROOM, targetId: 'openmic' };
PROFILES.openmic = { name: 'Open mic night', portraitUri: '' };

/** The open-mic room with three people queued and a few lines of chat; Alice's view, her own entry last. */
async function openMic(theme?: 'dark'): Promise<HTMLElement> {
  await freshWorld(at(20, 0));
  await serverApi('/chatroom/create_new.json', { chatroomId: 'openmic', name: 'Open mic night' });
  const queued: [string, string][] = [
    ['bob', 'Guitar · 2 songs'],
    ['carol', ''],
    ['dan', 'A short poem'],
  ];
  for (const [id, value] of queued) {
    const user = await connectUser(id, sceneService);
    await user.client.joinChatRoom('openmic', { count: -1 });
    await user.client.getChatroomRoles().queueOffer('openmic', id, value);
  }
  for (const [from, text, minute] of [
    ['bob', 'Tuning up, two minutes 🎸', 1],
    ['dan', 'I am after Carol, right?', 2],
  ] as const) {
    await serverTime(at(20, minute));
    await serverApi('/message/chatroom/publish.json', {
      fromUserId: from,
      toChatroomId: 'openmic',
      objectName: 'RC:TxtMsg',
      content: JSON.stringify({ content: text }),
    });
  }
  await serverTime(at(20, 5));
  const alice = await connectUser('alice', sceneService, { language: 'en' });
  const root = await mountScene(alice, {
    width: 640,
    height: 420,
    show: 'messages',
    queueWidth: 240,
    ...(theme ? { theme } : {}),
  });
  await alice.kit.selectConversation(ROOM);
  const queue = root.querySelector('chatroom-queue')!;
  const join = () => shadow(queue).querySelector<HTMLButtonElement>('[part~=join-button]');
  await settle(root, () => !!join());
  join()!.click();
  return root;
}

const entries = (root: HTMLElement) =>
  shadow(root.querySelector('chatroom-queue')!).querySelectorAll('[part~=entry]').length;
const chatShown = (root: HTMLElement) =>
  (shadow(root.querySelector('message-list')!).textContent ?? '').includes('I am after Carol');

describe('the mic queue beside a chatroom, seen', () => {
  afterEach(disconnectAll);

  it('chatroom-queue', async () => {
    const root = await openMic();
    await settle(
      root,
      () =>
        entries(root) === 4 &&
        chatShown(root) &&
        !!shadow(root.querySelector('chatroom-queue')!).querySelector('[part~=leave-button]'),
    );
    await visualDiff(root, 'chatroom-queue');
  });

  it('chatroom-queue-dark', async () => {
    const root = await openMic('dark');
    await settle(
      root,
      () =>
        entries(root) === 4 &&
        chatShown(root) &&
        !!shadow(root.querySelector('chatroom-queue')!).querySelector('[part~=leave-button]'),
    );
    await visualDiff(root, 'chatroom-queue-dark');
  });
});
