/**
 * Every overlay of the kit, checked by geometry rather than DOM: open, it lies fully inside the
 * viewport and is on top (what the browser hits at its centre is the overlay), at a desktop and a
 * phone size; a menu opened at the bottom-right corner flips; light dismiss and focus return.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { ConversationType } from '../../protocol/enums.js';
import type { ConversationList } from '../conversation-list/conversation-list.js';
import type { MessageEditor } from '../message-editor/message-editor.js';
import type { MessageList } from '../message-list/message-list.js';
import {
  answerConfirm,
  bubbleTexts,
  confirmDialogOf,
  connectUser,
  describeViolations,
  disconnectAll,
  items,
  menuOf,
  messageRows,
  mountChat,
  publishText,
  rightClick,
  serverApi,
  seriousViolations,
  shadow,
  tagTabs,
  testService,
  uniqueId,
  waitFor,
  type TestUser,
} from './test-utils.js';
import { placeOverlay } from './overlay-controller.js';

interface FullView {
  list: ConversationList;
  messages: MessageList;
  editor: MessageEditor;
}

/** The three elements filling the viewport, as an app lays them out. */
async function mountFull(user: TestUser): Promise<FullView> {
  const root = await fixture<HTMLElement>(html`<div style="position:fixed;inset:0;display:flex;background:#fff">
    <div style="width:36%;height:100%"><conversation-list .store=${user.kit.store}></conversation-list></div>
    <div style="flex:1;min-width:0;display:flex;flex-direction:column;height:100%">
      <div style="flex:1;min-height:0"><message-list .store=${user.kit.store}></message-list></div>
      <div style="height:150px"><message-editor .store=${user.kit.store}></message-editor></div>
    </div>
  </div>`);
  const view = {
    list: root.querySelector('conversation-list')!,
    messages: root.querySelector('message-list')!,
    editor: root.querySelector('message-editor')!,
  };
  await Promise.all([view.list.updateComplete, view.messages.updateComplete, view.editor.updateComplete]);
  return view;
}

/** The innermost element at a point, walking into shadow roots. */
function deepElementFromPoint(x: number, y: number): Element | null {
  let hit = document.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return hit;
}

/** Asserts that `overlay` lies inside the viewport and is what a press at its centre reaches. */
function expectInsideAndOnTop(overlay: Element, what: string): DOMRect {
  const box = overlay.getBoundingClientRect();
  const at = `${what} at ${innerWidth}×${innerHeight}: ${JSON.stringify(box.toJSON())}`;
  expect(box.width > 0 && box.height > 0, `${at} has a size`).to.equal(true);
  expect(
    box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight,
    `${at} inside the viewport`,
  ).to.equal(true);
  const hit = deepElementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  expect(hit === overlay || overlay.contains(hit), `${at} on top (hit ${hit?.outerHTML.slice(0, 80)})`).to.equal(true);
  return box;
}

function rightClickAt(target: HTMLElement, x: number, y: number): void {
  target.dispatchEvent(
    new MouseEvent('contextmenu', {
      bubbles: true,
      composed: true,
      cancelable: true,
      button: 2,
      clientX: x,
      clientY: y,
    }),
  );
}

const pick = (el: Element, label: string) =>
  [...(menuOf(el)?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])]
    .find((i) => i.textContent!.trim() === label)!
    .click();
const active = (el: Element) => shadow(el).activeElement as HTMLElement | null;

/** A small JPEG as a data URL. */
function picture(width: number, height: number): string {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#2a7';
  g.fillRect(0, 0, width, height);
  return canvas.toDataURL('image/jpeg', 0.7);
}

