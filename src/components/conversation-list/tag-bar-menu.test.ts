import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  describeViolations,
  disconnectAll,
  items,
  mountChat,
  rightClick,
  seriousViolations,
  shadow,
  tagTabNames as tabNames,
  tagTabs as tabs,
  userWithTags,
  waitFor,
} from '../shared/test-utils.js';
import type { ConversationList } from './conversation-list.js';

const active = (list: ConversationList) => shadow(list).activeElement as HTMLElement | null;
const menuOf = (list: ConversationList) => shadow(list).querySelector<HTMLElement>('[role="menu"]');
const menuLabels = (list: ConversationList) =>
  [...(menuOf(list)?.querySelectorAll('[role="menuitem"]') ?? [])].map((i) => i.textContent!.trim());
const tabOf = (list: ConversationList, name: string) => tabs(list)[tabNames(list).indexOf(name)];
const dialogOf = (list: ConversationList) => shadow(list).querySelector<HTMLDialogElement>('dialog');

describe('the tag bar menu', () => {
  afterEach(disconnectAll);

  it('renames a tag (right-click) and deletes it (keyboard, confirmed) on every device; the filter falls back to All', async () => {
    const { one: me, two: me2, ann, tagIds } = await userWithTags('Work', 'Home');
    const work = tagIds[0]!;
    expect((await me.kit.addConversationToTag(work, { conversationType: 1, targetId: ann })).code).to.equal(0);
    const [v, v2] = [await mountChat(me), await mountChat(me2)];
    await waitFor(
      () => tabNames(v.list).join() === '全部,Work,Home' && tabNames(v2.list).join() === '全部,Work,Home',
      3000,
      'tag bars',
    );

    // "All" has no menu: the browser's own is left alone.
    expect(rightClick(tabs(v.list)[0]!).defaultPrevented).to.equal(false);
    expect(menuOf(v.list)).to.equal(null);

    // Rename from the mouse: the dialog starts with the name, selected.
    expect(rightClick(tabOf(v.list, 'Work')!).defaultPrevented).to.equal(true);
    await v.list.updateComplete;
    expect(menuOf(v.list)!.getAttribute('aria-label')).to.equal('标签操作');
    expect(menuLabels(v.list)).to.deep.equal(['重命名…', '删除标签']);
    const inMenu = await seriousViolations(v.list);
    expect(inMenu, describeViolations(inMenu)).to.deep.equal([]);
    menuOf(v.list)!.querySelector<HTMLElement>('[data-id="tag-rename"]')!.click();
    const dialog = await waitFor(
      () => shadow(v.list).querySelector<HTMLDialogElement>('dialog[open]'),
      2000,
      'rename dialog',
    );
    expect(shadow(v.list).getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).to.equal('重命名标签');
    const field = dialog.querySelector('input')!;
    await waitFor(() => active(v.list) === field, 1000, 'name field focused');
    expect(field.value.slice(field.selectionStart!, field.selectionEnd!)).to.equal('Work');
    await sendKeys({ type: 'HOME' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => dialog.querySelector('[role="alert"]')!.textContent === '已有同名标签', 2000, 'taken name');
    await sendKeys({ press: 'Control+A' });
    await sendKeys({ type: 'Job' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => !dialogOf(v.list) && tabNames(v.list).join() === '全部,Job,Home', 3000, 'renamed');
    await waitFor(() => active(v.list) === tabOf(v.list, 'Job'), 1000, 'focus back on the tab');
    await waitFor(() => tabNames(v2.list).join() === '全部,Job,Home', 3000, 'renamed on the other device');

    // Both devices show the tag; delete it from the keyboard, with a confirmation step.
    v.list.tagFilter = work;
    v2.list.setAttribute('tag-filter', work);
    await waitFor(() => items(v.list).length === 1 && items(v2.list).length === 1, 2000, 'filtered');
    tabOf(v.list, 'Job')!.focus();
    await sendKeys({ press: 'Shift+F10' });
    await waitFor(() => active(v.list)?.textContent?.trim() === '重命名…', 1000, 'menu from the keyboard');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => menuLabels(v.list).join() === '确认删除“Job”,取消', 1000, 'confirmation');
    // The destructive step is drawn in the danger colour, "Cancel" is not.
    const [confirm, cancel] = [...menuOf(v.list)!.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    expect(getComputedStyle(confirm!).color).to.equal('rgb(197, 34, 31)');
    expect(getComputedStyle(cancel!).color).not.to.equal('rgb(197, 34, 31)');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => tabNames(v.list).join() === '全部,Home', 3000, 'deleted');
    expect(me.kit.getTags().map((t) => t.tagName)).to.deep.equal(['Home']);
    // The filter falls back to "All", where the tag's conversation still is; focus stays in the bar.
    expect(v.list.tagFilter).to.equal('');
    expect(items(v.list).length).to.equal(2);
    await waitFor(() => active(v.list) === tabs(v.list)[0], 1000, 'focus on All');
    expect(tabs(v.list)[0]!.getAttribute('aria-selected')).to.equal('true');
    await waitFor(
      () => tabNames(v2.list).join() === '全部,Home' && v2.list.tagFilter === '' && items(v2.list).length === 2,
      3000,
      'the other device',
    );

    // The context-menu key opens the menu too; Escape closes it and focus returns to the tab.
    tabOf(v.list, 'Home')!.focus();
    await sendKeys({ press: 'ContextMenu' });
    await waitFor(() => menuLabels(v.list).join() === '重命名…,删除标签', 1000, 'menu from the context-menu key');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !menuOf(v.list) && active(v.list) === tabOf(v.list, 'Home'), 1000, 'closed');
    const withBar = await seriousViolations(v.list);
    expect(withBar, describeViolations(withBar)).to.deep.equal([]);
  });
});
