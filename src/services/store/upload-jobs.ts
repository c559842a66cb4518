/**
 * The upload jobs behind the uploads slice (uploads.ts): checking a file, its first message, the
 * upload with progress, cancel and retry. Not in the initial load: uploads.ts imports this module on
 * the first file sent or restored, and hands it the store's helpers (`useHelpers`), since importing
 * the store's modules from here would split them out of the initial chunk into a shared one.
 *
 * Jobs are kept by the message's client id, so the message list can cancel or retry an upload
 * from the message alone (`cancelUpload`, `retryUpload`); a cancelled upload's message is removed.
 */
import { MessageType, UPLOAD_IMAGE_TYPES, UPLOAD_MAX_BYTES_DEFAULT } from '../../protocol/constants.js';
import type { IAsyncRes, IConversationOption, IReceivedMessage, ISendableMessage } from '../client/types.js';
import type { newMessageId } from './messages.js';
import type { conversationKey, ConversationKey, KitMessage } from './types.js';
import type { SendFileResult, UploadHost, UploadKind, UploadLimits, UploadRefusal } from './uploads.js';

/** What this module uses of the store's own modules, given by uploads.ts before anything else. */
export interface UploadHelpers {
  conversationKey: typeof conversationKey;
  newMessageId: typeof newMessageId;
}

let h: UploadHelpers;

export function useHelpers(helpers: UploadHelpers): void {
  h = helpers;
}

interface UploadJob {
  readonly host: UploadHost;
  readonly key: ConversationKey;
  readonly conversation: IConversationOption;
  readonly file: File;
  readonly kind: UploadKind;
  readonly message: ISendableMessage;
  controller: AbortController;
}

const jobs = new Map<string, UploadJob>();

/** Checks a file against the limits; resolves the refusal, or null when it may be sent. */
export function checkFile(file: File, limits: UploadLimits = {}): UploadRefusal | null {
  const type = (file.type || '').toLowerCase();
  if (limits.refusedTypes?.some((t) => t.toLowerCase() === type)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > (limits.maxBytes ?? UPLOAD_MAX_BYTES_DEFAULT)) return 'tooLarge';
  return null;
}

function extension(name: string): string {
  return name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
}

async function firstMessage(file: File, kind: UploadKind): Promise<ISendableMessage> {
  if (kind === 'gif') {
    const { width, height } = await (await import('./thumbnail.js')).imageSize(file);
    return { messageType: MessageType.GIF, content: { gifDataSize: file.size, remoteUrl: '', width, height } };
  }
  if (kind === 'image')
    return {
      messageType: MessageType.IMAGE,
      content: { content: await (await import('./thumbnail.js')).makeThumbnail(file), imageUri: '' },
    };
  return {
    messageType: MessageType.FILE,
    content: { name: file.name || 'file', size: file.size, type: extension(file.name), fileUrl: '' },
  };
}

async function run(messageId: string, job: UploadJob): Promise<IAsyncRes<IReceivedMessage>> {
  const { host, key, file } = job;
  const { outbox, pending } = host;
  // Its place in the conversation's queue is taken now: what is typed after it waits for it.
  if (!outbox.has(messageId)) void outbox.enqueue(key, messageId, {}, false);
  const upload = host.port.client.upload;
  if (!upload) {
    failUpload(job, messageId);
    return { code: -1, msg: 'the client cannot upload' };
  }
  if (!outbox.connected) {
    // Offline: the upload waits for the connection, as a text would.
    pending.patchPending(key, messageId, { sendState: 'waiting' });
    await outbox.whenConnected();
    if (jobs.get(messageId) !== job || job.controller.signal.aborted) return { code: -1, msg: 'cancelled' };
    pending.patchPending(key, messageId, { sendState: 'sending' });
  }
  let shown = 0;
  const uploaded = await upload.call(host.port.client, file, {
    kind: job.kind === 'file' ? 'file' : 'image',
    name: file.name || 'file',
    signal: job.controller.signal,
    onProgress: (loaded, total) => {
      // Keep 100 for "stored": the request is done only when the server answered.
      const percent = Math.min(99, Math.floor((loaded / Math.max(1, total)) * 100));
      if (percent === shown) return;
      shown = percent;
      pending.patchPending(key, messageId, { progress: percent });
    },
  });
  if (job.controller.signal.aborted) {
    jobs.delete(messageId);
    pending.removePending(key, messageId);
    outbox.drop(messageId);
    outbox.persistence.forget(messageId);
    return { code: uploaded.code || -1, msg: 'cancelled' };
  }
  if (uploaded.code !== 0 || !uploaded.data) {
    failUpload(job, messageId, uploaded.code);
    return { code: uploaded.code, msg: uploaded.msg ?? 'upload failed' };
  }
  jobs.delete(messageId);
  const url = uploaded.data.url;
  const content = { ...job.message.content } as Record<string, unknown>;
  if (job.kind === 'image') content.imageUri = url;
  else if (job.kind === 'gif') content.remoteUrl = url;
  else Object.assign(content, { fileUrl: url, size: uploaded.data.size || file.size });
  return pending.sendPending(key, messageId, { messageType: job.message.messageType, content });
}

