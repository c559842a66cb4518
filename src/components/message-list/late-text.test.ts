// Links and @mentions in text bubbles come with the late bubbles' module (rare-bubbles.ts). Until it
// arrives a text is drawn plain; only a text that could hold a link or a mention asks for the module, and
// a link then takes the place of its text without moving anything.
import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { MentionedType, MessageDirection } from '../../protocol/enums.js';
import type { KitMessage } from '../../services/store/index.js';
import { renderMessage, type MessageItemContext } from './message-item.js';
import { MessageList } from './message-list.js';
import { loadRareBubbles, rareBubbles } from './renderers/late-bubbles.js';

const text = (content: string, mentionedInfo?: object): KitMessage =>
  ({
    messageType: 'RC:TxtMsg',
    messageUId: content,
    content: { content, ...(mentionedInfo ? { mentionedInfo } : {}) },
    senderUserId: 'bob',
    sentTime: 1,
    messageDirection: MessageDirection.RECEIVE,
  }) as unknown as KitMessage;

describe('text bubbles before the late module', () => {
  it('draw plain text, ask for the module only for links and mentions, and keep their box once it arrives', async () => {
    let asked = 0;
    const ctx: MessageItemContext = {
      users: {},
      userId: 'me',
      nameOf: (id) => ({ me: 'Mei' })[id] ?? id,
      locale: 'en',
      t: (key) => key,
      retry: () => undefined,
      tap: () => undefined,
      loadRareBubbles: () => {
        asked++;
        return loadRareBubbles();
      },
    };
    const host = document.createElement('div');
    host.style.width = '360px';
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = MessageList.styles.flat().map((s) => ('styleSheet' in s ? s.styleSheet! : s));
    const plain = text('Done. See you at 3:30, ok?');
    const linked = text('See https://example.com/a?b=1, www.example.org and ann@example.com, please.');
    const mentioned = text('@Mei look', { type: MentionedType.SINGLE, userIdList: ['me'] });
    const draw = () =>
      render(
        [plain, linked, mentioned].map((m) => renderMessage(m, ctx)),
        root,
      );
    const runs = () => [...root.querySelectorAll<HTMLElement>('.text-run')];

    expect(rareBubbles(), 'not loaded by this file yet').to.equal(null);
    render(renderMessage(plain, ctx), root);
    expect(asked, 'a text without a link or mention does not ask').to.equal(0);
    draw();
    expect(asked, 'the link and the mention ask').to.equal(2);
    expect(runs().map((r) => r.textContent)).to.deep.equal([
      'Done. See you at 3:30, ok?',
      'See https://example.com/a?b=1, www.example.org and ann@example.com, please.',
      '@Mei look',
    ]);
    expect(root.querySelectorAll('a, .mention'), 'plain until the module arrives').to.have.length(0);
    const before = runs()[1]!.getBoundingClientRect();

    await loadRareBubbles();
    draw();
    expect([...root.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://example.com/a?b=1',
      'https://www.example.org/',
      'mailto:ann@example.com',
    ]);
    expect(root.querySelector('[part~="mention-me"]')?.textContent).to.equal('@Mei');
    const after = runs()[1]!.getBoundingClientRect();
    expect(after.width, 'same width with links').to.be.closeTo(before.width, 0.5);
    expect(after.height, 'same height with links').to.be.closeTo(before.height, 0.5);
    host.remove();
  });
});