/** A user with a tag, a private conversation and a group with an image from Bob and an own message Bob has read. */
async function scene() {
  const ids = [uniqueId('me'), uniqueId('bob'), uniqueId('carol')] as const;
  const group = uniqueId('grp');
  await serverApi('/group/create.json', { userId: [...ids], groupId: group, groupName: 'Team' });
  const service = {
    ...testService({ [ids[1]]: { name: 'Bob' } }),
    getGroupMembers: () => ids.map((id, i) => ({ id, name: ['Me', 'Bob', 'Carol'][i]! })),
  };
  const me = await connectUser(ids[0], service);
  const bob = await connectUser(ids[1]);
  const ann = uniqueId('ann');
  await publishText(ann, me.userId, 'hello from ann');
  expect((await me.kit.createTag('Work')).code).to.equal(0);
  const target = { conversationType: ConversationType.GROUP, targetId: group };
  // The thumbnail travels in the message (base64, no prefix); the full picture is a URL (the repo's demo screenshot).
  const thumbnail = picture(160, 100).replace(/^data:image\/jpeg;base64,/, '');
  const imageUri = new URL('/docs/demo.png', location.href).href;
  const published = await serverApi('/message/group/publish.json', {
    fromUserId: bob.userId,
    toGroupId: [group],
    objectName: 'RC:ImgMsg',
    content: JSON.stringify({ content: thumbnail, imageUri }),
  });
  expect(published.code, JSON.stringify(published)).to.equal(200);
  // Enough messages that the last one sits at the bottom of the log.
  for (let i = 1; i <= 12; i++) {
    await serverApi('/message/group/publish.json', {
      fromUserId: bob.userId,
      toGroupId: [group],
      objectName: 'RC:TxtMsg',
      content: JSON.stringify({ content: `line ${i}` }),
    });
  }
  // Bob reads in his own (covered) window, so the own message gets "1 read".
  await mountChat(bob);
  await bob.kit.selectConversation(target);
  const view = await mountFull(me);
  await me.kit.selectConversation(target);
  await me.kit.sendText('the last message, bottom right');
  await waitFor(
    () => messageRows(view.messages).at(-1)?.querySelector('button.read-count')?.textContent?.includes('1'),
    5000,
    '1 read',
  );
  return { me, ann, view };
}

