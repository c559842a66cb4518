import { expect } from '@open-wc/testing';
import { ConversationType, MessageType } from '../../protocol/enums.js';
import type { IReceivedMessage } from '../../services/client/types.js';
import { THUMBNAIL_MAX_CHARS, THUMBNAIL_MAX_SIDE } from '../../services/store/thumbnail.js';
import {
  connectUser,
  describeViolations,
  disconnectAll,
  messageRows,
  mountChat,
  seriousViolations,
  shadow,
  uniqueId,
  waitFor,
  type ChatView,
  type TestUser,
} from '../shared/test-utils.js';

const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });

/** A noisy PNG (so its thumbnail needs a lower quality to fit). */
async function noisyPng(width: number, height: number, name = 'photo.png'): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d')!;
  const data = g.createImageData(width, height);
  for (let i = 0; i < data.data.length; i++) data.data[i] = i % 4 === 3 ? 255 : Math.floor(Math.random() * 256);
  g.putImageData(data, 0, 0);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

/** A 1×1 GIF. */
function tinyGif(): File {
  const bytes = Uint8Array.from(atob('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=='), (c) =>
    c.charCodeAt(0),
  );
  return new File([bytes], 'dot.gif', { type: 'image/gif' });
}

function filesOf(...files: File[]): DataTransfer {
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  return dt;
}

async function historyOf(peer: TestUser, me: TestUser, type: string): Promise<IReceivedMessage> {
  return waitForAsync(async () => {
    const res = await peer.client.getHistoryMessages(privateWith(me.userId), { count: 20 });
    return res.data?.list.find((m) => m.messageType === type);
  });
}

async function waitForAsync<T>(check: () => Promise<T | undefined>, timeout = 5000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() - start > timeout) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function open(): Promise<{ me: TestUser; peer: TestUser; view: ChatView }> {
  const [me, peer] = await Promise.all([connectUser(uniqueId('me')), connectUser(uniqueId('peer'))]);
  const view = await mountChat(me);
  await me.kit.selectConversation(privateWith(peer.userId));
  await view.editor.updateComplete;
  return { me, peer, view };
}

const ownStates = (view: ChatView) => messageRows(view.messages).map((r) => r.dataset.sendState);

