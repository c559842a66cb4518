import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  connectUser,
  conversationItem,
  conversationNames,
  describeViolations,
  disconnectAll,
  items,
  menuOf,
  mountChat,
  publishText,
  seriousViolations,
  shadow,
  uniqueId,
  waitFor,
} from '../shared/test-utils.js';
import { ErrorCode } from '../../protocol/error-codes.js';
import type { ConversationList } from './conversation-list.js';

const menuLabels = (el: Element) =>
  [...(menuOf(el)?.querySelectorAll('[role^="menuitem"]') ?? [])].map((i) => i.textContent!.trim());
const tabs = (list: ConversationList) => [...shadow(list).querySelectorAll<HTMLElement>('[role="tab"]')];
/** A tab's accessible name: its text without the decorative count. */
const tabName = (tab: HTMLElement) =>
  [...tab.childNodes]
    .filter(
      (n) => n.nodeType === Node.TEXT_NODE || (n instanceof HTMLElement && n.getAttribute('aria-hidden') !== 'true'),
    )
    .map((n) => n.textContent)
    .join('')
    .replace(/\s+/g, ' ')
    .replace(' ,', ',')
    .trim();
const tabNames = (list: ConversationList) => tabs(list).map(tabName);

function rightClick(target: HTMLElement): void {
  const rect = target.getBoundingClientRect();
  target.dispatchEvent(
    new MouseEvent('contextmenu', {
      bubbles: true,
      composed: true,
      cancelable: true,
      button: 2,
      clientX: rect.left + 10,
      clientY: rect.top + 10,
    }),
  );
}

async function pick(list: ConversationList, label: string, role = 'menuitem'): Promise<HTMLElement> {
  await list.updateComplete;
  return waitFor(
    () =>
      [...(menuOf(list)?.querySelectorAll<HTMLElement>(`[role="${role}"]`) ?? [])].find(
        (i) => i.textContent!.trim() === label,
      ),
    2000,
    label,
  );
}

