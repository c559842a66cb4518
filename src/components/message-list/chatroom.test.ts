import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { changeLanguage } from '../../i18n/index.js';
import { ConversationType } from '../../protocol/enums.js';
import { TextMessage } from '../../services/client/index.js';
import {
  bubbleTexts,
  connectUser,
  describeViolations,
  disconnectAll,
  items,
  mountChat,
  seriousViolations,
  serverApi,
  shadow,
  uniqueId,
  waitFor,
  type ChatView,
  type TestUser,
} from '../shared/test-utils.js';
import {
  aliceInNewRoom,
  createRoom,
  editorHint,
  memberCount,
  publish,
  room,
  roomNotice,
  textarea,
} from './chatroom-test-helpers.js';

// Mutes, gags and blocks as the kit shows them: chatroom-restrictions.test.ts.

const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });

const header = (view: ChatView) => shadow(view.messages).querySelector<HTMLElement>('.chatroom-header');
const memberNotices = (view: ChatView) =>
  [...shadow(view.messages).querySelectorAll('[part~=member-notice]')].map((n) => n.textContent?.trim());
const notices = (view: ChatView) =>
  [...shadow(view.messages).querySelectorAll('.notice:not([part~=member-notice])')].map((n) => n.textContent?.trim());

async function chooseRecall(view: ChatView, row: HTMLElement): Promise<void> {
  const rect = row.getBoundingClientRect();
  row.dispatchEvent(
    new MouseEvent('contextmenu', {
      bubbles: true,
      composed: true,
      cancelable: true,
      button: 2,
      clientX: rect.left + 10,
      clientY: rect.top + 10,
    }),
  );
  await view.messages.updateComplete;
  const item = [...shadow(view.messages).querySelectorAll<HTMLElement>('[role="menuitem"]')].find(
    (i) => i.textContent!.trim() === 'Recall',
  );
  if (!item) throw new Error('no Recall item');
  item.click();
}

/** Another member, in the room through its own client (no kit UI). */
async function joinAs(prefix: string, roomId: string): Promise<TestUser> {
  const user = await connectUser(uniqueId(prefix));
  expect((await user.client.joinChatRoom(roomId, { count: -1 })).code).to.equal(0);
  return user;
}

