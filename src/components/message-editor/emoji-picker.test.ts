import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { changeLanguage } from '../../i18n/index.js';
import { ConversationType } from '../../protocol/enums.js';
import { EMOJI_CATEGORIES } from './emoji-data.js';
import { EMOJI_COLUMNS } from './emoji-picker.js';
import {
  bubbleTexts,
  connectUser,
  describeViolations,
  disconnectAll,
  mountChat,
  seriousViolations,
  shadow,
  uniqueId,
  waitFor,
} from '../shared/test-utils.js';

const ALL = EMOJI_CATEGORIES.flatMap((c) => c.emoji);

async function open() {
  const me = await connectUser(uniqueId('me'));
  const view = await mountChat(me);
  await me.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: uniqueId('peer') });
  await view.editor.updateComplete;
  const root = shadow(view.editor);
  return {
    me,
    view,
    root,
    area: root.querySelector('textarea')!,
    button: root.querySelector<HTMLButtonElement>('.emoji-button')!,
  };
}

describe('<message-editor> emoji', () => {
  afterEach(async () => {
    await changeLanguage('zh_CN');
    await disconnectAll();
  });

  it('names every control in the current language', async () => {
    const { view, root } = await open();
    const names = () =>
      ['.attach', '.emoji-button', '.send'].map(
        (s) => root.querySelector(s)!.getAttribute('aria-label') ?? root.querySelector(s)!.textContent!.trim(),
      );
    expect(names()).to.deep.equal(['发送图片或文件', '表情', '发送']);
    await changeLanguage('en');
    await view.editor.updateComplete;
    expect(names()).to.deep.equal(['Send image or file', 'Emoji', 'Send']);
    await changeLanguage('ja');
    await view.editor.updateComplete;
    expect(names()).to.deep.equal(['画像やファイルを送信', '絵文字', '送信']);
  });

  it('draws its icon like the attach icon beside it, the same size and line in every language', async () => {
    const { view, root, button } = await open();
    for (const lang of ['en', 'zh_CN', 'ja']) {
      await changeLanguage(lang);
      await view.editor.updateComplete;
      const attach = root.querySelector('.attach svg')!.getBoundingClientRect();
      const icon = button.firstElementChild!;
      const box = icon.getBoundingClientRect();
      expect(box.width, lang).to.be.closeTo(attach.width, 0.5);
      expect(box.height, lang).to.be.closeTo(attach.height, 0.5);
      expect(box.top + box.height / 2, `${lang}: centred on the same line`).to.be.closeTo(
        attach.top + attach.height / 2,
        0.5,
      );
      expect(getComputedStyle(icon).color, lang).to.equal(getComputedStyle(root.querySelector('.attach svg')!).color);
      expect(icon.localName, `${lang}: a drawing, not a glyph of the language's font`).to.equal('svg');
    }
  });

  it('opens a named popover, moves with arrow keys and inserts at the caret with Enter, refocusing the input', async () => {
    const { view, root, area, button } = await open();
    expect(button.getAttribute('aria-label')).to.equal('表情');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    area.focus();
    await sendKeys({ type: 'ab' });
    area.setSelectionRange(1, 1);

    button.click();
    // The picker is loaded on first use.
    const dialog = await waitFor(() => root.querySelector('[role="dialog"]'), 2000, 'picker');
    expect(dialog.getAttribute('aria-label')).to.equal('表情');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect([...dialog.querySelectorAll('[role="group"]')].map((g) => g.getAttribute('aria-label'))).to.deep.equal([
      '笑脸',
      '手势',
      '动物与自然',
      '食物与饮料',
      '物品与符号',
    ]);
    await waitFor(() => root.activeElement?.textContent === ALL[0], 2000, 'first emoji focused');
    const violations = await seriousViolations(view.editor);
    expect(violations, describeViolations(violations)).to.deep.equal([]);

    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowDown' });
    await waitFor(() => root.activeElement?.textContent === ALL[1 + EMOJI_COLUMNS], 2000, 'moved');
    await sendKeys({ press: 'ArrowUp' });
    await waitFor(() => root.activeElement?.textContent === ALL[1], 2000, 'moved up');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => root.activeElement === area, 2000, 'input refocused');
    expect(area.value).to.equal(`a${ALL[1]}b`);
    expect(area.selectionStart).to.equal(1 + ALL[1]!.length);
    expect(root.querySelector('[role="dialog"]')).to.equal(null);

    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => bubbleTexts(view.messages).includes(`a${ALL[1]}b`), 3000, 'sent with emoji');
  });

  it('closes with Escape and returns focus to the input; closes without stealing focus when focus leaves', async () => {
    const { view, root, area, button } = await open();
    button.click();
    await waitFor(() => root.activeElement?.classList.contains('emoji'), 2000, 'open');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => root.activeElement === area, 2000, 'refocused');
    expect(root.querySelector('[role="dialog"]')).to.equal(null);
    expect(area.value).to.equal('');

    button.click();
    await waitFor(() => root.activeElement?.classList.contains('emoji'), 2000, 'open again');
    root.querySelector<HTMLButtonElement>('.attach')!.focus();
    await view.editor.updateComplete;
    expect(root.querySelector('[role="dialog"]')).to.equal(null);
    expect(root.activeElement).to.equal(root.querySelector('.attach'));
  });

  it('in RTL the arrows follow the mirrored grid: Left moves to the next emoji', async () => {
    const { view, root, button } = await open();
    view.root.dir = 'rtl';
    button.click();
    await waitFor(() => root.activeElement?.textContent === ALL[0], 2000, 'first emoji focused');
    const [first, second] = [...root.querySelectorAll<HTMLElement>('.emoji')].map((e) => e.getBoundingClientRect());
    expect(second!.left, 'the second emoji is left of the first').to.be.below(first!.left);
    await sendKeys({ press: 'ArrowLeft' });
    await waitFor(() => root.activeElement?.textContent === ALL[1], 2000, 'moved to the second');
    await sendKeys({ press: 'ArrowRight' });
    await waitFor(() => root.activeElement?.textContent === ALL[0], 2000, 'back to the first');
  });
});
