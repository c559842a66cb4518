/**
 * Sending images and files from the kit: checks a file against the server's limits, shows an
 * optimistic message at once (with a thumbnail for images and `progress` in percent), uploads with
 * progress and cancel, then sends `RC:ImgMsg`, `RC:GIFMsg` or `RC:FileMsg` with the stored URL.
 *
 * Jobs are kept by the message's client id, so the message list can cancel or retry an upload
 * from the message alone (`cancelUpload`, `retryUpload`); a cancelled upload's message is removed.
 */
import { MessageType } from '../../protocol/enums.js';
import { UPLOAD_IMAGE_TYPES, UPLOAD_MAX_BYTES_DEFAULT } from '../../protocol/messaging-limits.js';
import type { IAsyncRes, IConversationOption, IReceivedMessage, ISendableMessage } from '../client/types.js';
import { newMessageId } from './messages.js';
import { outboxOf } from './outbox.js';
import type { KitStore } from './store.js';
import { conversationKey, type ConversationKey, type KitMessage } from './types.js';

/** Why a file was not sent. */
export type UploadRefusal = 'tooLarge' | 'empty' | 'type';

/** Limits a file is checked against before it is uploaded. */
export interface UploadLimits {
  /** Largest file in bytes (default: the server's default, 20 MB). */
  maxBytes?: number;
  /** MIME types never sent (checked before anything else; default none). */
  refusedTypes?: readonly string[];
}

/** What `sendFile` did: `refused` says why nothing was sent. */
export type SendFileResult =
  | { readonly refused: UploadRefusal; readonly messageId?: undefined }
  | { readonly refused?: undefined; readonly messageId: string; readonly result: IAsyncRes<IReceivedMessage> };

interface UploadJob {
  readonly store: KitStore;
  readonly key: ConversationKey;
  readonly conversation: IConversationOption;
  readonly file: File;
  readonly kind: 'image' | 'gif' | 'file';
  readonly message: ISendableMessage;
  controller: AbortController;
}

const jobs = new Map<string, UploadJob>();
/** Per store, the preparation (thumbnail, size) of the last file: files show and queue in the order sent. */
const preparing = new WeakMap<KitStore, Promise<unknown>>();

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

async function firstMessage(file: File, kind: UploadJob['kind']): Promise<ISendableMessage> {
  if (kind === 'gif') {
    const { width, height } = await (await import('./thumbnail.js')).imageSize(file);
    return { messageType: MessageType.GIF, content: { gifDataSize: file.size, remoteUrl: '', width, height } };
  }
  if (kind === 'image') return { messageType: MessageType.IMAGE, content: { content: await (await import('./thumbnail.js')).makeThumbnail(file), imageUri: '' } };
  return { messageType: MessageType.FILE, content: { name: file.name || 'file', size: file.size, type: extension(file.name), fileUrl: '' } };
}

/**
 * Sends one file to a conversation: images of an allowed type as `RC:ImgMsg` (GIF: `RC:GIFMsg`),
 * everything else as `RC:FileMsg`. Resolves once the message is sent, failed or cancelled, or at
 * once with `refused` when the file breaks a limit.
 */
export async function sendFile(
  store: KitStore,
  conversation: IConversationOption,
  file: File,
  limits: UploadLimits = {},
): Promise<SendFileResult> {
  const refused = checkFile(file, limits);
  if (refused) return { refused };
  const type = (file.type || '').toLowerCase();
  const kind = type === 'image/gif' ? 'gif' : UPLOAD_IMAGE_TYPES.includes(type) ? 'image' : 'file';
  const messageId = newMessageId();
  const prepared = (preparing.get(store) ?? Promise.resolve()).then(() => firstMessage(file, kind));
  preparing.set(store, prepared.catch(() => undefined));
  const message = await prepared;
  const job: UploadJob = { store, key: conversationKey(conversation), conversation, file, kind, message, controller: new AbortController() };
  jobs.set(messageId, job);
  store.addPending(conversation, message, messageId, { progress: 0 });
  return { messageId, result: await run(messageId, job) };
}

