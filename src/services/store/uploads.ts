/**
 * Sending images and files from the kit: checks a file against the server's limits, shows an
 * optimistic message at once (with a thumbnail for images and `progress` in percent), uploads with
 * progress and cancel, then sends `RC:ImgMsg`, `RC:GIFMsg` or `RC:FileMsg` with the stored URL.
 *
 * The jobs themselves (upload-jobs.ts) load on the first file sent or restored, not with the first
 * screen. Until then no upload exists, so what the rest of the store asks about uploads (is there one
 * for this message? forget it) is answered here without loading them.
 */
import type { IAsyncRes, IConversationOption, IReceivedMessage } from '../client/types.js';
import { newMessageId } from './messages.js';
import type { Outbox } from './outbox.js';
import type { SendingActions } from './sending.js';
import { onStore, type Slice, type StorePort } from './slice.js';
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

/** How a file is sent: as an image, a GIF, or a file. */
export type UploadKind = 'image' | 'gif' | 'file';

/** What an upload reaches of its store: the client, the queue, and the pending-message actions. */
export interface UploadHost {
  readonly port: StorePort;
  readonly outbox: Outbox;
  readonly pending: Pick<SendingActions, 'addPending' | 'patchPending' | 'removePending' | 'sendPending'>;
}

type UploadJobs = typeof import('./upload-jobs.js');

let loaded: UploadJobs | null = null;
let loading: Promise<UploadJobs> | null = null;

/** A file message restored after a reload, kept here until the jobs' module takes it. */
interface Restored {
  host: UploadHost;
  key: ConversationKey;
  message: KitMessage;
  file: File;
  kind: UploadKind;
}

/** Files restored while the jobs' module loads (or failed to): what the store may ask about them meanwhile. */
const restoring = new Map<string, Restored>();

/** The upload jobs' module, imported (and given the store's helpers) the first time. */
function loadJobs(): Promise<UploadJobs> {
  loading ??= import('./upload-jobs.js').then((module) => {
    module.useHelpers({ conversationKey, newMessageId });
    for (const { host, key, message, file, kind } of restoring.values())
      module.restoreUpload(host, key, message, file, kind);
    restoring.clear();
    return (loaded = module);
  });
  loading.catch(() => (loading = null));
  return loading;
}

/** The file and kind of a message whose upload has not finished (for the unsent-message storage). */
export function uploadOf(messageId: string): { file: File; kind: UploadKind } | undefined {
  const kept = restoring.get(messageId);
  return kept ? { file: kept.file, kind: kept.kind } : loaded?.uploadOf(messageId);
}

/** True while the message with this client id has an upload that is running or failed. */
export function hasUpload(messageId: string): boolean {
  return restoring.has(messageId) || (loaded?.hasUpload(messageId) ?? false);
}

/** Cancels the upload of a message; its optimistic message is removed. */
export function cancelUpload(messageId: string): void {
  restoring.delete(messageId);
  loaded?.cancelUpload(messageId);
}

/** Forgets the upload of a message the user deleted (aborting it if it runs). */
export function forgetUpload(messageId: string): void {
  restoring.delete(messageId);
  loaded?.forgetUpload(messageId);
}

/** Uploads a failed file again and sends it; resolves with the message as it ends up. */
export async function retryUpload(messageId: string): Promise<KitMessage | undefined> {
  return (await loadJobs()).retryUpload(messageId);
}

/** The uploads slice: sending files, and forgetting a store's uploads when it goes away. */
export function createUploadsSlice(host: UploadHost) {
  return {
    actions: {
      /**
       * Sends one file to a conversation: images of an allowed type as `RC:ImgMsg` (GIF: `RC:GIFMsg`),
       * everything else as `RC:FileMsg`. Resolves once the message is sent, failed or cancelled, or at
       * once with `refused` when the file breaks a limit.
       */
      async sendFile(
        conversation: IConversationOption,
        file: File,
        limits: UploadLimits = {},
      ): Promise<SendFileResult> {
        return (await loadJobs()).sendFile(host, conversation, file, limits);
      },
    },
    internal: {
      /** Makes a restored unsent file message (after a reload) retryable: Retry uploads the kept file again. */
      restoreUpload(key: ConversationKey, message: KitMessage, file: File, kind: UploadKind): void {
        if (loaded) return loaded.restoreUpload(host, key, message, file, kind);
        restoring.set(message.messageId, { host, key, message, file, kind });
        // Offline or a failed chunk: the file stays kept here, and Retry loads the jobs again.
        loadJobs().catch(() => undefined);
      },
    },
    attach: () => () => {
      for (const [id, kept] of restoring) if (kept.host === host) restoring.delete(id);
      loaded?.forgetUploads(host);
    },
  } satisfies Slice;
}

/** The uploads slice's actions. */
export type UploadActions = ReturnType<typeof createUploadsSlice>['actions'];

/** `store.sendFile(conversation, file, limits?)` as a function of the store. */
export const sendFile = onStore<UploadActions, 'sendFile'>('sendFile');
