// The keyboard focus ring stays visible on the user's own bubbles: they are painted in the primary colour,
// which is also the focus colour, so a ring of that colour on a link, a file card or a play button there
// vanishes. Measured as the contrast between the ring and the bubble (at least 3:1, WCAG's non-text contrast),
// in both themes, on messages sent through the real server.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ConversationType } from '../../protocol/enums.js';
import { connectUser, disconnectAll, mountChat, serverApi, shadow, uniqueId, waitFor } from '../shared/test-utils.js';

/** The relative luminance of a CSS `rgb()`/`rgba()` colour. */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('<message-list> focus ring on own bubbles', () => {
  afterEach(disconnectAll);

  for (const theme of ['light', 'dark'] as const) {
    it(`contrasts with the bubble on a link, a file and a play button (${theme})`, async () => {
      const alice = await connectUser(uniqueId('alice'));
      const bob = uniqueId('bob');
      const send = (objectName: string, content: object) =>
        serverApi('/message/private/publish.json', {
          fromUserId: alice.userId,
          toUserId: bob,
          objectName,
          content: JSON.stringify(content),
          isIncludeSender: 1,
        });
      await send('RC:TxtMsg', { content: 'The notes: https://example.com/notes' });
      await send('RC:FileMsg', {
        name: 'notes.pdf',
        size: 2048,
        type: 'pdf',
        fileUrl: 'https://example.com/notes.pdf',
      });
      await send('RC:HQVCMsg', { remoteUrl: 'https://example.com/voice.aac', duration: 4 });
      const view = await mountChat(alice);
      view.messages.setAttribute('theme', theme);
      await alice.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: bob });
      const root = shadow(view.messages);
      await waitFor(() => root.querySelectorAll('.message.own').length === 3, 4000, 'three own messages');
      // File and voice bubbles load after the first screen (placeholders until then).
      await waitFor(
        () => ['.link', '.file', '.voice-button'].every((selector) => root.querySelector(`.message.own ${selector}`)),
        4000,
        'the link, the file card and the play button',
      );

      for (const selector of ['.link', '.file', '.voice-button']) {
        const target = root.querySelector<HTMLElement>(`.message.own ${selector}`)!;
        const bubble = target.closest<HTMLElement>('.bubble')!;
        // Reach it from the keyboard, as a user does: focus the element before it, then Tab.
        target.tabIndex = 0;
        target.focus();
        await sendKeys({ press: 'Shift+Tab' });
        await sendKeys({ press: 'Tab' });
        expect(target.matches(':focus-visible'), `${selector} focused from the keyboard`).to.equal(true);
        const style = getComputedStyle(target);
        expect(style.outlineStyle, selector).to.equal('solid');
        expect(parseFloat(style.outlineWidth), selector).to.be.greaterThan(0);
        const ratio = contrast(style.outlineColor, getComputedStyle(bubble).backgroundColor);
        expect(
          ratio,
          `${selector}: ring ${style.outlineColor} on bubble ${getComputedStyle(bubble).backgroundColor}`,
        ).to.be.at.least(3);
      }
    });
  }
});
