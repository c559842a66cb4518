// <chatroom-queue>: the open chatroom's mic queue, live, with join and leave, in a real browser against
// the real server (rooms made through the Server API, members as real clients).
import { expect, fixture, html } from '@open-wc/testing';
import { ConversationType } from '../../protocol/enums.js';
import {
  connectUser,
  describeViolations,
  disconnectAll,
  seriousViolations,
  serverApi,
  shadow,
  uniqueId,
  waitFor,
  type TestUser,
} from '../shared/test-utils.js';
import type { ChatroomQueue } from './chatroom-queue.js';

const rows = (el: ChatroomQueue) => [...shadow(el).querySelectorAll<HTMLElement>('[part~=entry]')];
const names = (el: ChatroomQueue) => rows(el).map((r) => r.querySelector('[part~=name]')!.textContent!.trim());
const button = (el: ChatroomQueue, part: string) => shadow(el).querySelector<HTMLButtonElement>(`[part~=${part}]`);

async function room(): Promise<string> {
  const id = uniqueId('mic');
  const res = await serverApi('/chatroom/create_new.json', { chatroomId: id, name: 'Call-in hour' });
  expect(res.code).to.equal(200);
  return id;
}

async function mount(user: TestUser): Promise<ChatroomQueue> {
  const el = await fixture<ChatroomQueue>(
    html`<div style="width:280px;height:320px"><chatroom-queue .store=${user.kit.store}></chatroom-queue></div>`,
  );
  return el.querySelector('chatroom-queue')!;
}

describe('chatroom-queue', () => {
  afterEach(disconnectAll);

  it('lists the queue in order with owner names and values, and follows changes live', async () => {
    const id = await room();
    const bob = await connectUser(uniqueId('bob'));
    const carol = await connectUser(uniqueId('carol'));
    await bob.client.joinChatRoom(id, { count: -1 });
    await carol.client.joinChatRoom(id, { count: -1 });
    expect((await bob.client.getChatroomRoles().queueOffer(id, 'bob-seat', 'guitar')).code).to.equal(0);
    const alice = await connectUser(uniqueId('alice'), undefined, { language: 'en' });
    const el = await mount(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.CHATROOM, targetId: id });
    await waitFor(() => rows(el).length === 1, 3000, "bob's entry");
    expect(names(el)).to.deep.equal([`Name of ${bob.userId}`]);
    expect(rows(el)[0]!.querySelector('[part~=value]')!.textContent).to.equal('guitar');
    expect(shadow(el).querySelector('[part~=title]')!.getAttribute('aria-label')).to.equal('Mic queue, 1 waiting');

    expect((await carol.client.getChatroomRoles().queueOffer(id, 'carol-seat', '')).code).to.equal(0);
    await waitFor(() => rows(el).length === 2, 3000, "carol's entry, live");
    expect(names(el)).to.deep.equal([`Name of ${bob.userId}`, `Name of ${carol.userId}`]);
    expect(rows(el)[1]!.querySelector('[part~=value]')).to.equal(null, 'an empty value takes no room');

    expect((await bob.client.getChatroomRoles().queueOffer(id, 'bob-seat', 'drums')).code).to.equal(0);
    await waitFor(
      () => rows(el)[0]?.querySelector('[part~=value]')?.textContent === 'drums',
      3000,
      'the changed value, in place',
    );
    expect((await bob.client.getChatroomRoles().queuePoll(id, 'bob-seat')).code).to.equal(0);
    await waitFor(() => rows(el).length === 1, 3000, 'bob left the queue');
    expect(names(el)).to.deep.equal([`Name of ${carol.userId}`]);

    const violations = await seriousViolations(el);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
    expect(shadow(el).querySelector('ol[part~=list]')!.children.length).to.equal(1, 'an ordered list of entries');
  });

  it('the user joins the queue at the end and leaves it again; others see both', async () => {
    const id = await room();
    const bob = await connectUser(uniqueId('bob'));
    await bob.client.joinChatRoom(id, { count: -1 });
    await bob.client.getChatroomRoles().queueOffer(id, 'first', '');
    const alice = await connectUser(uniqueId('alice'), undefined, { language: 'en' });
    const el = await mount(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.CHATROOM, targetId: id });
    const join = await waitFor(() => button(el, 'join-button'), 3000, 'the join button');
    expect(join.textContent!.trim()).to.equal('Join the queue');
    join.click();
    await waitFor(() => rows(el).length === 2, 3000, 'her entry');
    expect(rows(el)[1]!.hasAttribute('data-mine')).to.equal(true);
    expect(names(el)[1]).to.equal(`Name of ${alice.userId}`);
    const listed = await bob.client.getChatroomRoles().queueList(id);
    expect(listed.data!.map((e) => [e.key, e.userId])).to.deep.equal(
      [
        ['first', bob.userId],
        [alice.userId, alice.userId],
      ],
      'the server has it under her id',
    );

    const leave = await waitFor(() => button(el, 'leave-button'), 3000, 'the leave button');
    expect(button(el, 'join-button')).to.equal(null);
    leave.click();
    await waitFor(() => rows(el).length === 1, 3000, 'her entry gone');
    expect((await bob.client.getChatroomRoles().queueList(id)).data!.map((e) => e.key)).to.deep.equal(['first']);
    await waitFor(() => button(el, 'join-button'), 3000, 'join offered again');
  });

  it('an empty queue says so; nothing shows while no chatroom is open', async () => {
    const id = await room();
    const alice = await connectUser(uniqueId('alice'), undefined, { language: 'en' });
    const el = await mount(alice);
    expect(shadow(el).querySelector('[part~=base]')).to.equal(null);
    await alice.kit.selectConversation({ conversationType: ConversationType.CHATROOM, targetId: id });
    const empty = await waitFor(() => shadow(el).querySelector('[part~=empty]'), 3000, 'the empty line');
    expect(empty.textContent!.trim()).to.equal('Nobody is in the queue');
    await alice.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: uniqueId('peer') });
    await waitFor(() => !shadow(el).querySelector('[part~=base]'), 3000, 'hidden for a private chat');
  });

  it('a refused join shows the error and changes nothing', async () => {
    const id = await room();
    const alice = await connectUser(uniqueId('alice'), undefined, { language: 'en' });
    const el = await mount(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.CHATROOM, targetId: id });
    const join = await waitFor(() => button(el, 'join-button'), 3000, 'the join button');
    // Someone else already holds the entry under her id: the server refuses (23424).
    const mallory = await connectUser(uniqueId('mallory'));
    await mallory.client.joinChatRoom(id, { count: -1 });
    await mallory.client.getChatroomRoles().queueOffer(id, alice.userId, 'mine now');
    await waitFor(() => rows(el).length === 1, 3000, "mallory's entry");
    join.click();
    const error = await waitFor(() => shadow(el).querySelector('[part~=error]'), 3000, 'the error line');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('23424');
    expect(rows(el)[0]!.querySelector('[part~=value]')!.textContent).to.equal('mine now');
  });
});
