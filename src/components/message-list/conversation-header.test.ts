import { expect } from '@open-wc/testing';
import { ConversationType } from '../../protocol/enums.js';
import {
  connectUser,
  disconnectAll,
  mountChat,
  serverApi,
  shadow,
  testService,
  uniqueId,
  waitFor,
} from '../shared/test-utils.js';
import type { MessageList } from './message-list.js';

const headerText = (list: MessageList) =>
  shadow(list).querySelector('[part~="header"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const countOf = (list: MessageList) => shadow(list).querySelector<HTMLElement>('[part~="member-count"]');

describe('<message-list> header', () => {
  afterEach(disconnectAll);

  it("shows a group's member count beside its name, from the conversation profile's memberCount", async () => {
    const group = uniqueId('grp');
    const service = testService();
    const alice = await connectUser(uniqueId('alice'), {
      ...service,
      getConversationProfile: async (conversations) =>
        (await service.getConversationProfile(conversations)).map((c) => ({ ...c, name: 'Trip', memberCount: 12 })),
    });
    await serverApi('/group/create.json', { userId: [alice.userId], groupId: group, groupName: 'Trip' });
    const view = await mountChat(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.GROUP, targetId: group });
    await waitFor(() => countOf(view.messages), 3000, 'member count');
    expect(shadow(view.messages).querySelector('[part~="header"] .title')!.textContent).to.equal('Trip');
    // Seen as "(12)" right after the name, heard as "12 members".
    const title = shadow(view.messages).querySelector('[part~="header"] .title')!.getBoundingClientRect();
    const count = countOf(view.messages)!.getBoundingClientRect();
    expect(count.left).to.be.within(title.right, title.right + 12);
    expect(Math.abs(count.top + count.height / 2 - (title.top + title.height / 2))).to.be.below(3);
    expect(countOf(view.messages)!.querySelector('[aria-hidden="true"]')!.textContent).to.equal('(12)');
    expect(countOf(view.messages)!.querySelector('.visually-hidden')!.textContent).to.equal('12 名成员');
  });

  it("falls back to the size of the app's getGroupMembers list; none in one-to-one chats", async () => {
    const group = uniqueId('grp');
    const bob = uniqueId('bob');
    const alice = await connectUser(uniqueId('alice'), {
      ...testService(),
      getGroupMembers: () => [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    });
    await serverApi('/group/create.json', { userId: [alice.userId], groupId: group, groupName: 'G' });
    const view = await mountChat(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.GROUP, targetId: group });
    await waitFor(() => countOf(view.messages)?.textContent?.includes('(3)'), 3000, 'count from the member list');

    await alice.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: bob });
    await waitFor(() => headerText(view.messages).includes(`Name of ${bob}`), 3000, 'private header');
    expect(countOf(view.messages)).to.equal(null);
  });
});
