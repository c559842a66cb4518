import { expect } from '@open-wc/testing';
import { ConversationType } from '../../protocol/enums.js';
import type { IReceivedMessage } from '../../services/client/types.js';
import type { CustomMessage } from '../../services/custom-message.js';
import { sanitizeHtml } from '../../services/sanitize.js';
import {
  bubbleTexts,
  connectUser,
  disconnectAll,
  items,
  messageRows,
  mountChat,
  shadow,
  testService,
  uniqueId,
  waitFor,
} from '../shared/test-utils.js';

type XssWindow = Window & { __xss?: number };
const flagged = () => (window as XssWindow).__xss;

/** Payloads that would set `window.__xss` if anything of them ran. */
const PAYLOADS = [
  '<script>window.__xss = 1</script>',
  '<img src="x" onerror="window.__xss = 2">',
  '<a href="javascript:window.__xss = 3">click</a>',
  '<a href=" JaVaScRiPt:window.__xss = 4">spaced</a>',
  '<svg onload="window.__xss = 5"><script>window.__xss = 6</script></svg>',
  '<svg><a xlink:href="javascript:window.__xss = 7"><text y="20">svg link</text></a></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss = 8">',
  '<iframe srcdoc="<script>parent.__xss = 9</script>"></iframe>',
  '<a href="data:text/html,<script>parent.__xss = 10</script>">data link</a>',
  '<div style="background:url(https://tracker.example/pixel)">tracked</div>',
  '<form action="javascript:window.__xss = 11"><button>go</button></form>',
  '<details open ontoggle="window.__xss = 12">x</details>',
  '<object data="javascript:window.__xss = 13"></object>',
  '<x-evil onclick="window.__xss = 14">custom element</x-evil>',
];

const PERSON = 'kit:person';
const NOTIFY = 'kit:notify';
const BARE = 'kit:bare';

const customMessage: CustomMessage = {
  userMessage: {
    [PERSON]: (m: IReceivedMessage) =>
      `<div style="padding: 0.5em; color: rgb(200, 0, 0)">Request from <b>${String(m.content.name)}</b></div>`,
  },
  notifyMessage: {
    [NOTIFY]: (m: IReceivedMessage) => `<span style="font-style: italic">${String(m.content.name)} joined</span>`,
  },
  lastMessage: {
    [PERSON]: () => '[Friend request]',
    [NOTIFY]: () => '<em>[Notice]</em><img src=x onerror="window.__xss = 99">',
  },
};

