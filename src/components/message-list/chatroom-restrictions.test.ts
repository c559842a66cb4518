import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { changeLanguage } from '../../i18n/index.js';
import type { KitClock } from '../../services/store/clock.js';
import {
  bubbleTexts,
  connectUser,
  describeViolations,
  disconnectAll,
  mountChat,
  seriousViolations,
  serverApi,
  shadow,
  uniqueId,
  waitFor,
} from '../shared/test-utils.js';
import {
  aliceInNewRoom,
  createRoom,
  editorHint,
  memberCount,
  room,
  roomNotice,
  textarea,
} from './chatroom-test-helpers.js';

/** A new room whose creator the app names (the creator speaks under mute-all, seeds 003). */
async function roomCreatedBy(creatorId: string): Promise<string> {
  const roomId = uniqueId('room');
  expect((await serverApi('/chatroom/create_new.json', { chatroomId: roomId, creatorId })).code).to.equal(200);
  return roomId;
}

/** The app gags the user in the room for `minute` minutes, telling them. */
const gagInRoom = (roomId: string, userId: string, minute: number) =>
  serverApi('/chatroom/user/gag/add.json', { chatroomId: roomId, userId, minute, needNotify: true });

/** The app blocks the user from the room for `minute` minutes, telling them. */
const blockFromRoom = (roomId: string, userId: string, minute: number) =>
  serverApi('/chatroom/user/block/add.json', { chatroomId: roomId, userId, minute, needNotify: true });

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

describe('<message-list> and <message-editor> in a chatroom under mutes, gags and blocks', () => {
  before(() => changeLanguage('en'));
  after(() => changeLanguage('zh_CN'));
  afterEach(disconnectAll);

  it('disables the editor while gagged, with the reason and time left, and enables it when lifted', async () => {
    const { roomId, alice, view } = await aliceInNewRoom();

    await gagInRoom(roomId, alice.userId, 5);
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
    const carol = await connectUser(uniqueId('carol'));
    const roomId = await roomCreatedBy(carol.userId);
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
    const owner = await connectUser(uniqueId('owner'));
    const roomId = await roomCreatedBy(owner.userId);
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
    await gagInRoom(roomId, alice.userId, 2);
    await waitFor(() => textarea(view).disabled, 3000, 'editor disabled');
    expect(editorHint(view)).to.match(/\((2:00|1:5\d) left\)$/);
    clock.advance(60_000);
    await waitFor(() => /\((1:00|0:5\d) left\)$/.test(editorHint(view)), 2500, 'countdown');
    clock.advance(61_000);
    await waitFor(() => !textarea(view).disabled, 2500, 'enabled when the time ran out');
    expect(alice.kit.store.state.chatrooms[`4:${roomId}`]!.restrictions).to.deep.equal([]);
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
    await blockFromRoom(roomId, alice.userId, 10);
    // Said once in full in the header (no "You were removed" before it: the block is why), once short in the editor.
    await waitFor(() => roomNotice(view).includes('Ends at'), 3000, 'blocked notice');
    expect(roomNotice(view)).to.match(/^You are blocked from this room · Ends at \d\d:\d\d \((10:00|9:5\d) left\)$/);
    expect(textarea(view).disabled).to.equal(true);
    expect(editorHint(view)).to.match(/^Blocked from this room · (10:00|9:5\d) left$/);
    expect(shadow(view.messages).querySelector('[part~=rejoin-button]')).to.equal(null);
    // Out of the room, the header offers no Leave, and the empty log does not ask to say hello.
    expect(shadow(view.messages).querySelector('[part~=leave-button]')).to.equal(null);
    expect(shadow(view.messages).querySelector('[part~=log]')!.textContent).not.to.contain('Say hello');
  });

  it('keeps the end of a block when the user tries to join while still blocked', async () => {
    const { roomId, alice, view } = await aliceInNewRoom();
    await blockFromRoom(roomId, alice.userId, 10);
    await waitFor(() => roomNotice(view).includes('Ends at'), 3000, 'blocked notice');
    await alice.kit.selectConversation(room(roomId));
    await waitFor(() => alice.kit.store.state.chatrooms[`4:${roomId}`]?.errorCode, 3000, 'join turned away');
    expect(roomNotice(view)).to.match(/You are blocked from this room · Ends at \d\d:\d\d \((10:00|9:5\d) left\)$/);
  });

  it('offers to join again once the block is lifted', async () => {
    const { roomId, alice, view } = await aliceInNewRoom();
    await blockFromRoom(roomId, alice.userId, 10);
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
});
