/**
 * The files of media uploads and their records: one place that adds, lists, counts and removes
 * them, so the uploader's delete, the admin Server API and the cleanup after a recall all remove
 * the record and the file together.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { WireMessage } from '../../src/protocol/frames.js';
import { MEDIA_PATH_PREFIX } from '../../src/protocol/messaging.js';
import type { AbuseStorage } from '../storage/abuse-storage.js';
import type { MediaRecord, MessagingStorage } from '../storage/messaging-storage.js';

/** Media ids as the upload hands them out. */
export const MEDIA_ID = /^[0-9A-Z]{24}$/;

/** When media goes with the message that carries it (`ServerOptions.media.deleteWith`). */
export type MediaCleanup = 'never' | 'recall' | 'recall-or-delete';

export class MediaStore {
  constructor(
    readonly dir: string,
    private readonly storage: { messaging: MessagingStorage; abuse: AbuseStorage },
  ) {
    mkdirSync(dir, { recursive: true });
  }

  pathOf(id: string): string {
    return join(this.dir, id);
  }

  get(id: string): Promise<MediaRecord | null> {
    return MEDIA_ID.test(id) ? this.storage.messaging.getMedia(id) : Promise.resolve(null);
  }

  add(record: MediaRecord): Promise<void> {
    return this.storage.messaging.addMedia(record);
  }

  list(userId: string, count: number, offset: number): Promise<MediaRecord[]> {
    return this.storage.abuse.listMedia(userId, count, offset);
  }

  usage(userId: string): Promise<{ bytes: number; files: number }> {
    return this.storage.abuse.mediaUsage(userId);
  }

  /** Removes the record, then the file; false when there was no record. */
  async remove(id: string): Promise<boolean> {
    if (!MEDIA_ID.test(id)) return false;
    const removed = await this.storage.abuse.deleteMedia(id);
    rmSync(this.pathOf(id), { force: true });
    return removed;
  }

  /**
   * After a message was recalled (or deleted by its sender, with `recall-or-delete`): removes the
   * uploads its content points at that its sender uploaded (someone else's upload is left alone).
   */
  async messageGone(
    message: WireMessage,
    reason: 'recall' | 'delete',
    byUserId: string,
    policy: MediaCleanup,
  ): Promise<void> {
    if (
      policy === 'never' ||
      (reason === 'delete' && (policy !== 'recall-or-delete' || byUserId !== message.senderUserId))
    )
      return;
    for (const id of mediaIdsIn(message.content)) {
      const record = await this.get(id);
      if (record && record.userId === message.senderUserId) await this.remove(id);
    }
  }
}

/** The media ids of `/media/<id>` URLs anywhere in a message's content (quotes included). */
export function mediaIdsIn(content: unknown): string[] {
  const ids = new Set<string>();
  const stack: unknown[] = [content];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      const at = value.indexOf(MEDIA_PATH_PREFIX);
      const id = at >= 0 ? value.slice(at + MEDIA_PATH_PREFIX.length, at + MEDIA_PATH_PREFIX.length + 24) : '';
      if (MEDIA_ID.test(id)) ids.add(id);
    } else if (typeof value === 'object' && value !== null) stack.push(...Object.values(value));
  }
  return [...ids];
}
