import { expect, fixture } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { html } from 'lit';
import { ConversationType } from '../../protocol/enums.js';
import { changeLanguage } from '../../i18n/index.js';
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
  type TestUser,
} from './test-utils.js';

/** Relative luminance of a computed `rgb(...)` colour, 0 (black) to 1 (white). */
function luminance(color: string): number {
  const [r, g, b] = color
    .match(/\d+(\.\d+)?/g)!
    .slice(0, 3)
    .map(Number)
    .map((c) => {
      const v = c / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const bg = (el: Element) => getComputedStyle(el).backgroundColor;

async function chatWithMessages(user: TestUser, baseSize?: string) {
  const peer = uniqueId('peer');
  await publishText(peer, user.userId, 'hello there');
  const view = await mountChat(user, baseSize);
  await waitFor(() => items(view.list).length === 1, 3000, 'conversation');
  await user.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: peer });
  await user.kit.sendText('my reply');
  await waitFor(() => shadow(view.messages).querySelectorAll('.message').length === 2, 3000, 'messages');
  return view;
}

describe('theming, layout and accessibility', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
    await changeLanguage('zh_CN');
    await disconnectAll();
  });

  it('base-size accepts px or a percentage of the parent font size and scales the whole element', async () => {
    const user = await connectUser(uniqueId('me'));
    const view = await chatWithMessages(user, '50%');
    (view.root as HTMLElement).style.fontSize = '20px';
    const avatar = () => shadow(view.list).querySelector<HTMLElement>('[part~="avatar"]')!;
    await waitFor(() => getComputedStyle(view.list).fontSize === '10px', 1000, '50% of 20px');
    expect(avatar().getBoundingClientRect().width).to.equal(25);
    expect(getComputedStyle(view.messages).fontSize).to.equal('10px');
    view.list.baseSize = '18px';
    await view.list.updateComplete;
    expect(getComputedStyle(view.list).fontSize).to.equal('18px');
    expect(avatar().getBoundingClientRect().width).to.equal(45);
    view.list.baseSize = 'huge; color: red';
    await view.list.updateComplete;
    expect(getComputedStyle(view.list).fontSize).to.equal('16px');
  });

  it('fills the box its wrapper gives it and scrolls inside it', async () => {
    const me = uniqueId('me');
    for (let i = 0; i < 12; i++) await publishText(uniqueId(`p${i}`), me, `message ${i}`);
    const user = await connectUser(me);
    const root = await fixture<HTMLElement>(
      html`<div style="width: 300px; height: 200px"><conversation-list .store=${user.kit.store}></conversation-list></div>`,
    );
    const list = root.querySelector('conversation-list')!;
    await waitFor(() => items(list).length === 12, 3000, 'conversations');
    const rect = list.getBoundingClientRect();
    expect([rect.width, rect.height]).to.deep.equal([300, 200]);
    const scroller = shadow(list).querySelector<HTMLElement>('.scroller')!;
    expect(scroller.scrollHeight).to.be.greaterThan(scroller.clientHeight);
    expect(scroller.clientHeight).to.be.at.most(200);
  });

  it('follows prefers-color-scheme, can be forced with theme=, and takes custom properties and ::part styles', async () => {
    const user = await connectUser(uniqueId('me'));
    const view = await chatWithMessages(user);
    expect(luminance(bg(view.messages))).to.be.greaterThan(0.8);
    await emulateMedia({ colorScheme: 'dark' });
    await waitFor(() => luminance(bg(view.messages)) < 0.05, 1000, 'dark from the system');
    expect(luminance(bg(view.list))).to.be.lessThan(0.05);
    expect(luminance(getComputedStyle(view.messages).color)).to.be.greaterThan(0.6);
    view.messages.theme = 'light';
    await view.messages.updateComplete;
    expect(view.messages.getAttribute('theme')).to.equal('light');
    expect(luminance(bg(view.messages))).to.be.greaterThan(0.8);
    await emulateMedia({ colorScheme: 'light' });
    view.list.setAttribute('theme', 'dark');
    await waitFor(() => luminance(bg(view.list)) < 0.05, 1000, 'forced dark');

    view.root.style.setProperty('--parley-color-background', 'rgb(1, 2, 3)');
    view.root.style.setProperty('--message-bubble-own-background', 'rgb(10, 20, 30)');
    expect(bg(view.messages)).to.equal('rgb(1, 2, 3)');
    const own = shadow(view.messages).querySelector('.message.own [part~="bubble"]')!;
    expect(bg(own)).to.equal('rgb(10, 20, 30)');

    const style = document.createElement('style');
    style.textContent = `conversation-list::part(item) { border-inline-start: 3px solid rgb(0, 128, 0); }
      message-editor::part(send-button) { border-radius: 0; }`;
    document.head.append(style);
    try {
      expect(getComputedStyle(items(view.list)[0]!).borderInlineStartColor).to.equal('rgb(0, 128, 0)');
      expect(
        getComputedStyle(shadow(view.editor).querySelector('[part~="send-button"]')!).borderTopLeftRadius,
      ).to.equal('0px');
    } finally {
      style.remove();
    }
  });

  it('has zero serious axe violations in the dark theme with content and an open menu', async () => {
    const user = await connectUser(uniqueId('me'));
    const view = await chatWithMessages(user);
    await emulateMedia({ colorScheme: 'dark' });
    await waitFor(() => luminance(bg(view.list)) < 0.05, 1000, 'dark');
    const violations = await seriousViolations(view.root);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
  });

  it('gives every control an accessible name in the current language', async () => {
    const user = await connectUser(uniqueId('me'));
    const view = await chatWithMessages(user);
    const names = () => ({
      list: shadow(view.list).querySelector('[role="listbox"]')!.getAttribute('aria-label'),
      log: shadow(view.messages).querySelector('[role="log"]')!.getAttribute('aria-label'),
      input: shadow(view.editor).querySelector('textarea')!.getAttribute('aria-label'),
      send: shadow(view.editor).querySelector('[part~="send-button"]')!.textContent!.trim(),
    });
    expect(names()).to.deep.equal({ list: '会话列表', log: '消息列表', input: '输入消息', send: '发送' });
    await user.kit.changeLanguage({ lang: 'en' });
    await Promise.all([view.list.updateComplete, view.messages.updateComplete, view.editor.updateComplete]);
    expect(names()).to.deep.equal({ list: 'Conversations', log: 'Messages', input: 'Message', send: 'Send' });
    await user.kit.changeLanguage({ lang: 'ja' });
    await Promise.all([view.list.updateComplete, view.messages.updateComplete, view.editor.updateComplete]);
    expect(names()).to.deep.equal({ list: 'トーク一覧', log: 'メッセージ', input: 'メッセージを入力', send: '送信' });
    expect(shadow(view.messages).querySelector('[role="log"]')!.getAttribute('aria-live')).to.equal('polite');
  });
});
