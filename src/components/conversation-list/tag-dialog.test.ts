import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  connectUser,
  describeViolations,
  disconnectAll,
  items,
  mountChat,
  publishText,
  seriousViolations,
  shadow,
  uniqueId,
  waitFor,
} from '../shared/test-utils.js';
import type { ConversationList } from './conversation-list.js';

const active = (list: ConversationList) => shadow(list).activeElement as HTMLElement | null;
const dialogOf = (list: ConversationList) => shadow(list).querySelector<HTMLDialogElement>('dialog');
const nameField = (list: ConversationList) => dialogOf(list)!.querySelector('input')!;
const errorOf = (list: ConversationList) => dialogOf(list)!.querySelector('[role="alert"]')!.textContent!.trim();
/** The tabs' tag names (without their unread counts). */
const tabNames = (list: ConversationList) =>
  [...shadow(list).querySelectorAll('[role="tab"]')].map((t) =>
    [...t.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join('')
      .trim(),
  );

/** Keyboard only: the row's menu (Shift+F10), "Tags…", then "New tag…" (the last item of each step). */
async function openNewTagByKeyboard(list: ConversationList): Promise<HTMLDialogElement> {
  items(list)[0]!.focus();
  await sendKeys({ press: 'Shift+F10' });
  await waitFor(() => active(list)?.getAttribute('role') === 'menuitem', 1000, 'menu');
  await sendKeys({ press: 'End' });
  await sendKeys({ press: 'ArrowUp' });
  expect(active(list)!.textContent!.trim()).to.equal('标签…');
  await sendKeys({ press: 'Enter' });
  await waitFor(() => active(list)?.dataset.id?.startsWith('tag-'), 1000, 'tags step');
  await sendKeys({ press: 'End' });
  expect(active(list)!.textContent!.trim()).to.equal('新建标签…');
  await sendKeys({ press: 'Enter' });
  const dialog = await waitFor(() => shadow(list).querySelector<HTMLDialogElement>('dialog[open]'), 2000, 'dialog');
  await waitFor(() => active(list) === nameField(list), 1000, 'name field focused');
  return dialog;
}

async function submitAndExpectError(list: ConversationList, error: string): Promise<void> {
  await sendKeys({ press: 'Enter' });
  await waitFor(() => errorOf(list) === error, 3000, error);
  expect(dialogOf(list)!.open).to.equal(true);
  expect(nameField(list).getAttribute('aria-invalid')).to.equal('true');
  expect(active(list)).to.equal(nameField(list));
}

describe('the tag name dialog', () => {
  afterEach(disconnectAll);

  it('explains a blank, too long, taken or refused name, keeps what was typed, and closes with Escape or Cancel', async () => {
    const me = await connectUser(uniqueId('me'));
    const ann = uniqueId('ann');
    await publishText(ann, me.userId, 'hello');
    const v = await mountChat(me);
    await waitFor(() => items(v.list).length === 1, 3000, 'listed');
    expect((await me.kit.createTag('Work')).code).to.equal(0);
    await waitFor(() => tabNames(v.list).length === 2, 2000, 'tag bar');

    await openNewTagByKeyboard(v.list);
    await submitAndExpectError(v.list, '请输入名称');
    await sendKeys({ type: 'abcdefghijklmnop' });
    // Typing clears the message; saving shows the next one.
    expect(errorOf(v.list)).to.equal('');
    await submitAndExpectError(v.list, '最多 15 个字符');
    expect(nameField(v.list).value).to.equal('abcdefghijklmnop');
    await sendKeys({ press: 'Control+A' });
    await sendKeys({ type: ' work ' });
    await submitAndExpectError(v.list, '已有同名标签');
    const violations = await seriousViolations(v.list);
    expect(violations, describeViolations(violations)).to.deep.equal([]);

    // Escape closes without creating anything; focus is back on the conversation.
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !dialogOf(v.list) && active(v.list) === items(v.list)[0], 1000, 'closed by Escape');
    expect(me.kit.getTags().map((t) => t.tagName)).to.deep.equal(['Work']);

    await openNewTagByKeyboard(v.list);
    expect(nameField(v.list).value).to.equal('');
    [...dialogOf(v.list)!.querySelectorAll('button')].find((b) => b.textContent!.trim() === '取消')!.click();
    await waitFor(() => !dialogOf(v.list) && active(v.list) === items(v.list)[0], 1000, 'closed by Cancel');

    // The server's no (20 tags at most) is shown too, and the name survives it.
    for (let i = 1; i < 20; i++) expect((await me.kit.createTag(`T${i}`)).code).to.equal(0);
    await openNewTagByKeyboard(v.list);
    await sendKeys({ type: 'Extra' });
    await submitAndExpectError(v.list, '最多可创建 20 个标签');
    expect(me.kit.getTags()).to.have.length(20);
    expect((await me.kit.removeTag(me.kit.getTags()[1]!.tagId)).code).to.equal(0);
    expect(nameField(v.list).value).to.equal('Extra');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => !dialogOf(v.list), 3000, 'created on the second try');
    const extra = me.kit.getTags().find((t) => t.tagName === 'Extra')!;
    expect(extra.tagId).to.have.length.of.at.most(10);
    await waitFor(() => tabNames(v.list).at(-1) === 'Extra', 2000, 'Extra tab');
    v.list.tagFilter = extra.tagId;
    await waitFor(() => items(v.list).length === 1, 2000, 'the conversation is in the new tag');
  });
});
