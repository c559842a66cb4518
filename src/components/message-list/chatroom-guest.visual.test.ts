// Screenshot of a chatroom as an anonymous guest sees it in a read-only room: the messages, and the editor
// locked with the reason. Compare: npm run test:visual; redraw: npm run test:visual:update.
import { visualDiff } from '@web/test-runner-visual-regression';
import { ConversationType } from '../../protocol/enums.js';
import { connectGuest, connectUser, disconnectAll, serverApi, shadow } from '../shared/test-utils.js';
import { at, freshWorld, mountScene, PROFILES, sceneService, serverTime, settle } from '../shared/visual-scene.js';

PROFILES.lobby = { name: 'Open lobby', portraitUri: '' };

describe('a chatroom seen by a guest', () => {
  afterEach(disconnectAll);

  it('chatroom-guest-read-only', async () => {
    await freshWorld(at(10, 0));
    await serverApi('/chatroom/create.json', { 'chatroom[lobby]': 'Open lobby' });
    await serverApi('/chatroom/guest/allow.json', { chatroomId: 'lobby' });
    const bob = await connectUser('bob', sceneService);
    await bob.client.joinChatRoom('lobby', { count: -1 });
    await serverTime(at(10, 1));
    await serverApi('/message/chatroom/publish.json', {
      fromUserId: 'bob',
      toChatroomId: 'lobby',
      objectName: 'RC:TxtMsg',
      content: JSON.stringify({ content: 'Visitors welcome — sign up to join the chat 🙂' }),
    });
    await serverTime(at(10, 5));
    const guest = await connectGuest('lobby', { guestId: 'visitor', service: sceneService, init: { language: 'en' } });
    const root = await mountScene(guest, { width: 420, height: 560, show: 'messages' });
    await guest.kit.selectConversation({ conversationType: ConversationType.CHATROOM, targetId: 'lobby' });
    const editor = root.querySelector('message-editor')!;
    await settle(
      root,
      () =>
        shadow(editor).querySelector('textarea')?.disabled === true &&
        (shadow(root.querySelector('message-list')!).textContent ?? '').includes('Visitors welcome'),
    );
    await visualDiff(root, 'chatroom-guest-read-only');
  });
});