/** Marks a message whose upload failed (kept with its file for Retry) and lets its conversation's queue go on. */
function failUpload(job: UploadJob, messageId: string, code?: number): void {
  job.host.pending.patchPending(job.key, messageId, { sendState: 'failed', ...(code ? { failCode: code } : {}) });
  const outbox = job.host.outbox;
  outbox.drop(messageId);
  outbox.persistence.save(job.key, messageId, {});
}

/** The file and kind of a message whose upload has not finished (for the unsent-message storage). */
export function uploadOf(messageId: string): { file: File; kind: UploadKind } | undefined {
  const job = jobs.get(messageId);
  return job ? { file: job.file, kind: job.kind } : undefined;
}

/** True while the message with this client id has an upload that is running or failed. */
export function hasUpload(messageId: string): boolean {
  return jobs.has(messageId);
}

/** Cancels the upload of a message; its optimistic message is removed. */
export function cancelUpload(messageId: string): void {
  const job = jobs.get(messageId);
  if (!job) return;
  job.controller.abort();
  jobs.delete(messageId);
  job.host.pending.removePending(job.key, messageId);
  job.host.outbox.drop(messageId);
  job.host.outbox.persistence.forget(messageId);
}

/** Forgets the upload of a message the user deleted (aborting it if it runs). */
export function forgetUpload(messageId: string): void {
  jobs.get(messageId)?.controller.abort();
  jobs.delete(messageId);
}

/** Uploads a failed file again and sends it; resolves with the message as it ends up. */
export async function retryUpload(messageId: string): Promise<KitMessage | undefined> {
  const job = jobs.get(messageId);
  if (!job) return undefined;
  job.controller = new AbortController();
  job.host.pending.patchPending(job.key, messageId, { sendState: 'sending', progress: 0 });
  await run(messageId, job);
  return job.host.port.get().messages[job.key]?.list.find((m) => m.messageId === messageId);
}

/** The preparation (thumbnail, size) of each store's last file: files show and queue in the order sent. */
const preparing = new WeakMap<UploadHost, Promise<unknown>>();

/** `store.sendFile` once this module is loaded (see `UploadActions.sendFile`). */
export async function sendFile(
  host: UploadHost,
  conversation: IConversationOption,
  file: File,
  limits: UploadLimits,
): Promise<SendFileResult> {
  const refused = checkFile(file, limits);
  if (refused) return { refused };
  const type = (file.type || '').toLowerCase();
  const kind = type === 'image/gif' ? 'gif' : UPLOAD_IMAGE_TYPES.includes(type) ? 'image' : 'file';
  const messageId = h.newMessageId();
  const prepared = (preparing.get(host) ?? Promise.resolve()).then(() => firstMessage(file, kind));
  preparing.set(
    host,
    prepared.catch(() => undefined),
  );
  const message = await prepared;
  const job: UploadJob = {
    host,
    key: h.conversationKey(conversation),
    conversation,
    file,
    kind,
    message,
    controller: new AbortController(),
  };
  jobs.set(messageId, job);
  host.pending.addPending(conversation, message, messageId, { progress: 0 });
  return { messageId, result: await run(messageId, job) };
}

/** Makes a restored unsent file message (after a reload) retryable: Retry uploads the kept file again. */
export function restoreUpload(
  host: UploadHost,
  key: ConversationKey,
  message: KitMessage,
  file: File,
  kind: UploadKind,
): void {
  const conversation = { conversationType: message.conversationType, targetId: message.targetId };
  jobs.set(message.messageId, {
    host,
    key,
    conversation,
    file,
    kind,
    message: { messageType: message.messageType, content: message.content },
    controller: new AbortController(),
  });
}

/** The store of `host` is going away: its running uploads stop and its failed ones are forgotten. */
export function forgetUploads(host: UploadHost): void {
  for (const [messageId, job] of jobs) {
    if (job.host !== host) continue;
    jobs.delete(messageId);
    job.controller.abort();
  }
}