for (const [width, height] of [
  [1100, 750],
  [390, 844],
] as const) {
  describe(`overlays at ${width}×${height}`, () => {
    before(() => setViewport({ width, height }));
    after(() => setViewport({ width: 800, height: 600 }));
    afterEach(disconnectAll);

    it('menus, pickers, the readers list and the dialogs open inside the viewport and on top; light dismiss returns focus', async () => {
      const { view } = await scene();
      const { list, messages, editor } = view;
      await waitFor(() => items(list).length === 2 && tagTabs(list).length === 2, 3000, 'conversations and tag bar');

      // The conversation menu, from the keyboard; Escape gives focus back.
      items(list)[1]!.focus();
      await sendKeys({ press: 'Shift+F10' });
      await waitFor(() => active(list)?.getAttribute('role') === 'menuitem', 1000, 'menu focused');
      expectInsideAndOnTop(menuOf(list)!, 'conversation menu');
      await sendKeys({ press: 'Escape' });
      await waitFor(() => !menuOf(list) && active(list) === items(list)[1], 1000, 'focus back on the row');

      // Its "Tags…" step, then a press outside closes it.
      rightClick(items(list)[1]!);
      await list.updateComplete;
      pick(list, '标签…');
      await waitFor(() => menuOf(list)?.querySelector('[role="menuitemcheckbox"]'), 1000, 'tags step');
      await list.updateComplete;
      expectInsideAndOnTop(menuOf(list)!, 'Tags… menu');
      const editorBox = editor.getBoundingClientRect();
      await sendMouse({
        type: 'click',
        position: [Math.round(editorBox.left + editorBox.width / 2), Math.round(editorBox.bottom - 20)],
      });
      await waitFor(() => !menuOf(list), 1000, 'closed by a press outside');

      // A press on the row the menu was opened on closes it too (and opens that conversation).
      rightClick(items(list)[1]!);
      await list.updateComplete;
      const rowBox = items(list)[1]!.getBoundingClientRect();
      await sendMouse({
        type: 'click',
        position: [Math.round(rowBox.left + 8), Math.round(rowBox.top + rowBox.height / 2)],
      });
      await waitFor(() => !menuOf(list), 1000, 'closed by a press on its row');

      // The tag tab's menu and its rename dialog.
      rightClick(tagTabs(list)[1]!);
      await list.updateComplete;
      expectInsideAndOnTop(menuOf(list)!, 'tag bar menu');
      pick(list, '重命名…');
      const tagDialog = await waitFor(
        () => shadow(list).querySelector<HTMLDialogElement>('dialog.tag-dialog[open]'),
        1000,
        'tag dialog',
      );
      expectInsideAndOnTop(tagDialog, 'tag dialog');
      await sendKeys({ press: 'Escape' });
      await waitFor(() => !shadow(list).querySelector('dialog.tag-dialog'), 1000, 'tag dialog closed');

      // The delete confirmation.
      rightClick(items(list)[1]!);
      await list.updateComplete;
      pick(list, '删除会话');
      expectInsideAndOnTop(await waitFor(() => confirmDialogOf(list), 2000, 'confirmation'), 'confirmation dialog');
      await answerConfirm(list, false);
      await waitFor(() => !confirmDialogOf(list) && items(list).length === 2, 1000, 'cancelled');

      // An app's own items make the message menu as tall as a real one.
      messages.customMenu = [
        { name: () => 'Save to notes', callback: () => undefined },
        { name: () => 'Report', callback: () => undefined },
      ];
      await messages.updateComplete;
      // A message menu opened at the bottom-right corner of the last (own) message flips up and back.
      const bubble = messageRows(messages).at(-1)!.querySelector<HTMLElement>('.bubble')!;
      const corner = bubble.getBoundingClientRect();
      const [x, y] = [Math.round(corner.right - 2), Math.round(corner.bottom - 2)];
      rightClickAt(bubble, x, y);
      await messages.updateComplete;
      const menuBox = expectInsideAndOnTop(menuOf(messages)!, 'message menu at the corner');
      // Below and after the pointer there is no room, so it must have flipped on both axes.
      expect(y + menuBox.height, 'no room below the pointer').to.be.above(innerHeight);
      expect(x + menuBox.width, 'no room after the pointer').to.be.above(innerWidth);
      expect(menuBox.bottom, 'flipped above the pointer').to.be.at.most(y);
      expect(menuBox.right, 'flipped before the pointer').to.be.at.most(x);
      await sendKeys({ press: 'Escape' });
      await waitFor(() => !menuOf(messages), 1000, 'message menu closed');

      // The readers list; a press outside closes it.
      messageRows(messages).at(-1)!.querySelector<HTMLButtonElement>('button.read-count')!.click();
      const readers = await waitFor(() => shadow(messages).querySelector<HTMLElement>('.readers'), 2000, 'readers');
      await waitFor(() => readers.querySelector('li'), 3000, 'reader names');
      await messages.updateComplete;
      expectInsideAndOnTop(readers, 'readers list');
      const listBox = list.getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(listBox.left + 10), Math.round(listBox.bottom - 10)] });
      await waitFor(() => !shadow(messages).querySelector('.readers'), 1000, 'readers closed');

      // The emoji picker: fully visible above the editor (the host's overflow no longer clips it).
      const emojiButton = shadow(editor).querySelector<HTMLButtonElement>('.emoji-button')!;
      emojiButton.click();
      const picker = await waitFor(
        () => shadow(editor).querySelector<HTMLElement>('.emoji-picker'),
        1000,
        'emoji picker',
      );
      await waitFor(() => active(editor)?.classList.contains('emoji'), 1000, 'emoji focused');
      const pickerBox = expectInsideAndOnTop(picker, 'emoji picker');
      expect(pickerBox.height, 'not clipped to the editor').to.be.greaterThan(200);
      await sendKeys({ press: 'Escape' });
      await waitFor(
        () => !shadow(editor).querySelector('.emoji-picker') && active(editor)?.tagName === 'TEXTAREA',
        1000,
        'picker closed, input focused',
      );

      // The @mention list.
      await sendKeys({ type: '@' });
      const mentions = await waitFor(
        () => shadow(editor).querySelector<HTMLElement>('.mentions'),
        2000,
        'mention list',
      );
      await waitFor(() => mentions.querySelectorAll('[role="option"]').length === 3, 3000, 'members');
      expectInsideAndOnTop(mentions, 'mention list');
      await sendKeys({ press: 'Escape' });
      await waitFor(() => !shadow(editor).querySelector('.mentions'), 1000, 'mention list closed');

      // The image viewer: the picture fits the viewport; axe finds nothing serious; Escape returns focus to the image.
      const imageButton = await waitFor(
        () => shadow(messages).querySelector<HTMLButtonElement>('.message button.media'),
        2000,
        'image',
      );
      imageButton.focus();
      imageButton.click();
      const viewer = await waitFor(
        () => shadow(messages).querySelector<HTMLDialogElement>('dialog.image-viewer[open]'),
        2000,
        'viewer',
      );
      const img = await waitFor(() => viewer.querySelector<HTMLImageElement>('img.fitted'), 2000, 'picture loaded');
      expectInsideAndOnTop(viewer, 'image viewer');
      const imgBox = expectInsideAndOnTop(img, 'viewed picture');
      expect(Math.abs(imgBox.width / imgBox.height - img.naturalWidth / img.naturalHeight)).to.be.below(0.02);
      expect(imgBox.width >= innerWidth - 40 || imgBox.height >= innerHeight - 80, 'zoomed to fit').to.equal(true);
      expect(active(messages)?.classList.contains('image-viewer-close')).to.equal(true);
      const violations = await seriousViolations(viewer);
      expect(violations, describeViolations(violations)).to.deep.equal([]);
      await sendKeys({ press: 'Escape' });
      await waitFor(
        () => !shadow(messages).querySelector('dialog.image-viewer') && active(messages) === imageButton,
        1000,
        'viewer closed, focus on the image',
      );
      expect(bubbleTexts(messages).length).to.be.greaterThan(0);
    });
  });
}

