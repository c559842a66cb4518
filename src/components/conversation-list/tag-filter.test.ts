import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { disconnectAll, items, mountChat, tagTabs as tabs, userWithTags, waitFor } from '../shared/test-utils.js';
import type { TagFilterChangeEvent } from '../shared/events.js';

describe('the tag filter', () => {
  afterEach(disconnectAll);

  it('tells the app what the user or the kit chose (tagFilterChange and the tagFilter property), not what the app set', async () => {
    const { one: me, two: me2, ann, tagIds } = await userWithTags('Work', 'Home');
    const [work, home] = tagIds as [string, string];
    expect((await me.kit.addConversationToTag(work, { conversationType: 1, targetId: ann })).code).to.equal(0);
    const { list, root } = await mountChat(me);
    await waitFor(() => tabs(list).length === 3 && items(list).length === 2, 3000, 'tag bar and list');
    // The app keeps its own copy of the filter from the events, heard above the kit.
    const heard: string[] = [];
    root.addEventListener('tagFilterChange', (e: TagFilterChangeEvent) => heard.push(e.detail));

    tabs(list)[1]!.click();
    await waitFor(() => items(list).length === 1, 2000, 'Work shown');
    expect(heard).to.deep.equal([work]);
    expect(list.tagFilter).to.equal(work);
    // Choosing the tab already shown changes nothing.
    tabs(list)[1]!.click();
    await list.updateComplete;
    expect(heard).to.deep.equal([work]);

    tabs(list)[1]!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await waitFor(() => items(list).length === 2, 2000, 'All shown');
    expect(heard).to.deep.equal([work, '']);
    expect(list.tagFilter).to.equal('');

    // The app sets it: not reported back.
    list.tagFilter = home;
    await list.updateComplete;
    expect(items(list).length).to.equal(0);
    expect(heard).to.deep.equal([work, '']);

    // The shown tag is deleted on another device: the list falls back to "All" and says so.
    expect((await me2.kit.removeTag(home)).code).to.equal(0);
    await waitFor(() => tabs(list).length === 2 && items(list).length === 2, 3000, 'All after the delete');
    expect(heard).to.deep.equal([work, '', '']);
    expect(list.tagFilter).to.equal('');
  });
});
