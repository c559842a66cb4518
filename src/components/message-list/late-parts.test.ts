// Parts of a message row that come with the late module (rare-bubbles.ts) after the first screen:
// links and @mentions in text bubbles, reactions rows, the send state of uploading, waiting, dropped and
// failed messages. Until it arrives a text is drawn plain (only a text that could hold a link or a mention asks
// for the module) and the other parts as empty boxes of their final height, so nothing moves when it does.
import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { ConversationType, MentionedType, MessageDirection } from '../../protocol/enums.js';
import { reactionKey, type KitMessage } from '../../services/store/index.js';
import { ItemContextCache } from './item-context.js';
import { renderMessage, type MessageItemContext } from './message-item.js';
import { MessageList } from './message-list.js';
import { loadRareBubbles, rareBubbles, reactionsPlaceholder } from './renderers/late-bubbles.js';
import { sendTroublePlaceholder } from './send-state.js';

const text = (content: string, mentionedInfo?: object): KitMessage =>
  ({
    messageType: 'RC:TxtMsg',
    messageUId: content,
    content: { content, ...(mentionedInfo ? { mentionedInfo } : {}) },
    senderUserId: 'bob',
    sentTime: 1,
    messageDirection: MessageDirection.RECEIVE,
  }) as unknown as KitMessage;

describe('message parts from the late module', () => {
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

  it('keep the height of reactions rows and of uploading, waiting, dropped and failed send states while they load', async () => {
    await loadRareBubbles();
    const ctx = new ItemContextCache({
      t: (key) => key,
      retry: () => undefined,
      discard: () => undefined,
      tap: () => undefined,
      loadRareBubbles,
      openReaders: () => undefined,
    }).get({
      store: undefined,
      users: {},
      conversationType: ConversationType.PRIVATE,
      locale: 'en',
      peerReadTime: undefined,
      readCounts: undefined,
      rareBubblesReady: true,
    });
    const own = (messageUId: string, more: object): KitMessage =>
      ({
        ...text(messageUId),
        messageId: messageUId,
        messageDirection: MessageDirection.SEND,
        ...more,
      }) as KitMessage;
    const rows = {
      uploading: own('uploading', { sendState: 'sending', progress: 40 }),
      failed: own('failed', { sendState: 'failed', failCode: 405 }),
      waiting: own('waiting', { sendState: 'waiting' }),
      dropped: own('dropped', { sendState: 'sent', dropped: true }),
      reactions: {
        ...text('reacted'),
        sendState: 'sent',
        expansion: { [reactionKey(0, 'ann')]: 'ann', [reactionKey(1, 'bob')]: 'bob' },
      } as KitMessage,
    };
    const host = document.createElement('div');
    host.style.width = '360px';
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const late = rareBubbles()!;
    root.adoptedStyleSheets = [...MessageList.styles.flat(), late.reactionStyles, late.sendTroubleStyles].map((s) =>
      'styleSheet' in s ? s.styleSheet! : s,
    );
    // Each row in the middle of a run (no time line): the send state alone makes its meta line.
    const place = { runStart: true, runEnd: false };
    render(
      Object.values(rows).map((m) => renderMessage(m, ctx, place)),
      root,
    );
    const [uploading, failed, waiting, dropped, reacted] = [...root.querySelectorAll<HTMLElement>('.message')];
    expect(failed!.querySelectorAll('button.retry'), 'Retry and Delete').to.have.length(2);
    expect(reacted!.querySelectorAll('[part="reaction"]')).to.have.length(2);

    expect(uploading!.querySelector('progress')?.value, 'upload progress').to.equal(40);
    const troubles: Array<[string, HTMLElement, KitMessage]> = [
      ['uploading', uploading!, rows.uploading],
      ['failed', failed!, rows.failed],
      ['waiting', waiting!, rows.waiting],
      ['dropped', dropped!, rows.dropped],
    ];
    for (const [name, row, message] of troubles) {
      const meta = row.querySelector<HTMLElement>('.meta')!;
      const real = meta.getBoundingClientRect().height;
      const parts = [...meta.children] as HTMLElement[];
      for (const part of parts) part.style.display = 'none';
      render(sendTroublePlaceholder(message), meta);
      expect(meta.getBoundingClientRect().height, `${name} meta line`).to.be.closeTo(real, 0.5);
    }
    const row = reacted!.querySelector<HTMLElement>('.reactions')!;
    const content = reacted!.querySelector<HTMLElement>('.content')!;
    const real = content.getBoundingClientRect().height;
    row.style.display = 'none';
    render(reactionsPlaceholder, content);
    expect(content.getBoundingClientRect().height, 'reactions row').to.be.closeTo(real, 0.5);
    host.remove();
  });
});
