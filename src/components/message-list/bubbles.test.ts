// What a reader sees of bubbles, measured in the browser (geometry a DOM assertion cannot fake), on
// messages published through the real server: bubbles sized to their content, pictures inside their
// bubbles and sized before they load, runs of one sender, names only in groups, safe links.
import { expect } from '@open-wc/testing';
import { changeLanguage } from '../../i18n/index.js';
import { ConversationType, MessageDirection, MessageType } from '../../protocol/enums.js';
import type { IReceivedMessage } from '../../services/client/types.js';
import { KitStore } from '../../services/store/store.js';
import { instantService } from '../../../test/fixtures/big-store.js';
import { MemoryClient } from '../../../test/fixtures/memory-client.js';
import { frames, mountMessageList } from '../shared/big-list-utils.js';
import {
  connectUser,
  describeViolations,
  disconnectAll,
  messageRows,
  mountChat,
  seriousViolations,
  serverApi,
  shadow,
  uniqueId,
  waitFor,
  type ChatView,
} from '../shared/test-utils.js';
import type { MessageList } from './message-list.js';

function publish(from: string, to: string, objectName: string, content: object) {
  return serverApi('/message/private/publish.json', {
    fromUserId: from,
    toUserId: to,
    objectName,
    content: JSON.stringify(content),
  });
}

function publishToGroup(from: string, group: string, content: string) {
  return serverApi('/message/group/publish.json', {
    fromUserId: from,
    toGroupId: [group],
    objectName: 'RC:TxtMsg',
    content: JSON.stringify({ content }),
  });
}

/** A PNG of `width` × `height` px as base64 without the data: prefix, as the seeds send thumbnails. */
function pngBase64(width: number, height: number): string {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#3a7';
  g.fillRect(0, 0, width, height);
  return canvas.toDataURL('image/png').replace(/^data:[^,]*,/, '');
}

const px = (el: Element, property: string) => parseFloat(getComputedStyle(el).getPropertyValue(property));
const rect = (el: Element) => el.getBoundingClientRect();

/** The bubble of the row whose bubble text is `text`. */
function bubbleWithText(view: ChatView | MessageList, text: string): HTMLElement | undefined {
  const list = 'messages' in view ? view.messages : view;
  return [...shadow(list).querySelectorAll<HTMLElement>('.bubble')].find((b) => b.textContent === text);
}

/** Whether `inner` lies inside `outer` (half a pixel of rounding allowed). */
function inside(inner: DOMRect, outer: DOMRect): boolean {
  return (
    inner.left >= outer.left - 0.5 &&
    inner.right <= outer.right + 0.5 &&
    inner.top >= outer.top - 0.5 &&
    inner.bottom <= outer.bottom + 0.5
  );
}

/** Whether a element is painted: in the layout, not clipped to a 1px box for screen readers only. */
function visible(el: Element): boolean {
  const r = rect(el);
  return r.width > 2 && r.height > 2;
}