async function run(messageId: string, job: UploadJob): Promise<IAsyncRes<IReceivedMessage>> {
  const { store, key, file } = job;
  const outbox = outboxOf(store);
  // Its place in the conversation's queue is taken now: what is typed after it waits for it.
  if (!outbox.has(messageId)) void outbox.enqueue(key, messageId, {}, false);
  const upload = store.client.upload;
  if (!upload) {
    failUpload(job, messageId);
    return { code: -1, msg: 'the client cannot upload' };
  }
  if (!outbox.connected) {
    // Offline: the upload waits for the connection, as a text would.
    store.patchPending(key, messageId, { sendState: 'waiting' });
    await outbox.whenConnected();
    if (jobs.get(messageId) !== job || job.controller.signal.aborted) return { code: -1, msg: 'cancelled' };
    store.patchPending(key, messageId, { sendState: 'sending' });
  }
  let shown = 0;
  const uploaded = await upload.call(store.client, file, {
    kind: job.kind === 'file' ? 'file' : 'image',
    name: file.name || 'file',
    signal: job.controller.signal,
    onProgress: (loaded, total) => {
      // Keep 100 for "stored": the request is done only when the server answered.
      const percent = Math.min(99, Math.floor((loaded / Math.max(1, total)) * 100));
      if (percent === shown) return;
      shown = percent;
      store.patchPending(key, messageId, { progress: percent });
    },
  });
  if (job.controller.signal.aborted) {
    jobs.delete(messageId);
    store.removePending(key, messageId);
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
  return store.sendPending(key, messageId, { messageType: job.message.messageType, content });
}

/** Marks a message whose upload failed (kept with its file for Retry) and lets its conversation's queue go on. */
function failUpload(job: UploadJob, messageId: string, code?: number): void {
  job.store.patchPending(job.key, messageId, { sendState: 'failed', ...(code ? { failCode: code } : {}) });
  const outbox = outboxOf(job.store);
  outbox.drop(messageId);
  outbox.persistence.save(job.key, messageId, {});
}

/** The file and kind of a message whose upload has not finished (for the unsent-message storage). */
export function uploadOf(messageId: string): { file: File; kind: UploadJob['kind'] } | undefined {
  const job = jobs.get(messageId);
  return job ? { file: job.file, kind: job.kind } : undefined;
}

/** Makes a restored unsent file message (after a reload) retryable: Retry uploads the kept file again. */
export function restoreUpload(store: KitStore, key: ConversationKey, message: KitMessage, file: File, kind: UploadJob['kind']): void {
  jobs.set(message.messageId, {
    store,
    key,
    conversation: { conversationType: message.conversationType, targetId: message.targetId },
    file,
    kind,
    message: { messageType: message.messageType, content: message.content },
    controller: new AbortController(),
  });
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
  job.store.removePending(job.key, messageId);
  outboxOf(job.store).drop(messageId);
  outboxOf(job.store).persistence.forget(messageId);
}

/** Forgets the upload of a message the user deleted (aborting it if it runs). */
export function forgetUpload(messageId: string): void {
  jobs.get(messageId)?.controller.abort();
  jobs.delete(messageId);
}

/** Aborts the running uploads of a store and forgets its failed ones (the store is going away). */
export function forgetUploads(store: KitStore): void {
  for (const [messageId, job] of jobs) {
    if (job.store !== store) continue;
    jobs.delete(messageId);
    job.controller.abort();
  }
}

/** Uploads a failed file again and sends it; resolves with the message as it ends up. */
export async function retryUpload(messageId: string): Promise<KitMessage | undefined> {
  const job = jobs.get(messageId);
  if (!job) return undefined;
  job.controller = new AbortController();
  job.store.patchPending(job.key, messageId, { sendState: 'sending', progress: 0 });
  await run(messageId, job);
  return job.store.state.messages[job.key]?.list.find((m) => m.messageId === messageId);
}
