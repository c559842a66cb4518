// The less common bubbles (voice, video, file, location, rich content) load after the first screen:
// until they arrive, a message shows an empty bubble of the final size, so nothing moves when the real
// one replaces it. Measured in the browser on messages published through the real server.
import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { ConversationType } from '../../protocol/enums.js';
import { renderPlaceholder, rareBubbles } from './renderers/late-bubbles.js';
import { connectUser, disconnectAll, mountChat, serverApi, shadow, uniqueId, waitFor } from '../shared/test-utils.js';
import { conversationKey } from '../../services/store/index.js';

function publish(from: string, to: string, objectName: string, content: object) {
  return serverApi('/message/private/publish.json', {
    fromUserId: from,
    toUserId: to,
    objectName,
    content: JSON.stringify(content),
  });
}

/** A PNG of `width` × `height` px as base64 without the data: prefix, as the seeds send thumbnails. */
function pngBase64(width: number, height: number): string {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')!.fillRect(0, 0, width, height);
  return canvas.toDataURL('image/png').replace(/^data:[^,]*,/, '');
}

describe('late bubbles', () => {
  afterEach(disconnectAll);

  it('draws voice, video, file, location and rich content once loaded, each where its placeholder stood, at its size', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = uniqueId('bob');
    const sends: Array<[string, object, string]> = [
      ['RC:HQVCMsg', { remoteUrl: 'https://example.com/v.aac', duration: 7 }, '.voice'],
      [
        'RC:SightMsg',
        { sightUrl: 'https://example.com/v.mp4', content: pngBase64(160, 90), duration: 65, size: 1000, name: 'v.mp4' },
        '.video',
      ],
      [
        'RC:FileMsg',
        { name: 'report.pdf', size: 1536, type: 'pdf', fileUrl: 'https://example.com/r.pdf' },
        '.file-bubble',
      ],
      [
        'RC:LBSMsg',
        { longitude: 116.3975, latitude: 39.9087, poi: 'Tiananmen', content: pngBase64(300, 200) },
        '.location',
      ],
      [
        'RC:ImgTextMsg',
        { title: 'A title', content: 'A summary', imageUri: 'https://example.com/i.png', url: 'https://example.com/a' },
        '.rich',
      ],
    ];
    for (const [type, content] of sends)
      expect((await publish(bob, alice.userId, type, content)).code, type).to.equal(200);
    const view = await mountChat(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: bob });
    const root = shadow(view.messages);
    await waitFor(() => root.querySelectorAll('.message').length === sends.length, 4000, 'all rows');
    await view.messages.updateComplete;
    expect(rareBubbles(), 'the module arrived').to.not.equal(null);
    expect(root.querySelectorAll('.late-bubble'), 'no placeholder left').to.have.length(0);

    const list =
      alice.kit.store!.state.messages[conversationKey({ conversationType: ConversationType.PRIVATE, targetId: bob })]!
        .list;
    const lines = [...root.querySelectorAll<HTMLElement>('.message .bubble-line')];
    sends.forEach(([type, , selector], i) => {
      const bubble = lines[i]!.querySelector<HTMLElement>(selector);
      expect(bubble, `${type} drawn`).to.not.equal(null);
      const real = bubble!.getBoundingClientRect();
      // The placeholder, drawn in the real bubble's place in the same row, takes the same box.
      const slot = document.createElement('div');
      render(renderPlaceholder(list[i]!), slot);
      const placeholder = slot.firstElementChild as HTMLElement;
      bubble!.style.display = 'none';
      lines[i]!.prepend(placeholder);
      const box = placeholder.getBoundingClientRect();
      placeholder.remove();
      bubble!.style.display = '';
      expect(box.width, `${type} width`).to.be.closeTo(real.width, 1);
      expect(box.height, `${type} height`).to.be.closeTo(real.height, 1);
    });
  });
});
