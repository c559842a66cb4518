// Where the banner sits on the page: by default it floats over the top edge of the chat and never moves it;
// with placement="row" it takes a row of its own at the top of the message pane and covers no message.
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

  it('with placement="row" takes a row of its own, centred on the pane, and covers no message', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = await connectUser(uniqueId('bob'));
    // The demo's layout: the banner at the top of the message pane, beside a conversation column.
    const root = await fixture<HTMLElement>(html`<div style="display:flex;height:420px;width:800px">
      <div style="width:200px"></div>
      <div style="flex:1;display:flex;flex-direction:column;min-width:0">
        <connection-banner placement="row" .store=${alice.kit.store}></connection-banner>
        <div style="flex:1;min-height:0"><message-list .store=${alice.kit.store}></message-list></div>
        <div style="height:140px"><message-editor .store=${alice.kit.store}></message-editor></div>
      </div>
    </div>`);
    const banner = root.querySelector<ConnectionBanner>('connection-banner')!;
    const list = root.querySelector<MessageList>('message-list')!;
    const editor = root.querySelector<MessageEditor>('message-editor')!;
    expect(banner.getBoundingClientRect().height, 'no row while connected').to.equal(0);
    await alice.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: bob.userId });
    for (const text of ['one', 'two', 'three']) await alice.kit.sendText(text);
    await waitFor(() => messageRows(list).at(-1)?.dataset.sendState === 'sent', 3000, 'sent');

    setOffline(true);
    const bar = await waitFor(() => shadow(banner).querySelector<HTMLElement>('[part~="banner"]'), 2000, 'banner');
    await list.updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
    const box = bar.getBoundingClientRect();
    const pane = list.getBoundingClientRect();
    expect(box.height).to.be.above(10);
    expect(box.bottom, 'above the message list').to.be.at.most(pane.top);
    expect(Math.abs(box.left + box.width / 2 - (pane.left + pane.width / 2)), 'centred on the pane').to.be.below(1);
    for (const row of messageRows(list))
      expect(overlaps(box, row.getBoundingClientRect()), `covers "${row.textContent?.trim()}"`).to.equal(false);
    expect(overlaps(box, editor.getBoundingClientRect()), 'covers the editor').to.equal(false);
    // Screen readers still hear it.
    expect(shadow(banner).querySelector('[role="status"]')!.textContent!.trim()).to.not.equal('');
  });
});
