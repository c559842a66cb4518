// Where the banner sits on the page: it floats over the top edge of the chat and never moves it.
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { ConversationType } from '../../protocol/enums.js';
import { connectUser, disconnectAll, messageRows, shadow, uniqueId, waitFor } from '../shared/test-utils.js';
import type { MessageEditor } from '../message-editor/message-editor.js';
import type { MessageList } from '../message-list/message-list.js';
import type { ConnectionBanner } from './connection-banner.js';

/** Tells the page it is off (or back on) the network the way the browser does. */
function setOffline(offline: boolean): void {
  if (offline) Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  else delete (navigator as { onLine?: boolean }).onLine;
  dispatchEvent(new Event(offline ? 'offline' : 'online'));
}

const overlaps = (a: DOMRect, b: DOMRect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('<connection-banner> geometry', () => {
  afterEach(async () => {
    setOffline(false);
    await disconnectAll();
  });

  it('appears over the top edge of the chat without moving the messages or the editor', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = await connectUser(uniqueId('bob'));
    // The layout the quick start shows: the banner above the message list, in the chat column.
    const root =
      await fixture<HTMLElement>(html`<div style="display:flex;flex-direction:column;height:420px;width:600px">
      <connection-banner .store=${alice.kit.store}></connection-banner>
      <div style="flex:1;min-height:0"><message-list .store=${alice.kit.store}></message-list></div>
      <div style="height:140px"><message-editor .store=${alice.kit.store}></message-editor></div>
    </div>`);
    const banner = root.querySelector<ConnectionBanner>('connection-banner')!;
    const list = root.querySelector<MessageList>('message-list')!;
    const editor = root.querySelector<MessageEditor>('message-editor')!;
    await alice.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: bob.userId });
    for (const text of ['one', 'two', 'three', 'four', 'five', 'six']) await alice.kit.sendText(text);
    await waitFor(() => messageRows(list).at(-1)?.dataset.sendState === 'sent', 3000, 'sent');
    await list.updateComplete;
    const lastBefore = messageRows(list).at(-1)!.getBoundingClientRect();
    const editorBefore = editor.getBoundingClientRect();
    const listBefore = list.getBoundingClientRect();

    setOffline(true);
    const bar = await waitFor(() => shadow(banner).querySelector<HTMLElement>('[part~="banner"]'), 2000, 'banner');
    await list.updateComplete;
    await new Promise((r) => requestAnimationFrame(r));

    const last = messageRows(list).at(-1)!.getBoundingClientRect();
    expect(last.top, 'last message row').to.equal(lastBefore.top);
    expect(list.getBoundingClientRect().top, 'message list').to.equal(listBefore.top);
    expect(editor.getBoundingClientRect().top, 'editor').to.equal(editorBefore.top);
    const box = bar.getBoundingClientRect();
    expect(box.height).to.be.above(10);
    expect(overlaps(box, last), 'covers the newest message').to.equal(false);
    expect(overlaps(box, editor.getBoundingClientRect()), 'covers the editor').to.equal(false);
    // On top of the list it floats over, not behind it.
    const hit = shadow(banner).elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    expect(hit && bar.contains(hit), 'the banner is what a click at its centre reaches').to.equal(true);
  });
});
