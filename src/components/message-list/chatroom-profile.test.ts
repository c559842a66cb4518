// The chatroom header with a room profile (seeds 003) and bubbles with the sender's room nickname and avatar,
// in a real browser against the real server.
import { expect } from '@open-wc/testing';
import { ConversationType } from '../../protocol/enums.js';
import { TextMessage } from '../../services/client/index.js';
import {
  connectUser,
  describeViolations,
  disconnectAll,
  mountChat,
  seriousViolations,
  serverApi,
  shadow,
  testService,
  uniqueId,
  waitFor,
  type ChatView,
} from '../shared/test-utils.js';

const part = (view: ChatView, name: string) => shadow(view.messages).querySelector<HTMLElement>(`[part~=${name}]`);
const title = (view: ChatView) => shadow(view.messages).querySelector('.chatroom-header .title')?.textContent?.trim();
const announcement = (view: ChatView) =>
  part(view, 'room-announcement')?.querySelector('.announcement-text')?.textContent?.trim();

async function roomWithProfile(): Promise<string> {
  const id = uniqueId('shows');
  const res = await serverApi('/chatroom/create_new.json', {
    chatroomId: id,
    name: 'Friday night live',
    announcement: 'Be kind. Questions at the end.',
  });
  expect(res.code).to.equal(200);
  return id;
}

describe('message-list: chatroom profile', () => {
  afterEach(disconnectAll);

  it('the header shows the room name and announcement, and follows updateChatroom', async () => {
    const id = await roomWithProfile();
    const alice = await connectUser(uniqueId('alice'), testService(), { language: 'en' });
    const view = await mountChat(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.CHATROOM, targetId: id });
    await waitFor(() => title(view) === 'Friday night live', 3000, 'the room name');
    expect(announcement(view)).to.equal('Be kind. Questions at the end.');
    expect(part(view, 'room-announcement')!.title).to.equal(
      'Be kind. Questions at the end.',
      'the full text in the tooltip',
    );
    expect(part(view, 'room-closed')).to.equal(null);
    const violations = await seriousViolations(view.root);
    expect(violations, describeViolations(violations)).to.have.length(0);

    const updated = await serverApi('/chatroom/update.json', {
      chatroomId: id,
      name: 'Friday night — encore',
      announcement: '',
    });
    expect(updated.code, JSON.stringify(updated)).to.equal(200);
    await waitFor(() => title(view) === 'Friday night — encore', 3000, 'the new name');
    expect(part(view, 'room-announcement')).to.equal(null, 'an empty announcement takes no room');
    await serverApi('/chatroom/toggleCloseStat.json', { chatroomId: id, valid: 0 });
    await waitFor(() => part(view, 'room-closed'), 3000, 'the closed note');
    expect(part(view, 'room-closed')!.textContent!.trim()).to.equal('Closed to newcomers');
  });

  it('a long announcement takes at most two lines inside the header width', async () => {
    const id = uniqueId('long');
    await serverApi('/chatroom/create_new.json', {
      chatroomId: id,
      name: 'Long',
      announcement: 'Read this carefully before you post. '.repeat(40),
    });
    const alice = await connectUser(uniqueId('alice'));
    const view = await mountChat(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.CHATROOM, targetId: id });
    const bar = await waitFor(() => part(view, 'room-announcement'), 3000, 'the announcement');
    const text = bar.querySelector<HTMLElement>('.announcement-text')!;
    const lineHeight =
      parseFloat(getComputedStyle(text).lineHeight) || parseFloat(getComputedStyle(text).fontSize) * 1.4;
    expect(text.getBoundingClientRect().height).to.be.at.most(lineHeight * 2 + 2);
    expect(bar.getBoundingClientRect().right).to.be.at.most(view.messages.getBoundingClientRect().right + 0.5);
  });

  it("a member's bubble shows their room nickname and avatar; without one, the app's profile", async () => {
    const id = await roomWithProfile();
    const bob = await connectUser(uniqueId('bob'));
    const carol = await connectUser(uniqueId('carol'));
    await bob.client.joinChatRoom(id, {
      count: -1,
      memberInfo: { nick: 'Bobby on stage', avatar: 'https://img.example.com/bob.png' },
    });
    await carol.client.joinChatRoom(id, { count: -1 });
    const alice = await connectUser(uniqueId('alice'));
    const view = await mountChat(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.CHATROOM, targetId: id });
    await waitFor(() => title(view) === 'Friday night live', 3000, 'joined');
    await bob.client.sendMessage(
      { conversationType: ConversationType.CHATROOM, targetId: id },
      new TextMessage({ content: 'hello all' }),
    );
    await carol.client.sendMessage(
      { conversationType: ConversationType.CHATROOM, targetId: id },
      new TextMessage({ content: 'hi' }),
    );
    const rows = () => [...shadow(view.messages).querySelectorAll<HTMLElement>('.message')];
    await waitFor(() => rows().length === 2, 3000, 'two messages');
    const [bobRow, carolRow] = rows();
    expect(bobRow!.querySelector('[part~=sender]')!.textContent!.trim()).to.equal('Bobby on stage');
    expect(bobRow!.querySelector<HTMLImageElement>('img.avatar-image')!.getAttribute('src')).to.equal(
      'https://img.example.com/bob.png',
    );
    expect(carolRow!.querySelector('[part~=sender]')!.textContent!.trim()).to.equal(`Name of ${carol.userId}`);
  });
});
