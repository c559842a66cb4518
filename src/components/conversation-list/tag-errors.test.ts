import { expect } from '@open-wc/testing';
import { ErrorCode } from '../../protocol/error-codes.js';
import {
  describeViolations,
  disconnectAll,
  items,
  mountChat,
  rightClick,
  seriousViolations,
  shadow,
  tagTabNames as tabNames,
  tagTabs,
  userWithTags,
  waitFor,
} from '../shared/test-utils.js';
import type { ConversationList } from './conversation-list.js';

const menuOf = (list: ConversationList) => shadow(list).querySelector<HTMLElement>('[role="menu"]');
const menuItem = (list: ConversationList, label: string) =>
  [...(menuOf(list)?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])].find(
    (i) => i.textContent!.trim() === label,
  );
const tabOf = (list: ConversationList, name: string) => tagTabs(list)[tabNames(list).indexOf(name)];
const errorLine = (list: ConversationList) => shadow(list).querySelector<HTMLElement>('[part="error"]');

async function choose(list: ConversationList, label: string): Promise<void> {
  await list.updateComplete;
  (await waitFor(() => menuItem(list, label), 2000, label)).click();
}

describe('refused tag actions', () => {
  afterEach(disconnectAll);

  it('says so when the server refuses deleting a tag or checking one, deleted meanwhile on another device', async () => {
    const { one: me, two: other, tagIds } = await userWithTags('Work', 'Home');
    const [work, home] = tagIds as [string, string];
    const { list } = await mountChat(me);
    await waitFor(() => tabNames(list).join() === '全部,Work,Home' && items(list).length === 2, 3000, 'tag bar');
    expect(errorLine(list)).to.equal(null);

    // The user asks to delete Work; before they confirm, another device deletes it.
    rightClick(tabOf(list, 'Work')!);
    await choose(list, '删除标签');
    await waitFor(() => menuItem(list, '确认删除“Work”'), 2000, 'confirmation');
    expect((await other.kit.removeTag(work)).code).to.equal(0);
    await waitFor(() => tabNames(list).join() === '全部,Home', 3000, 'Work gone here too');
    await choose(list, '确认删除“Work”');
    const line = await waitFor(() => errorLine(list), 3000, 'refusal shown');
    expect(line.getAttribute('role')).to.equal('alert');
    expect(line.textContent).to.equal(`无法删除标签（${ErrorCode.TAG_NOT_EXIST}）`);
    const violations = await seriousViolations(list);
    expect(violations, describeViolations(violations)).to.deep.equal([]);

    // The user puts Ann in Home from the "Tags…" menu; Home is deleted meanwhile.
    await waitFor(() => !menuOf(list), 1000, 'menu closed');
    rightClick(items(list)[0]!);
    await choose(list, '标签…');
    await waitFor(() => menuItem(list, 'Home'), 2000, 'Home offered');
    expect((await other.kit.removeTag(home)).code).to.equal(0);
    await waitFor(() => tabNames(list).length === 0, 3000, 'no tags left here');
    await choose(list, 'Home');
    await waitFor(
      () => errorLine(list)?.textContent === `无法更改会话的标签（${ErrorCode.TAG_NOT_EXIST}）`,
      3000,
      'second refusal shown',
    );
    expect(me.kit.getTags()).to.deep.equal([]);
  });
});