describe('custom messages and sanitising', () => {
  beforeEach(() => delete (window as XssWindow).__xss);
  afterEach(disconnectAll);

  it('sanitizeHtml keeps formatting and inline style, removes everything that could run', () => {
    expect(sanitizeHtml('<p style="color: red">Hi <b>there</b> <a href="https://example.com">link</a></p>')).to.equal(
      '<p style="color: red">Hi <b>there</b> <a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">link</a></p>',
    );
    expect(sanitizeHtml('<img src="data:image/png;base64,AAAA" alt="ok">')).to.equal(
      '<img src="data:image/png;base64,AAAA" alt="ok">',
    );
    expect(sanitizeHtml('<img src="data:image/svg+xml;base64,AAAA">')).to.equal('<img>');
    for (const payload of PAYLOADS) {
      const out = sanitizeHtml(payload).toLowerCase();
      for (const bad of [
        '<script',
        'onerror',
        'onload',
        'ontoggle',
        'onclick',
        'javascript:',
        'data:text',
        '<svg',
        '<iframe',
        '<form',
        '<object',
        '<x-evil',
        'url(',
      ]) {
        expect(out, `${payload} → ${out}`).to.not.include(bad);
      }
    }
    expect(sanitizeHtml(42)).to.equal('');
  });

  it('imkit.registerMessageType returns a constructor and refuses RC: names', async () => {
    const user = await connectUser(uniqueId('me'));
    const Person = user.kit.registerMessageType<{ name: string }>(PERSON, true, true);
    const message = new Person({ name: 'Ann' });
    expect(message.messageType).to.equal(PERSON);
    expect(message.content).to.deep.equal({ name: 'Ann' });
    expect(message.isPersisted && message.isCounted).to.equal(true);
    const Status = user.kit.registerMessageType('kit:typing', true, true, [], true);
    expect(new Status({}).isPersisted).to.equal(false);
    expect(() => user.kit.registerMessageType('RC:Mine', true, true)).to.throw(/reserved/);
  });

  it('renders userMessage, notifyMessage and lastMessage renderers; a type with no renderer shows a placeholder', async () => {
    const alice = await connectUser(uniqueId('alice'), testService(), { customMessage });
    const bob = await connectUser(uniqueId('bob'));
    const Person = bob.kit.registerMessageType(PERSON, true, true);
    const Notify = bob.kit.registerMessageType(NOTIFY, true, false);
    const Bare = bob.kit.registerMessageType(BARE, true, true);
    const view = await mountChat(alice);
    const toAlice = { conversationType: ConversationType.PRIVATE, targetId: alice.userId };
    expect((await bob.kit.sendMessage(toAlice, new Person({ name: 'Bob' }))).code).to.equal(0);
    await waitFor(
      () => items(view.list)[0]?.querySelector('.preview')?.textContent === '[Friend request]',
      3000,
      'lastMessage preview',
    );

    await alice.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: bob.userId });
    const custom = await waitFor(
      () => shadow(view.messages).querySelector<HTMLElement>('.bubble.custom'),
      3000,
      'custom bubble',
    );
    expect(custom.textContent).to.equal('Request from Bob');
    const div = custom.querySelector('div')!;
    expect(div.style.padding).to.equal('0.5em');
    expect(getComputedStyle(div).color).to.equal('rgb(200, 0, 0)');
    expect(custom.getAttribute('part')).to.include('bubble');

    await bob.kit.sendMessage(toAlice, new Notify({ name: 'Bob' }));
    await waitFor(
      () => shadow(view.messages).querySelector('.notice.custom')?.textContent === 'Bob joined',
      3000,
      'notice',
    );
    await waitFor(
      () => items(view.list)[0]?.querySelector('.preview em')?.textContent === '[Notice]',
      3000,
      'sanitised lastMessage html',
    );

    await bob.kit.sendMessage(toAlice, new Bare({ any: 'thing' }));
    await waitFor(() => bubbleTexts(view.messages).includes('[暂不支持的消息]'), 3000, 'placeholder');
    const rows = messageRows(view.messages);
    expect(rows.every((r) => r.querySelector('.bubble')!.textContent!.trim() !== '')).to.equal(true);
    expect(flagged()).to.equal(undefined);
  });

  it('renderer output built from hostile content comes out inert and never executes', async () => {
    const echo = 'kit:echo';
    const alice = await connectUser(uniqueId('alice'), testService(), {
      customMessage: { userMessage: { [echo]: (m) => `<div>${String(m.content.html)}</div>` } },
    });
    const bob = await connectUser(uniqueId('bob'));
    const Echo = bob.kit.registerMessageType(echo, true, true);
    const view = await mountChat(alice);
    const toAlice = { conversationType: ConversationType.PRIVATE, targetId: alice.userId };
    for (const html of PAYLOADS) await bob.kit.sendMessage(toAlice, new Echo({ html }));
    await alice.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: bob.userId });
    await waitFor(
      () => shadow(view.messages).querySelectorAll('.bubble.custom').length === PAYLOADS.length,
      4000,
      'all payloads',
    );
    const root = shadow(view.messages);
    expect(root.querySelectorAll('script, iframe, svg, math, form, object, x-evil').length).to.equal(0);
    for (const el of root.querySelectorAll('.bubble.custom *')) {
      for (const attr of el.getAttributeNames()) expect(attr.startsWith('on'), `${el.tagName} ${attr}`).to.equal(false);
    }
    for (const a of root.querySelectorAll<HTMLAnchorElement>('.bubble.custom a')) {
      expect(a.getAttribute('href') ?? '').to.not.match(/javascript:|data:/i);
      a.addEventListener('click', (e) => e.preventDefault(), { once: true });
      a.click();
    }
    for (const d of root.querySelectorAll<HTMLElement>('.bubble.custom details, .bubble.custom *'))
      d.dispatchEvent(new Event('toggle'));
    await new Promise((r) => setTimeout(r, 300));
    expect(flagged()).to.equal(undefined);
  });

  it('rendered HTML cannot cover the app: positioned content stays inside its bubble or preview', async () => {
    const overlay = 'kit:overlay';
    const cover =
      '<div style="position: fixed; inset: 0; width: 100vw; height: 100vh; z-index: 99999; background: red">covered</div>';
    const alice = await connectUser(uniqueId('alice'), testService(), {
      customMessage: { userMessage: { [overlay]: () => cover }, lastMessage: { [overlay]: () => cover } },
    });
    const bob = await connectUser(uniqueId('bob'));
    const Overlay = bob.kit.registerMessageType(overlay, true, true);
    const view = await mountChat(alice);
    await bob.kit.sendMessage({ conversationType: ConversationType.PRIVATE, targetId: alice.userId }, new Overlay({}));
    await alice.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: bob.userId });
    await waitFor(() => shadow(view.messages).querySelector('.bubble.custom'), 3000, 'bubble');
    await waitFor(() => items(view.list)[0]?.querySelector('.preview div'), 3000, 'preview');
    // Whatever is on top at a point names its element (shadow content is retargeted to its host).
    const topAt = (el: Element) => {
      const r = el.getBoundingClientRect();
      return document.elementFromPoint(r.left + r.width / 2, r.bottom - 10);
    };
    expect(topAt(view.editor)).to.equal(view.editor);
    expect(topAt(view.list)).to.equal(view.list);
    expect(topAt(view.messages)).to.equal(view.messages);
  });

  it('imkit.sendMessage shows a stored message at once and honours the seeds options', async () => {
    const alice = await connectUser(uniqueId('alice'), testService(), { customMessage });
    const bob = await connectUser(uniqueId('bob'));
    const received: IReceivedMessage[] = [];
    bob.client.addEventListener('messages', (e) => received.push(...e.messages));
    const Person = alice.kit.registerMessageType(PERSON, true, true);
    const Typing = alice.kit.registerMessageType('kit:typing', false, false, [], true);
    const view = await mountChat(alice);
    const toBob = { conversationType: ConversationType.PRIVATE, targetId: bob.userId };
    await alice.kit.selectConversation(toBob);

    const sending = alice.kit.sendMessage(toBob, new Person({ name: 'Alice' }), {
      disableNotification: true,
      pushContent: 'push',
      pushData: 'd',
      isVoipPush: true,
      pushConfig: { pushTitle: 't' },
      isFilerWhiteBlacklist: false,
      isMentioned: false,
    });
    await waitFor(
      () => shadow(view.messages).querySelector('.bubble.custom')?.textContent === 'Request from Alice',
      1000,
      'optimistic bubble',
    );
    const res = await sending;
    expect(res.code).to.equal(0);
    expect(res.data!.disableNotification).to.equal(true);
    await waitFor(() => messageRows(view.messages)[0]?.dataset.sendState === 'sent', 2000, 'sent');
    const got = await waitFor(() => received.find((m) => m.messageType === PERSON), 3000, 'bob receives');
    expect(got.content).to.deep.equal({ name: 'Alice' });
    expect(got.disableNotification).to.equal(true);

    expect((await alice.kit.sendMessage(toBob, new Typing({}), { isStatusMessage: true })).code).to.equal(0);
    await waitFor(() => received.some((m) => m.messageType === 'kit:typing'), 3000, 'status message delivered');
    expect(messageRows(view.messages).length).to.equal(1);

    const expanded = await alice.kit.sendMessage(toBob, new Person({ name: 'x' }), {
      canIncludeExpansion: true,
      expansion: { k: 'v' },
    });
    expect(expanded.code).to.equal(0);
    const withExpansion = await waitFor(
      () => received.find((m) => m.messageUId === expanded.data!.messageUId),
      3000,
      'bob receives the expansion',
    );
    expect(withExpansion.canIncludeExpansion).to.equal(true);
    expect(withExpansion.expansion).to.deep.equal({ k: 'v' });
    expect((await alice.kit.sendMessage(toBob, new Person({ name: 'y' }), null)).code).to.equal(0);
    expect(messageRows(view.messages).length).to.equal(3);
  });
});
