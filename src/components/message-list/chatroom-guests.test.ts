import { expect } from '@open-wc/testing';
import { changeLanguage } from '../../i18n/index.js';
import { ConversationType } from '../../protocol/enums.js';
import {
  connectGuest,
  disconnectAll,
  mountChat,
  serverApi,
  shadow,
  uniqueId,
  waitFor,
  type ChatView,
} from '../shared/test-utils.js';

const editorHint = (view: ChatView) => shadow(view.editor).querySelector('.hint')?.textContent?.trim() ?? '';
const textarea = (view: ChatView) => shadow(view.editor).querySelector('textarea')!;
const bubbles = (view: ChatView) =>
  [...shadow(view.messages).querySelectorAll('[part~=bubble]')].map((b) => b.textContent?.trim());

describe('<message-editor> for an anonymous chatroom guest', () => {
  before(() => changeLanguage('en'));
  after(() => changeLanguage('zh_CN'));
  afterEach(disconnectAll);

  it('a read-only guest sees the room and an editor locked with the reason', async () => {
    const roomId = uniqueId('groom');
    expect((await serverApi('/chatroom/create_new.json', { chatroomId: roomId })).code).to.equal(200);
    expect((await serverApi('/chatroom/guest/allow.json', { chatroomId: roomId })).code).to.equal(200);
    const guest = await connectGuest(roomId);
    const view = await mountChat(guest);
    await guest.kit.selectConversation({ conversationType: ConversationType.CHATROOM, targetId: roomId });
    await waitFor(() => textarea(view).disabled, 3000, 'editor locked');
    expect(editorHint(view)).to.equal('Guests can read this room but not send');
    expect(textarea(view).getAttribute('aria-describedby')).to.equal('hint');
    await serverApi('/message/chatroom/publish.json', {
      fromUserId: 'host',
      toChatroomId: roomId,
      objectName: 'RC:TxtMsg',
      content: JSON.stringify({ content: 'welcome, visitors' }),
    });
    await waitFor(() => bubbles(view).some((t) => t?.includes('welcome, visitors')), 3000, 'the room message');
  });

  it("a guest of a room open to guests' messages gets a working editor", async () => {
    const roomId = uniqueId('groom');
    await serverApi('/chatroom/create_new.json', { chatroomId: roomId });
    await serverApi('/chatroom/guest/allow.json', { chatroomId: roomId, canSend: 1 });
    const guest = await connectGuest(roomId);
    const view = await mountChat(guest);
    await guest.kit.selectConversation({ conversationType: ConversationType.CHATROOM, targetId: roomId });
    await waitFor(() => guest.kit.store.state.chatrooms[`4:${roomId}`]?.status === 'joined', 3000, 'joined');
    expect(textarea(view).disabled).to.equal(false);
    expect(shadow(view.editor).querySelector('.hint')).to.equal(null);
  });
});
