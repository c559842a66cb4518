import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ConversationType } from '../../protocol/enums.js';
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

const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });

describe('<message-editor>', () => {
  afterEach(disconnectAll);

  it('is disabled with a hint while no conversation is selected', async () => {
    const me = await connectUser(uniqueId('me'));
    const view = await mountChat(me);
    const textarea = shadow(view.editor).querySelector('textarea')!;
    const send = shadow(view.editor).querySelector<HTMLButtonElement>('.send')!;
    expect(textarea.disabled).to.equal(true);
    expect(send.disabled).to.equal(true);
    expect(shadow(view.editor).querySelector('.hint')!.textContent).to.equal('选择一个会话后即可发送消息');
    expect(textarea.getAttribute('aria-describedby')).to.equal('hint');

    await me.kit.selectConversation(privateWith(uniqueId('peer')));
    await view.editor.updateComplete;
    expect(textarea.disabled).to.equal(false);
    expect(shadow(view.editor).querySelector('.hint')).to.equal(null);
  });

  it('sends with Enter, adds a line with Shift+Enter, trims, refuses blank text, clears and keeps focus', async () => {
    const me = await connectUser(uniqueId('me'));
    const view = await mountChat(me);
    await me.kit.selectConversation(privateWith(uniqueId('peer')));
    await view.editor.updateComplete;
    const textarea = shadow(view.editor).querySelector('textarea')!;
    textarea.focus();

    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: '   ' });
    await sendKeys({ press: 'Enter' });
    await view.messages.updateComplete;
    expect(bubbleTexts(view.messages)).to.deep.equal([]);
    expect(shadow(view.editor).querySelector<HTMLButtonElement>('.send')!.disabled).to.equal(true);

    textarea.value = '';
    textarea.dispatchEvent(new InputEvent('input'));
    await sendKeys({ type: '  line one' });
    await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ type: 'line two  ' });
    expect(textarea.value).to.equal('  line one\nline two  ');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => bubbleTexts(view.messages).length === 1, 2000, 'sent');
    expect(bubbleTexts(view.messages)).to.deep.equal(['line one\nline two']);
    expect(textarea.value).to.equal('');
    expect(shadow(view.editor).activeElement).to.equal(textarea);
  });

  it('does not send while an input method is composing', async () => {
    const me = await connectUser(uniqueId('me'));
    const view = await mountChat(me);
    await me.kit.selectConversation(privateWith(uniqueId('peer')));
    await view.editor.updateComplete;
    const textarea = shadow(view.editor).querySelector('textarea')!;
    textarea.value = 'nihao';
    textarea.dispatchEvent(new InputEvent('input'));
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true }));
    await view.messages.updateComplete;
    expect(bubbleTexts(view.messages)).to.deep.equal([]);
    expect(textarea.value).to.equal('nihao');

    shadow(view.editor).querySelector<HTMLButtonElement>('.send')!.click();
    await waitFor(() => bubbleTexts(view.messages).length === 1, 2000, 'sent by button');
    expect(bubbleTexts(view.messages)).to.deep.equal(['nihao']);
  });

  it('keeps a draft per conversation', async () => {
    const me = await connectUser(uniqueId('me'));
    const view = await mountChat(me);
    const [p1, p2] = [uniqueId('p1'), uniqueId('p2')];
    await me.kit.selectConversation(privateWith(p1));
    await view.editor.updateComplete;
    const textarea = shadow(view.editor).querySelector('textarea')!;
    textarea.value = 'draft for p1';
    textarea.dispatchEvent(new InputEvent('input'));
    await me.kit.selectConversation(privateWith(p2));
    await view.editor.updateComplete;
    expect(textarea.value).to.equal('');
    await me.kit.selectConversation(privateWith(p1));
    await view.editor.updateComplete;
    expect(textarea.value).to.equal('draft for p1');
  });

  it('has no serious or critical axe violations, enabled or not', async () => {
    const me = await connectUser(uniqueId('me'));
    const view = await mountChat(me);
    let violations = await seriousViolations(view.editor);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
    await me.kit.selectConversation(privateWith(uniqueId('peer')));
    await view.editor.updateComplete;
    violations = await seriousViolations(view.editor);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
  });
});
