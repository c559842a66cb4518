import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { changeLanguage } from '../../i18n/index.js';
import { ConversationType } from '../../protocol/enums.js';
import { TextMessage } from '../../services/client/index.js';
import type { KitClock } from '../../services/store/clock.js';
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

const room = (targetId: string) => ({ conversationType: ConversationType.CHATROOM, targetId });
const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });

async function createRoom(): Promise<string> {
  const id = uniqueId('room');
  expect((await serverApi('/chatroom/create.json', { [`chatroom[${id}]`]: id })).code).to.equal(200);
  return id;
}

const publish = (roomId: string, fromUserId: string, content: string) =>
  serverApi('/message/chatroom/publish.json', {
    fromUserId,
    toChatroomId: roomId,
    objectName: 'RC:TxtMsg',
    content: JSON.stringify({ content }),
  });

const header = (view: ChatView) => shadow(view.messages).querySelector<HTMLElement>('.chatroom-header');
const memberCount = (view: ChatView) =>
  shadow(view.messages).querySelector('[part~=member-count]')?.textContent?.trim();
const roomNotice = (view: ChatView) =>
  shadow(view.messages).querySelector<HTMLElement>('[part~=room-notice]')?.textContent?.replace(/\s+/g, ' ').trim() ??
  '';
const memberNotices = (view: ChatView) =>
  [...shadow(view.messages).querySelectorAll('[part~=member-notice]')].map((n) => n.textContent?.trim());
const editorHint = (view: ChatView) => shadow(view.editor).querySelector('.hint')?.textContent?.trim() ?? '';
const textarea = (view: ChatView) => shadow(view.editor).querySelector('textarea')!;
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

