/**
 * The seeds' upload-and-send sugar (~4163–4380): `sendFileMessage`, `sendImageMessage`,
 * `sendHQVoiceMessage`, `sendSightMessage` upload `msgBody.file`, build the message from the
 * stored URL (or use the message `hooks.onComplete` returns), and send it.
 */
import { ErrorCode } from '../../protocol/constants.js';
import type { ClientInternals } from './internals.js';
import type { BaseMessage } from './messages.js';
import type { messageOps } from './message-ops.js';
import type * as types from './message-types.js';
import type { IAsyncRes, IConversationOption, IReceivedMessage, ISendMessageOptions } from './types.js';
import { uploadFile, type IUploadFileInfo, type UploadKind } from './upload.js';

/** Upload hooks (seeds' IUploadHooks) plus Parley's `signal` to cancel. */
export interface IUploadHooks {
  onProgress?: (loaded: number, total: number) => void;
  /** Return a message to send it instead of the default one. */
  onComplete?: (fileInfo: IUploadFileInfo) => BaseMessage<object> | void;
  signal?: AbortSignal;
}

/** Common `msgBody` fields. */
export interface ISendMediaMessageBody {
  file: Blob;
  user?: { id?: string; name?: string; portraitUri?: string; extra?: string };
  extra?: string;
}
/** HQ voice: duration in seconds (≤ 60). */
export interface ISendHQVoiceMessageBody extends ISendMediaMessageBody {
  duration?: number;
}
/** Sight: duration in seconds and a base64 first-frame thumbnail. */
export interface ISendSightMessageBody extends ISendMediaMessageBody {
  duration?: number;
  thumbnail?: string;
}
/** Image: a base64 thumbnail; generated in browsers when absent. */
export interface ISendImageMessageBody extends ISendMediaMessageBody {
  thumbnail?: string;
}

/** Send options; `signal` (Parley) cancels the upload too. */
export type IUploadMessageOption = ISendMessageOptions & {
  signal?: AbortSignal;
  contentDisposition?: 'inline' | 'attachment';
};

type Build = (info: IUploadFileInfo) => Promise<BaseMessage<object>>;

/**
 * The session these calls run in, and how they send: handed in by media-ops.ts, so this lazily loaded
 * module needs no static import of the eager ones (which would split them into an extra chunk).
 */
export interface MediaSession {
  ctx: ClientInternals;
  send: typeof messageOps.sendMessage;
  /** The message classes built here (message-types.ts). */
  types: Pick<typeof types, 'FileMessage' | 'HQVoiceMessage' | 'ImageMessage' | 'SightMessage'>;
}

async function uploadAndSend(
  { ctx, send }: MediaSession,
  conversation: IConversationOption,
  body: ISendMediaMessageBody,
  kind: UploadKind,
  build: Build,
  hooks: IUploadHooks = {},
  options: IUploadMessageOption = {},
): Promise<IAsyncRes<IReceivedMessage>> {
  const navi = ctx.navi();
  if (!navi || !ctx.token()) return { code: ErrorCode.RC_NET_UNAVAILABLE, msg: 'connect first' };
  if (!body || !(body.file instanceof Blob))
    return { code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER, msg: 'msgBody.file must be a Blob or File' };
  const signal = hooks.signal ?? options.signal;
  const uploaded = await uploadFile(body.file, {
    navi,
    token: ctx.token(),
    kind,
    onProgress: hooks.onProgress,
    signal,
  });
  if (uploaded.code !== ErrorCode.SUCCESS || !uploaded.data)
    return { code: uploaded.code, ...(uploaded.msg ? { msg: uploaded.msg } : {}) };
  let message: BaseMessage<object> | void = undefined;
  try {
    message = hooks.onComplete?.(uploaded.data);
  } catch (error) {
    console.error('[parley] onComplete threw', error);
  }
  const built = message ?? (await build(uploaded.data));
  const common = {
    ...(body.user ? { user: body.user } : {}),
    ...(body.extra !== undefined ? { extra: body.extra } : {}),
  };
  const { signal: _s, contentDisposition: _c, ...sendOptions } = options;
  return send(ctx, conversation, { ...built, content: { ...common, ...built.content } }, sendOptions);
}

/** Uploads any file and sends `RC:FileMsg`. */
export function sendFileMessage(
  session: MediaSession,
  conversation: IConversationOption,
  msgBody: ISendMediaMessageBody,
  hooks?: IUploadHooks,
  options?: IUploadMessageOption,
) {
  const ext = (name: string) => (name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '');
  return uploadAndSend(
    session,
    conversation,
    msgBody,
    'file',
    async (i) => new session.types.FileMessage({ name: i.name, size: i.size, type: ext(i.name), fileUrl: i.url }),
    hooks,
    options,
  );
}

/** Uploads an image (png, jpeg, gif, webp) and sends `RC:ImgMsg` with a thumbnail. */
export function sendImageMessage(
  session: MediaSession,
  conversation: IConversationOption,
  msgBody: ISendImageMessageBody,
  hooks?: IUploadHooks,
  options?: IUploadMessageOption,
) {
  return uploadAndSend(
    session,
    conversation,
    msgBody,
    'image',
    async (i) =>
      new session.types.ImageMessage({
        content: msgBody.thumbnail ?? (await thumbnail(msgBody.file)),
        imageUri: i.url,
      }),
    hooks,
    options,
  );
}

/** Uploads audio and sends `RC:HQVCMsg`. */
export function sendHQVoiceMessage(
  session: MediaSession,
  conversation: IConversationOption,
  msgBody: ISendHQVoiceMessageBody,
  hooks?: IUploadHooks,
  options?: IUploadMessageOption,
) {
  return uploadAndSend(
    session,
    conversation,
    msgBody,
    'audio',
    async (i) =>
      new session.types.HQVoiceMessage({
        remoteUrl: i.url,
        duration: Math.min(60, Math.max(0, msgBody.duration ?? 0)),
        type: 'aac',
      }),
    hooks,
    options,
  );
}

/** Uploads a video and sends `RC:SightMsg`. */
export function sendSightMessage(
  session: MediaSession,
  conversation: IConversationOption,
  msgBody: ISendSightMessageBody,
  hooks?: IUploadHooks,
  options?: IUploadMessageOption,
) {
  return uploadAndSend(
    session,
    conversation,
    msgBody,
    'video',
    async (i) =>
      new session.types.SightMessage({
        sightUrl: i.url,
        content: msgBody.thumbnail ?? '',
        duration: msgBody.duration ?? 0,
        size: i.size,
        name: i.name,
      }),
    hooks,
    options,
  );
}

/** A ≤ 240 px JPEG thumbnail as bare base64 where the platform can draw; '' elsewhere (Node). */
async function thumbnail(file: Blob): Promise<string> {
  const g = globalThis as {
    createImageBitmap?: (b: Blob) => Promise<ImageBitmap>;
    OffscreenCanvas?: typeof OffscreenCanvas;
  };
  if (!g.createImageBitmap || !g.OffscreenCanvas) return '';
  try {
    const bitmap = await g.createImageBitmap(file);
    const scale = Math.min(1, 240 / Math.max(bitmap.width, bitmap.height));
    const canvas = new g.OffscreenCanvas(
      Math.max(1, Math.round(bitmap.width * scale)),
      Math.max(1, Math.round(bitmap.height * scale)),
    );
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.6 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary);
  } catch {
    return '';
  }
}