describe('<message-editor> images and files', () => {
  afterEach(disconnectAll);

  it('picks an image with the named button: shows it at once, uploads it and sends RC:ImgMsg with a small thumbnail', async () => {
    const { me, peer, view } = await open();
    const button = shadow(view.editor).querySelector<HTMLButtonElement>('.attach')!;
    expect(button.getAttribute('aria-label')).to.equal('发送图片或文件');
    const input = shadow(view.editor).querySelector<HTMLInputElement>('input[type=file]')!;
    input.files = filesOf(await noisyPng(1200, 800)).files;
    input.dispatchEvent(new Event('change'));

    await waitFor(() => shadow(view.messages).querySelector('.message img.thumbnail'), 5000, 'thumbnail shown');
    await waitFor(() => ownStates(view).every((s) => s === 'sent') && ownStates(view).length === 1, 8000, 'sent');
    const received = await historyOf(peer, me, MessageType.IMAGE);
    const content = received.content as { content: string; imageUri: string };
    expect(content.imageUri).to.match(/^http:\/\/.+\/media\/[0-9A-Z]{24}$/);
    expect(content.content.startsWith('data:')).to.equal(false);
    expect(content.content.length).to.be.within(1, THUMBNAIL_MAX_CHARS);
    const img = new Image();
    img.src = `data:image/jpeg;base64,${content.content}`;
    await img.decode();
    expect(Math.max(img.naturalWidth, img.naturalHeight)).to.be.at.most(THUMBNAIL_MAX_SIDE);
    expect(img.naturalWidth / img.naturalHeight).to.be.closeTo(1.5, 0.05);
    // The full file is stored as uploaded.
    const full = await fetch(content.imageUri);
    expect(full.headers.get('content-type')).to.equal('image/png');
  });

  it('sends GIFs as RC:GIFMsg and other files as RC:FileMsg (drop and paste)', async () => {
    const { me, peer, view } = await open();
    const editorBox = shadow(view.editor).querySelector<HTMLElement>('.editor')!;
    editorBox.dispatchEvent(
      new DragEvent('dragover', { dataTransfer: filesOf(tinyGif()), bubbles: true, cancelable: true }),
    );
    await view.editor.updateComplete;
    expect(editorBox.classList.contains('dragging')).to.equal(true);
    editorBox.dispatchEvent(
      new DragEvent('drop', { dataTransfer: filesOf(tinyGif()), bubbles: true, cancelable: true }),
    );
    const gif = await historyOf(peer, me, MessageType.GIF);
    expect(gif.content).to.include({ width: 1, height: 1, gifDataSize: 43 });
    expect((gif.content as { remoteUrl: string }).remoteUrl).to.match(/\/media\//);
    await view.editor.updateComplete;
    expect(editorBox.classList.contains('dragging')).to.equal(false);

    const textarea = shadow(view.editor).querySelector('textarea')!;
    const doc = new File(['hello, file'], 'notes.txt', { type: 'text/plain' });
    textarea.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: filesOf(doc), bubbles: true, cancelable: true }),
    );
    const file = await historyOf(peer, me, MessageType.FILE);
    expect(file.content).to.include({ name: 'notes.txt', size: 11, type: 'txt' });
    const stored = await fetch((file.content as { fileUrl: string }).fileUrl);
    expect(await stored.text()).to.equal('hello, file');
  });

  it('shows an uploading message with progress in percent and a named cancel button (from store state)', async () => {
    const { me, peer, view } = await open();
    me.kit.store.addPending(
      privateWith(peer.userId),
      { messageType: MessageType.FILE, content: { name: 'a.pdf', size: 10, type: 'pdf', fileUrl: '' } },
      'pk-progress',
      { progress: 42 },
    );
    await view.messages.updateComplete;
    const row = messageRows(view.messages)[0]!;
    expect(row.querySelector<HTMLProgressElement>('progress')!.value).to.equal(42);
    expect(row.querySelector('progress')!.getAttribute('aria-label')).to.equal('正在上传 42%');
    expect(row.querySelector('.upload-percent')!.textContent).to.equal('42%');
    expect(row.querySelector('.cancel-upload')!.getAttribute('aria-label')).to.equal('取消上传');
    const violations = await seriousViolations(view.messages);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
  });

  it('cancel during an upload aborts it, removes the message and sends nothing', async () => {
    const { me, peer, view } = await open();
    const big = new File([new Uint8Array(19 * 1024 * 1024)], 'big.bin', { type: 'application/octet-stream' });
    const sending = view.editor.sendFiles([big]);
    // Find and click in one go: the upload runs on loopback and must not finish in between.
    await waitFor(
      () => {
        const cancel = shadow(view.messages).querySelector<HTMLButtonElement>('.message .cancel-upload');
        cancel?.click();
        return cancel;
      },
      3000,
      'cancel button',
    );
    await sending;
    await waitFor(() => messageRows(view.messages).length === 0, 3000, 'removed');
    await new Promise((r) => setTimeout(r, 300));
    const res = await peer.client.getHistoryMessages(privateWith(me.userId), { count: 20 });
    expect(res.data?.list ?? []).to.deep.equal([]);
  });

  it('marks an upload the server refuses as failed with a retry button', async () => {
    const { view } = await open();
    view.editor.maxUploadBytes = 40 * 1024 * 1024;
    const tooBig = new File([new Uint8Array(21 * 1024 * 1024)], 'huge.bin', { type: 'application/octet-stream' });
    await view.editor.sendFiles([tooBig]);
    const row = await waitFor(
      () => messageRows(view.messages).find((r) => r.dataset.sendState === 'failed'),
      8000,
      'failed row',
    );
    const retry = row.querySelector<HTMLButtonElement>('.retry')!;
    expect(retry.textContent!.trim()).to.equal('重发');
    // The server may refuse the second upload within a frame, so every state the row takes is recorded.
    const states: string[] = [];
    const observer = new MutationObserver(() => states.push(messageRows(view.messages)[0]?.dataset.sendState ?? ''));
    observer.observe(shadow(view.messages), {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-send-state'],
    });
    retry.click();
    await waitFor(
      () => states.includes('sending') && messageRows(view.messages)[0]?.dataset.sendState === 'failed',
      8000,
      'retried and failed again',
    );
    observer.disconnect();
  });

  it('refuses a file over the limit before uploading, with a clear message', async () => {
    const { view } = await open();
    view.editor.maxUploadBytes = 1000;
    await view.editor.updateComplete;
    await view.editor.sendFiles([new File([new Uint8Array(2000)], 'big.txt', { type: 'text/plain' })]);
    await view.editor.updateComplete;
    const alert = shadow(view.editor).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.equal('“big.txt”超过 1000 B，未发送');
    expect(messageRows(view.messages)).to.deep.equal([]);
    await view.editor.sendFiles([new File([], 'empty.txt', { type: 'text/plain' })]);
    await view.editor.updateComplete;
    expect(shadow(view.editor).querySelector('[role="alert"]')!.textContent).to.equal('“empty.txt”是空文件，未发送');
    view.editor.refusedTypes = ['application/x-msdownload'];
    await view.editor.sendFiles([new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' })]);
    await view.editor.updateComplete;
    expect(shadow(view.editor).querySelector('[role="alert"]')!.textContent).to.equal(
      '不能发送 application/x-msdownload 类型的文件',
    );
    expect(messageRows(view.messages)).to.deep.equal([]);
    const violations = await seriousViolations(view.editor);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
  });
});