describe('message bubbles, measured', () => {
  afterEach(async () => {
    await changeLanguage('zh_CN');
    await disconnectAll();
  });

  it('sizes text, quote and file bubbles to their content: no blank lines above or below', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = uniqueId('bob');
    await publish(bob, alice.userId, 'RC:TxtMsg', { content: 'one line' });
    await publish(bob, alice.userId, 'RC:ReferenceMsg', {
      referMsgUserId: alice.userId,
      referMsg: { content: 'the original' },
      objName: 'RC:TxtMsg',
      content: 'my reply',
    });
    await publish(bob, alice.userId, 'RC:FileMsg', {
      name: 'a-rather-long-quarterly-report-name-final-v2.pdf',
      size: 2048,
      type: 'pdf',
      fileUrl: 'https://example.com/r.pdf',
    });
    const view = await mountChat(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: bob });
    const root = shadow(view.messages);
    await waitFor(() => root.querySelectorAll('.message').length === 3, 4000, 'three messages');
    // Voice, video, file and card bubbles arrive with their module (late-bubbles.ts).
    await view.messages.updateComplete;

    const text = bubbleWithText(view, 'one line')!;
    const lineHeight = px(text, 'line-height');
    const padding = px(text, 'padding-top') + px(text, 'padding-bottom');
    expect(rect(text).height, 'one-line bubble').to.be.at.most(lineHeight + padding + 1);

    const reference = root.querySelector<HTMLElement>('.bubble.reference')!;
    const quote = reference.querySelector('.quote')!;
    const reply = reference.querySelector('.reply')!;
    const content = rect(quote).height + px(quote, 'margin-top') + px(quote, 'margin-bottom') + rect(reply).height;
    expect(
      Math.abs(rect(reference).height - content - px(reference, 'padding-top') - px(reference, 'padding-bottom')),
      'quote + reply only',
    ).to.be.below(1.5);
    expect(rect(reply).height, 'one-line reply').to.be.at.most(px(reply, 'line-height') + 1);
    // The quote holds the author's line and the quoted line, nothing more.
    expect(rect(quote).height).to.be.at.most(
      2 * px(quote, 'line-height') + px(quote, 'padding-top') + px(quote, 'padding-bottom') + 1,
    );

    const fileBubble = root.querySelector<HTMLElement>('.file-bubble')!;
    const card = fileBubble.querySelector('.file')!;
    const icon = fileBubble.querySelector('.file-icon')!;
    expect(
      Math.abs(
        rect(fileBubble).height - rect(card).height - px(fileBubble, 'padding-top') - px(fileBubble, 'padding-bottom'),
      ),
    ).to.be.below(1.5);
    expect(rect(card).height, 'file card as tall as its icon').to.be.at.most(rect(icon).height + 1);
    // A long name is cut in the middle: the extension stays in view, the card keeps its width.
    const tail = fileBubble.querySelector('.file-name-tail')!;
    expect(tail.textContent).to.match(/\.pdf$/);
    expect(inside(rect(tail), rect(fileBubble))).to.equal(true);
    expect(fileBubble.querySelector('.file-name')!.textContent).to.equal(
      'a-rather-long-quarterly-report-name-final-v2.pdf',
    );
  });

  it('keeps pictures inside their bubbles, in proportion, in a box of the final size before they load', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = uniqueId('bob');
    const view = await mountChat(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: bob });
    const root = shadow(view.messages);
    // Catch the image bubble in the task that inserts it, before its picture can have been decoded.
    const early: Array<{ width: number; height: number; loaded: boolean }> = [];
    const observer = new MutationObserver(() => {
      const bubble = root.querySelector('.media-bubble.image');
      if (bubble && early.length === 0)
        early.push({ ...rect(bubble).toJSON(), loaded: bubble.querySelector('img')!.complete });
    });
    observer.observe(root, { childList: true, subtree: true });
    await publish(bob, alice.userId, 'RC:ImgMsg', {
      content: pngBase64(300, 200),
      imageUri: 'https://example.com/full.png',
    });
    const image = await waitFor(() => root.querySelector<HTMLElement>('.media-bubble.image'), 4000, 'image bubble');
    observer.disconnect();
    const img = image.querySelector('img')!;
    await img.decode();
    await frames();
    const fontSize = px(image, 'font-size');
    const box = rect(image);
    expect(box.width, 'at most 15em wide').to.be.at.most(15 * fontSize + 0.5);
    expect(box.width / box.height, "the thumbnail's 3:2").to.be.closeTo(1.5, 0.02);
    expect(inside(rect(img), box), 'picture inside its bubble').to.equal(true);
    expect(early).to.have.length(1);
    expect(early[0]!.width).to.be.closeTo(box.width, 0.5);
    expect(early[0]!.height, `placeholder height (picture loaded: ${early[0]!.loaded})`).to.be.closeTo(box.height, 0.5);

    // No thumbnail, a picture that never arrives: the message's width/height give the box (4:1 is
    // cropped at 3:1), and it keeps that size.
    await publish(bob, alice.userId, 'RC:ImgMsg', {
      content: '',
      width: 400,
      height: 100,
      imageUri: 'http://127.0.0.1:9/never.png',
    });
    const pending = await waitFor(
      () => root.querySelectorAll<HTMLElement>('.media-bubble.image')[1],
      4000,
      'second image',
    );
    await frames();
    expect(rect(pending).width).to.be.closeTo(15 * fontSize, 0.5);
    expect(rect(pending).width / rect(pending).height).to.be.closeTo(3, 0.02);

    // In a narrow list the picture shrinks with its bubble and never runs past it.
    (view.messages.parentElement as HTMLElement).style.width = '220px';
    await frames(3);
    const narrow = rect(image);
    expect(narrow.width).to.be.below(box.width);
    expect(narrow.width / narrow.height).to.be.closeTo(1.5, 0.02);
    expect(inside(rect(img), narrow)).to.equal(true);
    const scroller = root.querySelector<HTMLElement>('.scroller')!;
    expect(narrow.right).to.be.at.most(rect(scroller).right + 0.5);
  });

  it('groups a run of one sender under one avatar and one name, closer together, in groups', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = uniqueId('bob');
    const carol = uniqueId('carol');
    const group = uniqueId('grp');
    await serverApi('/group/create.json', { userId: [alice.userId, bob, carol], groupId: group, groupName: 'G' });
    for (const text of ['first', 'second', 'third']) await publishToGroup(bob, group, text);
    await publishToGroup(carol, group, 'from carol');
    const view = await mountChat(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.GROUP, targetId: group });
    const root = shadow(view.messages);
    await waitFor(() => messageRows(view.messages).length === 4, 4000, 'four messages');
    await waitFor(() => root.querySelector('.sender')?.textContent === `Name of ${bob}`, 3000, 'names');

    const bobRows = messageRows(view.messages).filter((r) => r.dataset.sender === bob);
    expect(bobRows).to.have.length(3);
    const shown = (selector: string) => bobRows.flatMap((r) => [...r.querySelectorAll(selector)]).filter(visible);
    expect(shown('.avatar'), 'one avatar for the run').to.have.length(1);
    expect(
      shown('.sender').map((s) => s.textContent),
      'one name for the run',
    ).to.deep.equal([`Name of ${bob}`]);
    // The avatar sits at the top of the run, beside its first bubble.
    expect(Math.abs(rect(shown('.avatar')[0]!).top - rect(bobRows[0]!).top)).to.be.below(1);
    const carolRow = messageRows(view.messages).find((r) => r.dataset.sender === carol)!;
    expect([...carolRow.querySelectorAll('.avatar, .sender')].filter(visible)).to.have.length(2);

    const [first, second, third] = ['first', 'second', 'third'].map((t) => rect(bubbleWithText(view, t)!));
    const inRun = second!.top - first!.bottom;
    const afterRun = rect(carolRow.querySelector('.bubble')!).top - third!.bottom;
    expect(inRun, 'bubbles of a run sit close').to.be.below(6);
    expect(afterRun, 'the next sender starts further down').to.be.above(inRun + 8);
    // Joined corners on the sender's side inside the run; round ones outside it.
    const middle = bubbleWithText(view, 'second')!;
    expect(px(middle, 'border-start-start-radius')).to.be.below(px(middle, 'border-start-end-radius'));
    expect(px(middle, 'border-end-start-radius')).to.be.below(px(middle, 'border-end-end-radius'));
    // The time shows once, under the run; the others keep theirs for screen readers and on hover.
    const times = bobRows.map((r) => r.querySelector('time')!);
    expect(times.every((t) => /^\d\d:\d\d$/.test(t.textContent ?? ''))).to.equal(true);
    expect(times.map((t) => getComputedStyle(t).opacity)).to.deep.equal(['0', '0', '1']);
    const violations = await seriousViolations(view.root);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
  });

  it('shows no sender names in a one-to-one chat, and keeps them for screen readers', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = uniqueId('bob');
    await publish(bob, alice.userId, 'RC:TxtMsg', { content: 'hi' });
    const view = await mountChat(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: bob });
    await alice.kit.sendText('hello back');
    const root = shadow(view.messages);
    await waitFor(() => messageRows(view.messages).length === 2, 4000, 'two messages');
    await waitFor(
      () => root.querySelector('.sender-label')?.textContent === `Name of ${bob}`,
      3000,
      'name for screen readers',
    );
    expect([...root.querySelectorAll('.sender')].filter(visible)).to.have.length(0);
    const labels = [...root.querySelectorAll('.sender-label')];
    expect(labels.map((l) => l.textContent)).to.deep.equal([`Name of ${bob}`, '我']);
    expect(labels.every((l) => !visible(l))).to.equal(true);
    // The peer's avatar still marks their side.
    expect(messageRows(view.messages)[0]!.querySelector('.avatar')).not.to.equal(null);
  });

  it('turns http, https, www and mail addresses into safe links, and leaves every other scheme as text', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = uniqueId('bob');
    const hostile = [
      'See https://example.com/a?b=1 (and www.example.org).',
      'javascript:alert(1) JAVASCRIPT://x.com%0aalert(1) data:text/html,<b>x</b>',
      '"><img src=x onerror=alert(1)>',
      'https://аpple.com https://apple.com@evil.com mail me@example.com!',
    ].join('\n');
    await publish(bob, alice.userId, 'RC:TxtMsg', { content: hostile });
    const view = await mountChat(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: bob });
    const bubble = await waitFor(() => bubbleWithText(view, hostile), 4000, 'the message');
    const links = [...bubble.querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).to.deep.equal([
      ['https://example.com/a?b=1', 'https://example.com/a?b=1'],
      ['www.example.org', 'https://www.example.org/'],
      ['me@example.com', 'mailto:me@example.com'],
    ]);
    for (const a of links) {
      expect(a.getAttribute('target')).to.equal('_blank');
      expect(a.getAttribute('rel')).to.equal('noopener noreferrer');
    }
    expect(bubble.querySelector('img, b, script')).to.equal(null);
    // The text, line breaks included, is exactly what was sent.
    expect(bubble.textContent).to.equal(hostile);
    expect(bubble.querySelector('.text-run')!.getClientRects().length).to.be.above(0);
  });
});