describe('overlay placement', () => {
  afterEach(disconnectAll);

  it('sits below the anchor at its inline start, flips above and to the inline end at the edges, mirrored in RTL', () => {
    const view = { width: 400, height: 300 };
    const size = { width: 100, height: 80 };
    const ref = { left: 50, right: 150, top: 20, bottom: 40 };
    expect(placeOverlay(ref, size, view, { side: 'block-end', rtl: false })).to.deep.equal({ left: 50, top: 44 });
    expect(placeOverlay(ref, size, view, { side: 'block-end', rtl: true })).to.deep.equal({ left: 50, top: 44 });
    const wide = { left: 50, right: 250, top: 20, bottom: 40 };
    expect(placeOverlay(wide, size, view, { side: 'block-end', rtl: true }).left, 'RTL: right edges meet').to.equal(
      150,
    );
    // Beside an element at the edge it shifts (stays under its element); at a pointer it flips.
    const edgeRow = { left: 250, right: 400, top: 20, bottom: 40 };
    expect(placeOverlay(edgeRow, size, view, { side: 'block-end', rtl: true }).left).to.equal(296);
    expect(
      placeOverlay({ left: 340, right: 390, top: 20, bottom: 40 }, size, view, { side: 'block-end', rtl: false }).left,
    ).to.equal(296);
    const corner = { left: 380, right: 380, top: 280, bottom: 280 };
    expect(placeOverlay(corner, size, view, { side: 'block-end', rtl: false })).to.deep.equal({ left: 280, top: 196 });
    // Above the anchor when asked, below when there is no room above.
    expect(placeOverlay(ref, size, view, { side: 'block-start', rtl: false }).top).to.equal(44);
    expect(
      placeOverlay({ left: 50, right: 150, top: 200, bottom: 220 }, size, view, { side: 'block-start', rtl: false })
        .top,
    ).to.equal(116);
  });

  it("in an RTL page the conversation menu opens from the row's inline start (its right edge)", async () => {
    const me = await connectUser(uniqueId('me'));
    await publishText(uniqueId('ann'), me.userId, 'مرحبا');
    const view = await mountChat(me);
    view.root.dir = 'rtl';
    await waitFor(() => items(view.list).length === 1, 3000, 'conversation');
    items(view.list)[0]!.focus();
    await sendKeys({ press: 'Shift+F10' });
    const menu = await waitFor(() => menuOf(view.list), 1000, 'menu');
    await waitFor(() => active(view.list)?.getAttribute('role') === 'menuitem', 1000, 'menu focused');
    const row = items(view.list)[0]!.getBoundingClientRect();
    const box = expectInsideAndOnTop(menu, 'RTL menu');
    expect(Math.abs(box.right - row.right), `menu ${box.right} vs row ${row.right}`).to.be.below(1);
    expect(box.top).to.be.at.least(row.bottom);
  });
});
