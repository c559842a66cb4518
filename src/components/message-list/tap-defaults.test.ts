import { expect } from '@open-wc/testing';
import { ConversationType } from '../../protocol/enums.js';
import type { KitMessage } from '../../services/store/types.js';
import type { TapMessageEvent } from '../shared/events.js';
import { fileDownloadUrl } from './tap-defaults.js';
import { connectUser, disconnectAll, mountChat, serverApi, shadow, uniqueId, waitFor } from '../shared/test-utils.js';

const PIXEL =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHR8eHR0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==';

async function chatWith(messages: Array<{ objectName: string; content: Record<string, unknown> }>) {
  const alice = await connectUser(uniqueId('alice'));
  const bob = uniqueId('bob');
  for (const m of messages) {
    const res = await serverApi('/message/private/publish.json', {
      fromUserId: bob,
      toUserId: alice.userId,
      objectName: m.objectName,
      content: JSON.stringify(m.content),
    });
    expect(res.code, JSON.stringify(res)).to.equal(200);
  }
  const view = await mountChat(alice);
  await alice.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: bob });
  await waitFor(() => shadow(view.messages).querySelectorAll('.message').length === messages.length, 3000, 'messages');
  return view;
}

/** Records the links the kit clicks (a download) and stops the browser from following them. */
function catchLinks(): { links: HTMLAnchorElement[]; stop(): void } {
  const links: HTMLAnchorElement[] = [];
  const onClick = (event: Event) => {
    const target = event.composedPath()[0];
    if (!(target instanceof HTMLAnchorElement)) return;
    links.push(target);
    event.preventDefault();
  };
  document.addEventListener('click', onClick, true);
  return { links, stop: () => document.removeEventListener('click', onClick, true) };
}

const viewerOf = (el: Element) => shadow(el).querySelector<HTMLDialogElement>('dialog.image-viewer[open]');
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('what tapping a message does by default', () => {
  afterEach(disconnectAll);

  it('an image opens the viewer (Close returns focus); preventDefault on tapMessage skips it but the event still fires', async () => {
    const imageUri = new URL('/docs/demo.png', location.href).href;
    const view = await chatWith([{ objectName: 'RC:ImgMsg', content: { content: PIXEL, imageUri } }]);
    const image = shadow(view.messages).querySelector<HTMLButtonElement>('.message button.media')!;
    image.focus();
    image.click();
    const viewer = await waitFor(() => viewerOf(view.messages), 2000, 'viewer');
    expect(viewer.getAttribute('aria-label')).to.equal('图片查看器');
    expect(viewer.querySelector('img')!.getAttribute('src')).to.equal(imageUri);
    viewer.querySelector<HTMLButtonElement>('.image-viewer-close')!.click();
    await waitFor(
      () => !viewerOf(view.messages) && shadow(view.messages).activeElement === image,
      1000,
      'closed, focus on the image',
    );

    const taps: TapMessageEvent[] = [];
    const cancel = (event: TapMessageEvent) => {
      taps.push(event);
      event.preventDefault();
    };
    view.root.addEventListener('tapMessage', cancel);
    image.click();
    await settle();
    expect(taps).to.have.length(1);
    expect(taps[0]!.cancelable).to.equal(true);
    expect(viewerOf(view.messages)).to.equal(null);
    view.root.removeEventListener('tapMessage', cancel);
  });

  it('a file downloads through an <a download> (http(s) or same-origin paths only); preventDefault skips it', async () => {
    const view = await chatWith([
      {
        objectName: 'RC:FileMsg',
        content: { name: 'report.pdf', size: 1536, type: 'pdf', fileUrl: 'https://files.example.com/report.pdf' },
      },
      {
        objectName: 'RC:FileMsg',
        content: { name: '../notes.txt', size: 10, type: 'txt', fileUrl: '/media/f/notes.txt' },
      },
    ]);
    const [good, local] = [...shadow(view.messages).querySelectorAll<HTMLButtonElement>('.message button.file')];
    const caught = catchLinks();
    try {
      good!.click();
      await waitFor(() => caught.links.length === 1, 1000, 'download link');
      const link = caught.links[0]!;
      expect(link.href).to.equal('https://files.example.com/report.pdf');
      expect(link.download).to.equal('report.pdf');
      expect(link.rel).to.equal('noopener noreferrer');
      expect(link.isConnected, 'the temporary link is gone').to.equal(false);

      // A same-origin path; the name cannot climb out of the download folder.
      local!.click();
      await waitFor(() => caught.links.length === 2, 1000, 'second download link');
      expect(caught.links[1]!.href).to.equal(new URL('/media/f/notes.txt', location.href).href);
      expect(caught.links[1]!.download).to.equal('.._notes.txt');
      // The server refuses other schemes; the kit checks again, as a message may come from anywhere.
      const hostile = {
        messageType: 'RC:FileMsg',
        content: { name: 'x', fileUrl: 'javascript:alert(1)' },
      } as unknown as KitMessage;
      expect(fileDownloadUrl(hostile)).to.equal('');
      expect(fileDownloadUrl({ ...hostile, content: { fileUrl: 'data:text/html,<b>x</b>' } } as KitMessage)).to.equal(
        '',
      );
      expect(fileDownloadUrl({ ...hostile, content: { fileUrl: '//evil.example/x' } } as KitMessage)).to.equal('');

      const cancel = (event: Event) => event.preventDefault();
      view.root.addEventListener('tapMessage', cancel);
      good!.click();
      await settle();
      expect(caught.links).to.have.length(2);
      view.root.removeEventListener('tapMessage', cancel);
    } finally {
      caught.stop();
    }
  });
});