describe('<message-list> and <message-editor> in a chatroom', () => {
  before(() => changeLanguage('en'));
  after(() => changeLanguage('zh_CN'));
  afterEach(disconnectAll);

  it('joins on selectConversation: the newest messages, the room name and the member count', async () => {
    const roomId = await createRoom();
    for (const text of ['first', 'second', 'third']) await publish(roomId, 'host', text);
    const other = await joinAs('viewer', roomId);
    const alice = await connectUser(uniqueId('alice'));
    const view = await mountChat(alice);

    await alice.kit.selectConversation(room(roomId));
    await waitFor(() => bubbleTexts(view.messages).join() === 'first,second,third', 3000, 'join history');
    // The room's own name (create.json names it with its id) comes before the app's conversation profile.
    expect(header(view)!.querySelector('.title')!.textContent).to.equal(roomId);
    await waitFor(() => memberCount(view) === '2 in the room', 3000, 'member count');
    expect(textarea(view).disabled).to.equal(false);

    // A message from another member arrives live; the count follows who comes and goes.
    await other.client.sendMessage(room(roomId), new TextMessage({ content: 'hello room' }));
    await waitFor(() => bubbleTexts(view.messages).includes('hello room'), 3000, 'live message');
    const late = await joinAs('late', roomId);
    await waitFor(() => memberCount(view) === '3 in the room', 3000, 'count after a join');
    await late.client.quitChatRoom(roomId);
    await waitFor(() => memberCount(view) === '2 in the room', 3000, 'count after a quit');
  });

  it('a recall from the message menu replaces the message with the notice for everyone in the room', async () => {
    const roomId = await createRoom();
    const alice = await connectUser(uniqueId('alice'));
    const bob = await connectUser(uniqueId('bob'));
    const [a, b] = [await mountChat(alice), await mountChat(bob)];
    await alice.kit.selectConversation(room(roomId));
    await bob.kit.selectConversation(room(roomId));
    await waitFor(() => memberCount(a) === '2 in the room', 3000, 'both in the room');
    await alice.kit.sendText('keep me');
    await alice.kit.sendText('oops');
    await waitFor(() => bubbleTexts(b.messages).join() === 'keep me,oops', 3000, 'delivered');

    const row = shadow(a.messages).querySelectorAll<HTMLElement>('.message')[1]!;
    await chooseRecall(a, row);
    await waitFor(() => notices(a).includes('You recalled a message'), 3000, 'own notice');
    expect(bubbleTexts(a.messages)).to.deep.equal(['keep me']);
    await waitFor(() => notices(b).includes(`Name of ${alice.userId} recalled a message`), 3000, 'peer notice');
    expect(bubbleTexts(b.messages)).to.deep.equal(['keep me']);
    // One notice each, in the original's place (the live notice merged into it).
    expect(notices(a)).to.deep.equal(['You recalled a message']);
    expect(notices(b)).to.deep.equal([`Name of ${alice.userId} recalled a message`]);
  });

  it('a recall made elsewhere (another client of the sender) also removes the message', async () => {
    const roomId = await createRoom();
    const bob = await joinAs('bob', roomId);
    const alice = await connectUser(uniqueId('alice'));
    const view = await mountChat(alice);
    await alice.kit.selectConversation(room(roomId));
    await waitFor(() => memberCount(view) === '2 in the room', 3000, 'joined');
    const sent = await bob.client.sendMessage(room(roomId), new TextMessage({ content: 'take back' }));
    await waitFor(() => bubbleTexts(view.messages).includes('take back'), 3000, 'live message');
    expect((await bob.client.recallChatRoomMessage(roomId, sent.data!.messageUId)).code).to.equal(0);
    await waitFor(() => notices(view).includes(`Name of ${bob.userId} recalled a message`), 3000, 'notice');
    expect(bubbleTexts(view.messages)).to.deep.equal([]);
    const violations = await seriousViolations(view.root);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
  });

  it("pages back through the room's stored history on scroll-up, keeping the view in place", async () => {
    const roomId = await createRoom();
    for (let i = 1; i <= 45; i++) await publish(roomId, 'host', `history ${i}`);
    const alice = await connectUser(uniqueId('alice'));
    const view = await mountChat(alice);
    await alice.kit.selectConversation(room(roomId));
    // The join pulls the newest 20.
    await waitFor(() => bubbleTexts(view.messages).length === 20, 3000, 'join page');
    expect(bubbleTexts(view.messages)[0]).to.equal('history 26');
    const scroller = shadow(view.messages).querySelector<HTMLElement>('.scroller')!;
    await waitFor(
      () => scroller.scrollTop > 0 && Math.abs(scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop) < 2,
      2000,
      'opened at the newest',
    );

    scroller.scrollTop = 0;
    await waitFor(() => bubbleTexts(view.messages).length === 40, 3000, 'second page');
    expect(bubbleTexts(view.messages)[0]).to.equal('history 6');
    // The message that was at the top stays in view instead of jumping.
    expect(scroller.scrollTop).to.be.above(100);

    scroller.scrollTop = 0;
    await waitFor(() => bubbleTexts(view.messages).length === 45, 3000, 'last page');
    expect(bubbleTexts(view.messages)).to.deep.equal(Array.from({ length: 45 }, (_, i) => `history ${i + 1}`));
    // The last page keeps the view where it was: the start is seen once scrolled up to it.
    scroller.scrollTop = 0;
    await waitFor(
      () => shadow(view.messages).querySelector('.status')?.textContent?.trim() === 'No earlier messages',
      2000,
      'no more',
    );
  });

  it("chatroomJoinCount sets how many messages a join shows: 0 the seeds' 10, −1 none", async () => {
    const roomId = await createRoom();
    for (let i = 1; i <= 15; i++) await publish(roomId, 'host', `m${i}`);
    const alice = await connectUser(uniqueId('alice'), undefined, { chatroomJoinCount: 0 });
    const a = await mountChat(alice);
    await alice.kit.selectConversation(room(roomId));
    await waitFor(() => bubbleTexts(a.messages).length === 10, 3000, 'ten');
    expect(bubbleTexts(a.messages)[0]).to.equal('m6');
    // Ten rows overflow the view, so nothing older loads until the user scrolls up.
    await new Promise((r) => setTimeout(r, 300));
    expect(bubbleTexts(a.messages)).to.have.length(10);

    const bob = await connectUser(uniqueId('bob'), undefined, { chatroomJoinCount: -1 });
    const b = await mountChat(bob);
    await bob.kit.selectConversation(room(roomId));
    await waitFor(() => memberCount(b) === '2 in the room', 3000, 'joined');
    await new Promise((r) => setTimeout(r, 300));
    expect(bubbleTexts(b.messages)).to.deep.equal([]);
    await publish(roomId, 'host', 'live');
    await waitFor(() => bubbleTexts(b.messages).join() === 'live', 3000, 'live message only');
  });

  it('shows join and leave notices, which hide-member-notices turns off', async () => {
    const roomId = await createRoom();
    const alice = await connectUser(uniqueId('alice'));
    const view = await mountChat(alice);
    await alice.kit.selectConversation(room(roomId));
    const bob = await joinAs('bob', roomId);
    await bob.client.quitChatRoom(roomId);
    await waitFor(() => memberNotices(view).length === 2, 3000, 'notices');
    expect(memberNotices(view)).to.deep.equal([`Name of ${bob.userId} joined`, `Name of ${bob.userId} left`]);

    view.messages.setAttribute('hide-member-notices', '');
    await view.messages.updateComplete;
    expect(view.messages.hideMemberNotices).to.equal(true);
    expect(memberNotices(view)).to.deep.equal([]);
  });

  it('speaks every kit language in the room', async () => {
    const { alice, view } = await aliceInNewRoom();
    const leave = () => shadow(view.messages).querySelector('[part~=leave-button]')!.textContent!.trim();
    try {
      for (const [lang, count, label] of [
        ['zh_CN', '1 人在房间', '离开'],
        ['ja', '1 人が参加中', '退出'],
      ] as const) {
        await alice.kit.changeLanguage({ lang });
        await view.messages.updateComplete;
        expect([memberCount(view), leave()]).to.deep.equal([count, label]);
      }
    } finally {
      await changeLanguage('en');
    }
  });

  it('sends to the room and never lists it in <conversation-list>', async () => {
    const roomId = await createRoom();
    const alice = await connectUser(uniqueId('alice'));
    const bob = await joinAs('bob', roomId);
    const received: string[] = [];
    bob.client.addEventListener('messages', ({ messages }) =>
      received.push(...messages.map((m) => String(m.content.content))),
    );
    const view = await mountChat(alice);
    await alice.kit.selectConversation(room(roomId));
    textarea(view).focus();
    await sendKeys({ type: 'hi all' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => received.includes('hi all'), 3000, 'Bob receives');
    await bob.client.sendMessage(room(roomId), new TextMessage({ content: 'welcome' }));
    await waitFor(() => bubbleTexts(view.messages).join() === 'hi all,welcome', 3000, 'both messages');
    expect(items(view.list)).to.have.length(0);
    expect(alice.kit.store.state.conversationList).to.have.length(0);

    const violations = await seriousViolations(view.root);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
  });

  it('marks an own message the server dropped under load as not delivered, with the reason, in each kit language', async () => {
    const roomId = await createRoom();
    // One message per minute-long window in this room: of three quick sends at least one is dropped.
    expect(
      (await serverApi('/chatroom/shedding/set.json', { chatroomId: roomId, ceiling: 1, windowMs: 60_000 })).code,
    ).to.equal(200);
    const alice = await connectUser(uniqueId('alice'));
    const bob = await joinAs('bob', roomId);
    const received: string[] = [];
    bob.client.addEventListener('messages', ({ messages }) =>
      received.push(...messages.map((m) => String(m.content.content))),
    );
    const view = await mountChat(alice);
    await alice.kit.selectConversation(room(roomId));
    await waitFor(() => memberCount(view) === '2 in the room', 3000, 'joined');
    for (const text of ['one', 'two', 'three']) await alice.kit.sendText(text);

    const rows = () => [...shadow(view.messages).querySelectorAll<HTMLElement>('.message.own')];
    const droppedRows = () => rows().filter((r) => r.querySelector('[part~=dropped]'));
    await waitFor(
      () => rows().length === 3 && rows().every((r) => r.dataset['sendState'] === 'sent'),
      3000,
      'all acknowledged',
    );
    await view.messages.updateComplete;
    expect(droppedRows().length).to.be.within(1, 2);
    const droppedTexts = droppedRows().map((r) => r.querySelector('.bubble')!.textContent);
    const deliveredTexts = rows()
      .filter((r) => !r.querySelector('[part~=dropped]'))
      .map((r) => r.querySelector('.bubble')!.textContent!);
    expect(droppedRows()[0]!.querySelector('[part~=dropped]')!.textContent!.trim()).to.equal(
      'Not delivered: the room is too busy right now',
    );
    expect(droppedRows()[0]!.querySelector('button')).to.equal(null, 'no retry: the room is busy');
    await waitFor(() => deliveredTexts.every((t) => received.includes(t)), 3000, 'Bob gets the delivered ones');
    for (const text of droppedTexts) expect(received).not.to.include(text);

    for (const [lang, reason] of [
      ['zh_CN', '未送达：聊天室当前消息过多'],
      ['ja', '配信されませんでした：ルームが混雑しています'],
    ]) {
      await changeLanguage(lang!);
      await view.messages.updateComplete;
      expect(droppedRows()[0]!.querySelector('[part~=dropped]')!.textContent!.trim()).to.equal(reason);
    }
    await changeLanguage('en');
    const violations = await seriousViolations(view.root);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
  });

  it('a file pasted in the room reaches the members and the room still stays out of the conversation list', async () => {
    const { roomId, alice, view } = await aliceInNewRoom();
    const bob = await joinAs('bob', roomId);
    const files: string[] = [];
    bob.client.addEventListener('messages', ({ messages }) =>
      files.push(...messages.filter((m) => m.messageType === 'RC:FileMsg').map((m) => String(m.content.name))),
    );
    const clipboard = new DataTransfer();
    clipboard.items.add(new File(['minutes'], 'minutes.txt', { type: 'text/plain' }));
    textarea(view).dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }),
    );
    await waitFor(() => files.includes('minutes.txt'), 5000, 'Bob receives the file');
    expect(items(view.list)).to.have.length(0);
    expect(alice.kit.store.state.conversationList).to.have.length(0);
  });

  it('shows the room again after a reconnect, with what was said meanwhile and no repeats', async () => {
    const roomId = await createRoom();
    const sockets: WebSocket[] = [];
    const Native = window.WebSocket;
    // Records the sockets the page opens, so the test can cut Alice's connection.
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        sockets.push(this);
      }
    };
    try {
      const alice = await connectUser(uniqueId('alice'));
      const view = await mountChat(alice);
      await publish(roomId, 'host', 'before');
      await alice.kit.selectConversation(room(roomId));
      await waitFor(() => bubbleTexts(view.messages).join() === 'before', 3000, 'joined');
      const rejoined = new Promise<void>((resolve) =>
        alice.client.addEventListener('chatroom', (event) => event.rejoinedRoom && resolve()),
      );
      sockets.at(-1)!.close();
      await waitFor(() => alice.kit.store.state.status !== 'connected', 3000, 'suspended');
      await publish(roomId, 'host', 'meanwhile');
      await rejoined;
      await waitFor(() => bubbleTexts(view.messages).join() === 'before,meanwhile', 3000, 'pulled again');
      expect(alice.kit.store.state.chatrooms[`4:${roomId}`]!.status).to.equal('joined');
      expect(textarea(view).disabled).to.equal(false);
    } finally {
      window.WebSocket = Native;
    }
  });

  it('says so when the room is destroyed; selecting it again joins a new room of that id', async () => {
    const { roomId, alice, view } = await aliceInNewRoom();
    await serverApi('/chatroom/destroy.json', { chatroomId: roomId });
    await waitFor(() => roomNotice(view).startsWith('This room has ended'), 3000, 'destroyed notice');
    expect(textarea(view).disabled).to.equal(true);
    expect(editorHint(view)).to.equal('This room has ended');
    const violations = await seriousViolations(view.root);
    expect(violations, describeViolations(violations)).to.deep.equal([]);

    // Selecting it again joins a new room of that id.
    await alice.kit.selectConversation(room(roomId));
    await waitFor(() => memberCount(view) === '1 in the room' && !textarea(view).disabled, 3000, 'a new room');
  });

  it('quits the room when another conversation is selected, or on imkit.quitChatRoom', async () => {
    const roomId = await createRoom();
    const bob = await joinAs('bob', roomId);
    const counts: number[] = [];
    bob.client.addEventListener('chatroom', (event) => {
      if (event.userChange) counts.push(event.userChange.memberCount);
    });
    const alice = await connectUser(uniqueId('alice'));
    const view = await mountChat(alice);
    await alice.kit.selectConversation(room(roomId));
    await waitFor(() => counts.at(-1) === 2, 3000, 'Alice in the room');

    await alice.kit.selectConversation(privateWith(bob.userId));
    await waitFor(() => counts.at(-1) === 1, 3000, 'Alice out of the room');
    await view.messages.updateComplete;
    expect(header(view)).to.equal(null);
    expect(alice.kit.store.state.chatrooms).to.deep.equal({});

    await alice.kit.selectConversation(room(roomId));
    await waitFor(() => counts.at(-1) === 2, 3000, 'back in the room');
    shadow(view.messages).querySelector<HTMLButtonElement>('[part~=leave-button]')!.click();
    await waitFor(() => counts.at(-1) === 1, 3000, 'left with the button');
    await view.messages.updateComplete;
    expect(shadow(view.messages).querySelector('.placeholder')).to.not.equal(null);

    await alice.kit.selectConversation(room(roomId));
    await waitFor(() => counts.at(-1) === 2, 3000, 'joined again');
    await alice.kit.quitChatRoom();
    await waitFor(() => counts.at(-1) === 1, 3000, 'quitChatRoom');
    expect(alice.kit.store.state.selected).to.equal(null);
  });
});