describe('conversation tags', () => {
  afterEach(disconnectAll);

  it('a tag bar with unread counts filters the list; "Tags…" adds and removes a conversation; the other device follows', async () => {
    const meId = uniqueId('me');
    const me = await connectUser(meId);
    const me2 = await connectUser(meId);
    const [ann, ben] = [uniqueId('ann'), uniqueId('ben')];
    await publishText(ann, meId, 'a1');
    await publishText(ben, meId, 'b1');
    await publishText(ben, meId, 'b2');
    const [v, v2] = [await mountChat(me), await mountChat(me2)];
    await waitFor(() => items(v.list).length === 2 && items(v2.list).length === 2, 3000, 'listed');
    // No tags: no bar; "Tags…" offers "New tag…", a modal dialog asking for the name.
    expect(shadow(v.list).querySelector('[role="tablist"]')).to.equal(null);
    rightClick(conversationItem(v.list, ann)!);
    (await pick(v.list, '标签…')).click();
    await waitFor(() => menuLabels(v.list).join() === '新建标签…', 2000, 'only New tag');
    (await pick(v.list, '新建标签…')).click();

    const dialog = await waitFor(() => shadow(v.list).querySelector<HTMLDialogElement>('dialog[open]'), 2000, 'dialog');
    expect(shadow(v.list).getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).to.equal('新建标签');
    await waitFor(() => shadow(v.list).activeElement === dialog.querySelector('input'), 1000, 'name field focused');
    const inDialog = await seriousViolations(v.list);
    expect(inDialog, describeViolations(inDialog)).to.deep.equal([]);
    await sendKeys({ type: 'Work' });
    await sendKeys({ press: 'Enter' });
    // The new tag holds the conversation it was created from.
    await waitFor(() => tabNames(v.list).join() === '全部, 3 条未读,Work, 1 条未读', 3000, 'tag bar');
    await waitFor(() => !shadow(v.list).querySelector('dialog'), 2000, 'dialog closed');
    await waitFor(
      () => shadow(v.list).activeElement === conversationItem(v.list, ann),
      1000,
      'focus back on the conversation',
    );
    expect(shadow(v.list).querySelector('[role="tablist"]')!.getAttribute('aria-label')).to.equal('标签');
    await waitFor(
      () => tabNames(v2.list).join() === '全部, 3 条未读,Work, 1 条未读',
      3000,
      'tag bar on the other device',
    );

    // A second tag from the API; Ben goes in it from the menu.
    const home = await me.kit.createTag('Home');
    expect(home.code).to.equal(0);
    expect(me.kit.getTags().map((t) => t.tagName)).to.deep.equal(['Work', 'Home']);
    const workId = me.kit.getTags()[0]!.tagId;
    rightClick(conversationItem(v.list, ben)!);
    (await pick(v.list, '标签…')).click();
    const homeItem = await pick(v.list, 'Home', 'menuitemcheckbox');
    expect(homeItem.getAttribute('aria-checked')).to.equal('false');
    expect((await pick(v.list, 'Work', 'menuitemcheckbox')).getAttribute('aria-checked')).to.equal('false');
    const violations = await seriousViolations(v.list);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
    homeItem.click();
    await waitFor(
      () => tabNames(v.list).join() === '全部, 3 条未读,Work, 1 条未读,Home, 2 条未读',
      2000,
      'unread in the tags',
    );
    expect(me.kit.getTagUnreadCount(home.data!)).to.equal(2);

    tabs(v.list)[1]!.click();
    await v.list.updateComplete;
    expect(v.list.tagFilter).to.equal(workId);
    expect(tabName(tabs(v.list).find((t) => t.getAttribute('aria-selected') === 'true')!)).to.equal('Work, 1 条未读');
    expect(conversationNames(v.list)).to.deep.equal([`Name of ${ann}`]);
    const withBar = await seriousViolations(v.list);
    expect(withBar, describeViolations(withBar)).to.deep.equal([]);
    await publishText(ann, meId, 'a2');
    await waitFor(() => tabNames(v.list)[1] === 'Work, 2 条未读', 3000, 'live unread');

    // The other device: the same filter from the attribute.
    v2.list.setAttribute('tag-filter', workId);
    await waitFor(() => conversationNames(v2.list).join() === `Name of ${ann}`, 3000, 'filtered on the other device');

    // Keyboard: Left/Right move between tabs and select.
    tabs(v.list)[1]!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await waitFor(() => v.list.tagFilter === '' && items(v.list).length === 2, 1000, 'All again');
    await sendKeys({ press: 'ArrowRight' });
    await waitFor(() => v.list.tagFilter === workId && items(v.list).length === 1, 1000, 'Work again');

    // Take it out of the tag from the menu: checked now.
    rightClick(conversationItem(v.list, ann)!);
    (await pick(v.list, '标签…')).click();
    const checked = await pick(v.list, 'Work', 'menuitemcheckbox');
    expect(checked.getAttribute('aria-checked')).to.equal('true');
    checked.click();
    await waitFor(() => items(v.list).length === 0, 2000, 'out of the tag');
    await waitFor(() => items(v2.list).length === 0, 3000, 'out of the tag on the other device');

    // The API renames under the same rules as the dialog; every device follows.
    expect((await me.kit.renameTag(home.data!, ' work ')).code).to.equal(ErrorCode.TAG_EXISTS);
    expect((await me.kit.renameTag(home.data!, ' Family ')).code).to.equal(0);
    expect(me.kit.getTags().map((t) => t.tagName)).to.deep.equal(['Work', 'Family']);
    await waitFor(() => tabNames(v2.list)[2]?.startsWith('Family,'), 3000, 'renamed on the other device');

    v.list.hideTags = true;
    await v.list.updateComplete;
    expect(shadow(v.list).querySelector('[role="tablist"]')).to.equal(null);
  });
});
