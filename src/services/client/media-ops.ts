/**
 * Uploads and the upload-and-send calls (seeds ~4163–4380). Their code (upload.ts, send-media.ts)
 * loads on first use, so a page that only chats never fetches it; the operations here only load it.
 */
import { onDefaultClient, type OpTable } from './bind.js';
import type { ClientInternals } from './internals.js';
import { messageOps } from './message-ops.js';
import { FileMessage, HQVoiceMessage, ImageMessage, SightMessage } from './message-types.js';
import type * as media from './send-media.js';
import type { IAsyncRes, IConversationOption, IReceivedMessage } from './types.js';
import type { IUploadFileInfo, UploadKind } from './upload.js';

const loadMedia = () => import('./send-media.js');
const session = (ctx: ClientInternals): media.MediaSession => ({
  ctx,
  send: messageOps.sendMessage,
  types: { FileMessage, HQVoiceMessage, ImageMessage, SightMessage },
});

/** `upload` options: the kind decides the server's type and size checks (default 'file'). */
export interface IClientUploadOptions {
  kind?: UploadKind;
  name?: string;
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

type Sent = Promise<IAsyncRes<IReceivedMessage>>;

/**
 * The operations of this feature, each taking the client's internals first: `ParleyClient`'s methods and
 * the module-level functions are bound from this table (bind.ts). Kept public (not marked internal): the published
 * `ParleyClient` type refers to it for its methods' signatures and TSDoc.
 */
export const mediaOps = {
  /** Uploads to the server this client is connected to (see upload.ts); resolves the stored file's URL and size. */
  upload: (ctx: ClientInternals, file: Blob, options: IClientUploadOptions = {}): Promise<IAsyncRes<IUploadFileInfo>> =>
    import('./upload.js').then(({ uploadFile }) =>
      uploadFile(file, { ...options, kind: options.kind ?? 'file', navi: ctx.navi() ?? '', token: ctx.token() }),
    ),
  /** Uploads any file and sends `RC:FileMsg`. */
  sendFileMessage: (
    ctx: ClientInternals,
    conversation: IConversationOption,
    msgBody: media.ISendMediaMessageBody,
    hooks?: media.IUploadHooks,
    options?: media.IUploadMessageOption,
  ): Sent => loadMedia().then((m) => m.sendFileMessage(session(ctx), conversation, msgBody, hooks, options)),
  /** Uploads an image (png, jpeg, gif, webp) and sends `RC:ImgMsg` with a thumbnail. */
  sendImageMessage: (
    ctx: ClientInternals,
    conversation: IConversationOption,
    msgBody: media.ISendImageMessageBody,
    hooks?: media.IUploadHooks,
    options?: media.IUploadMessageOption,
  ): Sent => loadMedia().then((m) => m.sendImageMessage(session(ctx), conversation, msgBody, hooks, options)),
  /** Uploads audio and sends `RC:HQVCMsg` (duration ≤ 60 s). */
  sendHQVoiceMessage: (
    ctx: ClientInternals,
    conversation: IConversationOption,
    msgBody: media.ISendHQVoiceMessageBody,
    hooks?: media.IUploadHooks,
    options?: media.IUploadMessageOption,
  ): Sent => loadMedia().then((m) => m.sendHQVoiceMessage(session(ctx), conversation, msgBody, hooks, options)),
  /** Uploads a video and sends `RC:SightMsg`. */
  sendSightMessage: (
    ctx: ClientInternals,
    conversation: IConversationOption,
    msgBody: media.ISendSightMessageBody,
    hooks?: media.IUploadHooks,
    options?: media.IUploadMessageOption,
  ): Sent => loadMedia().then((m) => m.sendSightMessage(session(ctx), conversation, msgBody, hooks, options)),
} satisfies OpTable;

// The module-level functions (the seeds' `RongIMLib.sendImageMessage(...)` style): the same operations on the default
// client, each documented on the `ParleyClient` method of its name. One statement each, so a bundle
// drops the ones an app does not import.
/** `ParleyClient.upload`, on the default client. */
export const upload = /* @__PURE__ */ onDefaultClient(mediaOps, 'upload');
/** `ParleyClient.sendFileMessage`, on the default client. */
export const sendFileMessage = /* @__PURE__ */ onDefaultClient(mediaOps, 'sendFileMessage');
/** `ParleyClient.sendImageMessage`, on the default client. */
export const sendImageMessage = /* @__PURE__ */ onDefaultClient(mediaOps, 'sendImageMessage');
/** `ParleyClient.sendHQVoiceMessage`, on the default client. */
export const sendHQVoiceMessage = /* @__PURE__ */ onDefaultClient(mediaOps, 'sendHQVoiceMessage');
/** `ParleyClient.sendSightMessage`, on the default client. */
export const sendSightMessage = /* @__PURE__ */ onDefaultClient(mediaOps, 'sendSightMessage');