/** A clock the test moves forward; its timers also run by themselves when their real time comes. */
class TestClock implements KitClock {
  #offset = 0;
  readonly #timers = new Map<number, { at: number; run: () => void; real: ReturnType<typeof setTimeout> }>();
  #next = 1;
  now = (): number => Date.now() + this.#offset;
  setTimeout = (run: () => void, ms: number): number => {
    const id = this.#next++;
    const real = setTimeout(() => this.#fire(id), ms);
    this.#timers.set(id, { at: this.now() + ms, run, real });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    const timer = this.#timers.get(handle as number);
    if (timer) clearTimeout(timer.real);
    this.#timers.delete(handle as number);
  };
  /** Moves time forward and runs the timers that came due. */
  advance(ms: number): void {
    this.#offset += ms;
    for (const [id, timer] of [...this.#timers]) if (timer.at <= this.now()) this.#fire(id);
  }
  #fire(id: number): void {
    const timer = this.#timers.get(id);
    if (!timer) return;
    this.clearTimeout(id);
    timer.run();
  }
}

/** Another member, in the room through its own client (no kit UI). */
async function joinAs(prefix: string, roomId: string): Promise<TestUser> {
  const user = await connectUser(uniqueId(prefix));
  expect((await user.client.joinChatRoom(roomId, { count: -1 })).code).to.equal(0);
  return user;
}

/** A new room with Alice alone in it, shown in her kit. */
async function aliceInNewRoom(): Promise<{ roomId: string; alice: TestUser; view: ChatView }> {
  const roomId = await createRoom();
  const alice = await connectUser(uniqueId('alice'));
  const view = await mountChat(alice);
  await alice.kit.selectConversation(room(roomId));
  await waitFor(() => memberCount(view) === '1 in the room', 3000, 'joined');
  return { roomId, alice, view };
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

  it('disables the editor while gagged, with the reason and time left, and enables it when lifted', async () => {
    const { roomId, alice, view } = await aliceInNewRoom();

    await serverApi('/chatroom/user/gag/add.json', {
      chatroomId: roomId,
      userId: alice.userId,
      minute: 5,
      needNotify: true,
    });
    await waitFor(() => textarea(view).disabled, 3000, 'editor disabled');
    expect(editorHint(view)).to.match(/^You are muted in this room · Ends at \d\d:\d\d \((5:00|4:5\d) left\)$/);
    expect(textarea(view).getAttribute('aria-describedby')).to.equal('hint');

    await serverApi('/chatroom/user/gag/rollback.json', { chatroomId: roomId, userId: alice.userId, needNotify: true });
    await waitFor(() => !textarea(view).disabled, 3000, 'editor enabled');
    expect(shadow(view.editor).querySelector('.hint')).to.equal(null);

    // Mute-all told to the room, then lifted.
    await serverApi('/chatroom/ban/add.json', { chatroomId: roomId, needNotify: true });
    await waitFor(() => editorHint(view) === 'Everyone is muted in this room', 3000, 'mute all');
    await serverApi('/chatroom/ban/rollback.json', { chatroomId: roomId, needNotify: true });
    await waitFor(() => !textarea(view).disabled, 3000, 'mute all lifted');
  });

  it('mute-all locks only those really muted: allowlisted users and the creator keep their editor and can send', async () => {
    // The app names Carol the room's creator (the creator speaks under mute-all, seeds 003).
    const roomId = uniqueId('room');
    const carol = await connectUser(uniqueId('carol'));
    expect(
      (await serverApi('/chatroom/create_new.json', { chatroomId: roomId, creatorId: carol.userId })).code,
    ).to.equal(200);
    const alice = await connectUser(uniqueId('alice'));
    const bob = await connectUser(uniqueId('bob'));
    const [c, a, b] = [await mountChat(carol), await mountChat(alice), await mountChat(bob)];
    await carol.kit.selectConversation(room(roomId));
    await alice.kit.selectConversation(room(roomId));
    await bob.kit.selectConversation(room(roomId));
    await waitFor(() => memberCount(c) === '3 in the room', 3000, 'all in the room');

    await serverApi('/chatroom/user/ban/whitelist/add.json', {
      chatroomId: roomId,
      userId: bob.userId,
      needNotify: true,
    });
    await serverApi('/chatroom/ban/add.json', { chatroomId: roomId, needNotify: true });
    await waitFor(() => textarea(a).disabled, 3000, 'a plain member is muted');
    expect(editorHint(a)).to.equal('Everyone is muted in this room');
    expect([textarea(b).disabled, textarea(c).disabled]).to.deep.equal([false, false]);
    expect([editorHint(b), editorHint(c)]).to.deep.equal(['', '']);

    // Their sends go through, from the editor as a user types them.
    for (const [view, text] of [
      [b, 'allowlisted speaks'],
      [c, 'creator speaks'],
    ] as const) {
      textarea(view).focus();
      await sendKeys({ type: text });
      await sendKeys({ press: 'Enter' });
    }
    await waitFor(() => bubbleTexts(a.messages).join() === 'allowlisted speaks,creator speaks', 3000, 'both delivered');
    const own = bob.kit.store.state.messages[`4:${roomId}`]!.list.find(
      (m) => m.content.content === 'allowlisted speaks',
    );
    expect(own?.sendState).to.equal('sent');

    // Allowlisted while mute-all is on: the editor unlocks; taken off the list: it locks again.
    await serverApi('/chatroom/user/ban/whitelist/add.json', {
      chatroomId: roomId,
      userId: alice.userId,
      needNotify: true,
    });
    await waitFor(() => !textarea(a).disabled, 3000, 'allowlisted under mute-all');
    await serverApi('/chatroom/user/ban/whitelist/rollback.json', {
      chatroomId: roomId,
      userId: alice.userId,
      needNotify: true,
    });
    await waitFor(() => textarea(a).disabled, 3000, 'off the allowlist');
    expect(textarea(b).disabled).to.equal(false);
    const violations = await seriousViolations(a.root);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
  });

  it('joining a room already muted for everyone shows why, and stays locked until it is lifted', async () => {
    const roomId = await createRoom();
    const clock = new TestClock();
    await serverApi('/chatroom/ban/add.json', { chatroomId: roomId });
    const alice = await connectUser(uniqueId('alice'), undefined, { clock });
    const view = await mountChat(alice);
    await alice.kit.selectConversation(room(roomId));
    await waitFor(() => memberCount(view) === '1 in the room', 3000, 'joined');
    expect(textarea(view).disabled).to.equal(true);
    expect(editorHint(view)).to.equal('Everyone is muted in this room');
    // Not an unexplained refusal with a retry time: it does not reopen by itself.
    clock.advance(60_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(textarea(view).disabled).to.equal(true);
    await serverApi('/chatroom/ban/rollback.json', { chatroomId: roomId, needNotify: true });
    await waitFor(() => !textarea(view).disabled, 3000, 'lifted');
  });

  it('under mute-all the editor follows an admin role given and taken by the creator', async () => {
    const roomId = uniqueId('room');
    const owner = await connectUser(uniqueId('owner'));
    expect(
      (await serverApi('/chatroom/create_new.json', { chatroomId: roomId, creatorId: owner.userId })).code,
    ).to.equal(200);
    expect((await owner.client.joinChatRoom(roomId, { count: -1 })).code).to.equal(0);
    const alice = await connectUser(uniqueId('alice'));
    const view = await mountChat(alice);
    await alice.kit.selectConversation(room(roomId));
    await waitFor(() => memberCount(view) === '2 in the room', 3000, 'joined');
    await serverApi('/chatroom/ban/add.json', { chatroomId: roomId, needNotify: true });
    await waitFor(() => textarea(view).disabled, 3000, 'muted');
    expect((await owner.client.chatroom.roles.setMemberRole(roomId, alice.userId, 'admin')).code).to.equal(0);
    await waitFor(() => !textarea(view).disabled, 3000, 'admin speaks');
    expect((await alice.kit.sendText('admin here'))?.sendState).to.equal('sent');
    expect((await owner.client.chatroom.roles.setMemberRole(roomId, alice.userId, 'guest')).code).to.equal(0);
    await waitFor(() => editorHint(view) === 'Everyone is muted in this room', 3000, 'muted again');
  });

  it('counts the time left down and enables the editor when the gag runs out', async () => {
    const roomId = await createRoom();
    const clock = new TestClock();
    const alice = await connectUser(uniqueId('alice'), undefined, { clock });
    const view = await mountChat(alice);
    await alice.kit.selectConversation(room(roomId));
    await waitFor(() => memberCount(view) === '1 in the room', 3000, 'joined');
    await serverApi('/chatroom/user/gag/add.json', {
      chatroomId: roomId,
      userId: alice.userId,
      minute: 2,
      needNotify: true,
    });
    await waitFor(() => textarea(view).disabled, 3000, 'editor disabled');
    expect(editorHint(view)).to.match(/\((2:00|1:5\d) left\)$/);
    clock.advance(60_000);
    await waitFor(() => /\((1:00|0:5\d) left\)$/.test(editorHint(view)), 2500, 'countdown');
    clock.advance(61_000);
    await waitFor(() => !textarea(view).disabled, 2500, 'enabled when the time ran out');
    expect(alice.kit.store.state.chatrooms[`4:${roomId}`]!.restrictions).to.deep.equal([]);
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

  it('learns of a silent mute from the refused send', async () => {
    const { roomId, alice, view } = await aliceInNewRoom();
    await serverApi('/chatroom/ban/add.json', { chatroomId: roomId });
    const sent = await alice.kit.sendText('anyone?');
    expect(sent?.sendState).to.equal('failed');
    await waitFor(() => textarea(view).disabled, 3000, 'editor disabled');
    expect(editorHint(view)).to.match(/^You cannot send messages in this room right now · Try again in 0:[23]\d$/);
  });

  it('says so when the user is blocked from the room', async () => {
    const { roomId, alice, view } = await aliceInNewRoom();
    await serverApi('/chatroom/user/block/add.json', {
      chatroomId: roomId,
      userId: alice.userId,
      minute: 10,
      needNotify: true,
    });
    await waitFor(() => roomNotice(view).startsWith('You were removed from this room'), 3000, 'removed notice');
    expect(roomNotice(view)).to.match(/You are blocked from this room · Ends at \d\d:\d\d \((10:00|9:5\d) left\)$/);
    expect(textarea(view).disabled).to.equal(true);
    expect(editorHint(view)).to.match(/^You are blocked from this room/);
    expect(shadow(view.messages).querySelector('[part~=rejoin-button]')).to.equal(null);
    // Out of the room, the header offers no Leave.
    expect(shadow(view.messages).querySelector('[part~=leave-button]')).to.equal(null);
  });

  it('keeps the end of a block when the user tries to join while still blocked', async () => {
    const { roomId, alice, view } = await aliceInNewRoom();
    await serverApi('/chatroom/user/block/add.json', {
      chatroomId: roomId,
      userId: alice.userId,
      minute: 10,
      needNotify: true,
    });
    await waitFor(() => roomNotice(view).includes('Ends at'), 3000, 'blocked notice');
    await alice.kit.selectConversation(room(roomId));
    await waitFor(() => alice.kit.store.state.chatrooms[`4:${roomId}`]?.errorCode, 3000, 'join turned away');
    expect(roomNotice(view)).to.match(/You are blocked from this room · Ends at \d\d:\d\d \((10:00|9:5\d) left\)$/);
  });

  it('offers to join again once the block is lifted', async () => {
    const { roomId, alice, view } = await aliceInNewRoom();
    await serverApi('/chatroom/user/block/add.json', {
      chatroomId: roomId,
      userId: alice.userId,
      minute: 10,
      needNotify: true,
    });
    await waitFor(() => textarea(view).disabled, 3000, 'blocked');
    await serverApi('/chatroom/user/block/rollback.json', {
      chatroomId: roomId,
      userId: alice.userId,
      needNotify: true,
    });
    const rejoin = await waitFor(
      () => shadow(view.messages).querySelector<HTMLButtonElement>('[part~=rejoin-button]'),
      3000,
      'Join again',
    );
    expect(roomNotice(view)).to.equal('You were removed from this room Join again');
    expect(shadow(view.messages).querySelector('[part~=leave-button]')).to.equal(null);
    rejoin.click();
    await waitFor(() => memberCount(view) === '1 in the room' && !textarea(view).disabled, 3000, 'back in the room');
    expect(shadow(view.messages).querySelector('[part~=room-notice]')).to.equal(null);
    expect(shadow(view.messages).querySelector('[part~=leave-button]')).to.not.equal(null);
  });

  it('shows a gag in every room, and a move to another room from another device', async () => {
    const { alice, view } = await aliceInNewRoom();
    await serverApi('/chatroom/user/ban/add.json', { userId: alice.userId, minute: 30, needNotify: true });
    await waitFor(() => editorHint(view).startsWith('You are muted in all chatrooms · Ends at'), 3000, 'global gag');
    await serverApi('/chatroom/user/ban/remove.json', { userId: alice.userId, needNotify: true });
    await waitFor(() => !textarea(view).disabled, 3000, 'global gag lifted');

    // Alice's phone joins another room: one room at a time, so she leaves this one here too.
    const phone = await connectUser(alice.userId);
    expect((await phone.client.joinChatRoom(await createRoom(), { count: -1 })).code).to.equal(0);
    await waitFor(() => roomNotice(view).startsWith('You joined another room on another device'), 3000, 'moved out');
    expect(textarea(view).disabled).to.equal(true);
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