describe('time lines', () => {
  const peer = { conversationType: ConversationType.PRIVATE, targetId: 'peer' };
  function text(n: number, sentTime: number, from = 'peer'): IReceivedMessage {
    return {
      messageType: MessageType.TEXT,
      content: { content: `m${n}` },
      senderUserId: from,
      targetId: 'peer',
      channelId: '',
      conversationType: ConversationType.PRIVATE,
      sentTime,
      receivedTime: sentTime,
      messageUId: `u${n}`,
      messageId: `m${n}`,
      messageDirection: from === 'me' ? MessageDirection.SEND : MessageDirection.RECEIVE,
      isPersisted: true,
      isCounted: true,
      isOfflineMessage: false,
      isMentioned: false,
      disableNotification: false,
      isStatusMessage: false,
      canIncludeExpansion: false,
      expansion: null,
    };
  }

  // The server stamps messages with its own clock, so a history with pauses comes from the in-memory client.
  it('puts a centred time line at a new day and after a pause of more than five minutes, not on every message', async () => {
    await changeLanguage('en');
    const noon = new Date(2026, 0, 5, 12, 0).getTime();
    const client = new MemoryClient('me');
    client.seedHistory(peer, [
      text(1, noon - 86_400_000),
      text(2, noon),
      text(3, noon + 60_000),
      text(4, noon + 2 * 60_000, 'me'),
      text(5, noon + 12 * 60_000),
    ]);
    const store = new KitStore({ client, service: instantService, historyPageSize: 100, isVisible: () => true });
    await store.selectConversation(peer);
    const list = await mountMessageList(store);
    const root = shadow(list);
    await waitFor(() => root.querySelectorAll('.message').length === 5, 3000, 'five messages');
    const lines = [...root.querySelectorAll<HTMLElement>('.row')].map(
      (row) => row.querySelector('.separator')?.textContent ?? '',
    );
    expect(lines[0]).to.match(/^Sun, January 4 12:00$|January 4.* 12:00$/);
    expect(lines[1])
      .to.match(/ 12:00$/)
      .and.not.equal(lines[0]);
    expect(lines.slice(2, 4)).to.deep.equal(['', '']);
    expect(lines[4]).to.equal('12:12');
    // A line is centred in the log.
    const separator = root.querySelectorAll('.separator')[2]!;
    const scroller = root.querySelector('.scroller')!;
    const middle = (r: DOMRect) => (r.left + r.right) / 2;
    expect(Math.abs(middle(rect(separator)) - middle(rect(scroller)))).to.be.below(2);
    // After the pause, the peer's next message starts a new run: its avatar shows again.
    const peerRows = [...root.querySelectorAll<HTMLElement>('.message')].filter((m) => m.dataset.sender === 'peer');
    expect(peerRows.map((r) => r.querySelector('.avatar') !== null)).to.deep.equal([true, true, false, true]);
  });
});
