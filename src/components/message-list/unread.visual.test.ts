// The way through unread messages, seen: Bob opens Carol's chat with 40 unread after 20 read ones and jumps
// to the first unread (the "New messages" divider at the top with room above it, splitting Carol's run, and
// the "↓ Jump to newest" pill below since the newest are far down), and the same after a pause (a time line
// above the divider) with the pill counting a new message, at a phone's width, in Chinese and dark. Compare: npm run test:visual; redraw: npm run test:visual:update.
import { visualDiff } from '@web/test-runner-visual-regression';
import { ConversationType } from '../../protocol/enums.js';
import { connectUser, disconnectAll, serverApi, shadow, waitFor, type TestUser } from '../shared/test-utils.js';
import { at, freshWorld, mountScene, PROFILES, sceneService, serverTime, settle } from '../shared/visual-scene.js';

const carol = { conversationType: ConversationType.PRIVATE, targetId: 'carol' };

async function say(text: string, time: number): Promise<void> {
  await serverTime(time);
  await serverApi('/message/private/publish.json', {
    fromUserId: 'carol',
    toUserId: 'bob',
    objectName: 'RC:TxtMsg',
    content: JSON.stringify({ content: text }),
  });
}

/**
 * Carol's 60 messages to Bob; Bob has read the first 20. The unread ones follow at `unreadFrom`: straight
 * on (one run, as in QA's case, the divider splits it) or after a pause (a time line above the divider).
 */
async function bobsUnreadMorning(language: string, unreadFrom: number): Promise<TestUser> {
  await freshWorld(at(8, 0));
  for (const id of ['bob', 'carol']) {
    const profile = PROFILES[id]!;
    await fetch(
      `/__parley/session?user=${id}&name=${encodeURIComponent(profile.name)}&portraitUri=${encodeURIComponent(profile.portraitUri)}`,
    );
  }
  for (let i = 1; i <= 20; i++) await say(`Packing list item ${i} ✔️`, at(9, 0) + i * 1000);
  const bob = await connectUser('bob', sceneService, { language });
  await bob.client.clearMessagesUnreadStatus(carol);
  for (let i = 21; i <= 60; i++)
    await say(`Trip idea ${i - 20}: ${i % 3 ? 'the lake trail' : 'a picnic'}`, unreadFrom + i * 1000);
  await waitFor(
    () => bob.kit.store.state.conversationList.find((c) => c.targetId === 'carol')?.unreadMessageCount === 40,
    5000,
    '40 unread',
  );
  return bob;
}

const inList = (root: HTMLElement) => shadow(root.querySelector('message-list')!);

describe('unread messages, seen', () => {
  afterEach(disconnectAll);

  it('unread-divider-after-jump', async () => {
    const bob = await bobsUnreadMorning('en', at(9, 1));
    const root = await mountScene(bob, { width: 760, height: 520, show: 'messages' });
    await bob.kit.selectConversation(carol);
    const pill = await waitFor(
      () => inList(root).querySelector<HTMLButtonElement>('[part="unread-pill"]:not([hidden])'),
      5000,
      'unread pill',
    );
    pill.click();
    await settle(
      root,
      () =>
        !!inList(root).querySelector('[part="unread-divider"]') &&
        !inList(root).querySelector('[part="unread-pill"]:not([hidden])') &&
        !!inList(root).querySelector('[part="new-messages-pill"]'),
    );
    await visualDiff(root, 'unread-divider-after-jump');
  });

  it('newest-pill-count-390-zh_CN-dark', async () => {
    const bob = await bobsUnreadMorning('zh_CN', at(10, 0));
    const root = await mountScene(bob, { width: 390, height: 640, show: 'messages', theme: 'dark' });
    await bob.kit.selectConversation(carol);
    const pill = await waitFor(
      () => inList(root).querySelector<HTMLButtonElement>('[part="unread-pill"]:not([hidden])'),
      5000,
      'unread pill',
    );
    pill.click();
    await waitFor(() => inList(root).querySelector('[part="new-messages-pill"]'), 5000, 'newest pill');
    await say('Also: bring the camping stove 🔥', at(10, 30));
    await settle(
      root,
      () => !!inList(root).querySelector('[part="new-messages-pill"]')?.textContent?.includes('1 条新消息'),
    );
    await visualDiff(root, 'newest-pill-count-390-zh_CN-dark');
  });
});
