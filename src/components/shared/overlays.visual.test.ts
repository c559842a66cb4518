// Screenshots of every overlay of the kit, open, opened the way a person opens them: the message menu (right
// click), the conversation menu (Shift+F10 on a row), the emoji picker (its button), the @mention list (typing
// "@"), the group's reader list (the "read" count), the tag dialog and the delete confirmation (from the
// conversation menu) and the image viewer (a click on the picture). Overlays sit on the native top layer, so
// the picture is the whole viewport (1100×750, and 390×844 for a menu and the emoji picker), not one element.
// Compare: npm run test:visual; redraw: npm run test:visual:update.
import { fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { visualDiff } from '@web/test-runner-visual-regression';
import { ConversationType } from '../../protocol/enums.js';
import {
  confirmDialogOf,
  connectUser,
  disconnectAll,
  items,
  menuOf,
  messageRows,
  mountChat,
  serverApi,
  shadow,
  waitFor,
  type TestUser,
} from './test-utils.js';
import { at, freshWorld, PROFILES, sceneService, serverTime, settle } from './visual-scene.js';

const TRIP = { conversationType: ConversationType.GROUP, targetId: 'trip' };

async function publish(
  kind: 'private' | 'group',
  from: string,
  to: string,
  objectName: string,
  content: unknown,
  time: number,
): Promise<void> {
  await serverTime(time);
  const target = kind === 'private' ? { toUserId: to } : { toGroupId: to };
  const res = await serverApi(`/message/${kind}/publish.json`, {
    fromUserId: from,
    ...target,
    objectName,
    content: JSON.stringify(content),
  });
  if (res.code !== 200) throw new Error(`publish ${objectName}: ${JSON.stringify(res)}`);
}

/** The fixture picture as base64 (an image message's thumbnail). */
async function lakeBase64(): Promise<string> {
  const bytes = new Uint8Array(await (await fetch('/test/fixtures/visual/lake.png')).arrayBuffer());
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Alice in the "Weekend trip" group with Bob and Carol (Carol's @all, a picture from Bob, her own message Bob has read) and a
 * private chat with Bob; the three elements fill the viewport. Returns the elements and Alice.
 */
async function tripScene(layout: 'wide' | 'phone') {
  await freshWorld(at(8, 0));
  for (const id of ['alice', 'bob', 'carol']) {
    await fetch(
      `/__parley/session?user=${id}&name=${encodeURIComponent(PROFILES[id]!.name)}&portraitUri=${encodeURIComponent(PROFILES[id]!.portraitUri)}`,
    );
  }
  await serverApi('/group/create.json', {
    userId: ['alice', 'bob', 'carol'],
    groupId: 'trip',
    groupName: 'Weekend trip',
  });
  await publish('private', 'bob', 'alice', 'RC:TxtMsg', { content: 'Can you bring the camping stove?' }, at(8, 41));
  await publish(
    'group',
    'carol',
    'trip',
    'RC:TxtMsg',
    // "@all" picked from the mention list: highlighted for everyone, as a mention of the reader.
    { content: '@all Morning! Are we still on for Saturday? ☀️', mentionedInfo: { type: 1, userIdList: [] } },
    at(9, 1),
  );
  await publish('group', 'bob', 'trip', 'RC:TxtMsg', { content: 'Yes! I booked the cabin by the lake 🏕️' }, at(9, 2));
  const lakeUrl = new URL('/test/fixtures/visual/lake.png', location.href).href;
  await publish('group', 'bob', 'trip', 'RC:ImgMsg', { content: await lakeBase64(), imageUri: lakeUrl }, at(9, 10));
  await serverTime(at(9, 20));

  const members = ['alice', 'bob', 'carol'].map((id) => ({
    id,
    name: PROFILES[id]!.name,
    portraitUri: PROFILES[id]!.portraitUri,
  }));
  const alice = await connectUser('alice', { ...sceneService, getGroupMembers: () => members }, { language: 'en' });
  const bob = await connectUser('bob', sceneService, { language: 'en' });
  // Bob reads in his own window, under Alice's (which covers the viewport), so her message gets "1 read".
  await mountChat(bob);
  await bob.kit.selectConversation(TRIP);

  const store = alice.kit.store;
  const phone = layout === 'phone';
  const root =
    await fixture<HTMLElement>(html`<div style="position:fixed;inset:0;display:flex;background:#fff;caret-color:transparent;z-index:1">
    ${phone ? '' : html`<div style="width:32%;height:100%"><conversation-list .store=${store}></conversation-list></div>`}
    <div style="flex:1;min-width:0;display:flex;flex-direction:column;height:100%">
      <div style="flex:1;min-height:0"><message-list .store=${store}></message-list></div>
      <div style="height:150px"><message-editor .store=${store}></message-editor></div>
    </div>
  </div>`);
  const list = root.querySelector('conversation-list');
  const messages = root.querySelector('message-list')!;
  const editor = root.querySelector('message-editor')!;
  // Alice has read the chat before: these pictures are about the overlays (the "New messages" divider an
  // unread chat opens with has scenes of its own, message-list/unread.visual.test.ts).
  await alice.client.clearMessagesUnreadStatus(TRIP);
  await waitFor(
    () => store.state.conversationList.find((c) => c.targetId === 'trip')?.unreadMessageCount === 0,
    3000,
    'read',
  );
  await alice.kit.selectConversation(TRIP);
  await alice.kit.sendText("Perfect, I'll drive. Leaving at noon.");
  await waitFor(
    () => messageRows(messages).at(-1)?.querySelector('button.read-count')?.textContent?.includes('1'),
    8000,
    '1 read',
  );
  await settle(
    root,
    () => !!shadow(messages).querySelector('.message button.media img') && (!list || items(list).length === 2),
  );
  return { alice: alice as TestUser, root, list, messages, editor };
}

/** The centre of an element, in whole viewport pixels (what sendMouse takes). */
function centre(el: Element): [number, number] {
  const box = el.getBoundingClientRect();
  return [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
}

async function press(el: Element, button: 'left' | 'right' = 'left'): Promise<void> {
  await sendMouse({ type: 'click', position: centre(el), button });
}

/** A menu's item by its label. */
const menuItem = (host: Element, label: string) =>
  waitFor(
    () =>
      [...(menuOf(host)?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])].find(
        (i) => i.textContent!.trim() === label,
      ),
    2000,
    label,
  );

/** Waits for the overlay, lets the page settle, takes the viewport's picture, then closes it with Escape. */
async function shoot(root: HTMLElement, name: string, open: () => unknown): Promise<void> {
  await settle(root, () => !!open(), { keepFocus: true });
  // The root covers the viewport (position: fixed), so its picture is the page, top layer included.
  await visualDiff(root, name);
  await sendKeys({ press: 'Escape' });
  await waitFor(() => !open(), 2000, `${name} closed`);
  (document.activeElement as HTMLElement | null)?.blur();
}

describe('every overlay, open', () => {
  afterEach(async () => {
    await disconnectAll();
    await setViewport({ width: 1280, height: 1300 });
  });

  it('at 1100×750', async () => {
    await setViewport({ width: 1100, height: 750 });
    const { root, list, messages, editor } = await tripScene('wide');
    const lastBubble = () => messageRows(messages).at(-1)!.querySelector('.bubble')!;

    await press(lastBubble(), 'right');
    await shoot(root, 'overlay-message-menu', () => menuOf(messages));

    items(list!)[1]!.focus();
    await sendKeys({ press: 'Shift+F10' });
    await shoot(root, 'overlay-conversation-menu', () => menuOf(list!));

    await press(shadow(editor).querySelector('.emoji-button')!);
    await shoot(root, 'overlay-emoji-picker', () => shadow(editor).querySelector('.emoji-picker'));

    await press(shadow(editor).querySelector('textarea')!);
    await sendKeys({ type: '@' });
    await shoot(root, 'overlay-mention-list', () =>
      shadow(editor).querySelectorAll('.mentions [role="option"]').length === 3
        ? shadow(editor).querySelector('.mentions')
        : null,
    );
    shadow(editor).querySelector('textarea')!.value = '';
    shadow(editor)
      .querySelector('textarea')!
      .dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));

    await press(messageRows(messages).at(-1)!.querySelector('button.read-count')!);
    await shoot(
      root,
      'overlay-readers',
      () => shadow(messages).querySelector('.readers li') && shadow(messages).querySelector('.readers'),
    );

    await press(items(list!)[0]!, 'right');
    await press(await menuItem(list!, 'Tags…'));
    await press(await menuItem(list!, 'New tag…'));
    await shoot(root, 'overlay-tag-dialog', () => shadow(list!).querySelector('dialog.tag-dialog[open]'));

    await press(items(list!)[0]!, 'right');
    await press(await menuItem(list!, 'Delete conversation'));
    await shoot(root, 'overlay-delete-confirmation', () => confirmDialogOf(list!));

    await press(shadow(messages).querySelector('.message button.media')!);
    await shoot(
      root,
      'overlay-image-viewer',
      () =>
        shadow(messages).querySelector('dialog.image-viewer[open] img.fitted') &&
        shadow(messages).querySelector('dialog.image-viewer'),
    );
  });

  it('at 390×844', async () => {
    await setViewport({ width: 390, height: 844 });
    const { root, messages, editor } = await tripScene('phone');
    await press(messageRows(messages).at(-1)!.querySelector('.bubble')!, 'right');
    await shoot(root, 'overlay-390-message-menu', () => menuOf(messages));
    await press(shadow(editor).querySelector('.emoji-button')!);
    await shoot(root, 'overlay-390-emoji-picker', () => shadow(editor).querySelector('.emoji-picker'));
  });
});
