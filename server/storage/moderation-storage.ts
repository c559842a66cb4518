/**
 * The storage contract of user moderation: blacklists, mutes (private, per group, in every group,
 * whole groups and their allowlists) and the app's sensitive words. One table of entries keyed by
 * (kind, scope, subject), so each list is one query and a limit is one count. SQLite:
 * `sqlite-moderation.ts`; PostgreSQL: `pg-moderation.ts`; both held to the storage contract tests.
 */

/**
 * What an entry means, with its scope and subject:
 * - `blacklist`: scope = the owner, subject = a user the owner blocks (405 on their private sends).
 * - `userMute`: scope '', subject = a user muted in private chats (20106).
 * - `groupMute`: scope = a group id, or `*` for every group; subject = a muted user (22408).
 * - `groupMuteAll`: scope = a group id, subject '': the whole group is muted (22408).
 * - `groupMuteAllow`: scope = a group id, subject = a user who may send while the group is muted.
 * - `sensitiveWord`: scope '', subject = the word (lower case); value = its replacement, null = block.
 * - `groupOwner` / `groupAdmin`: scope = a group id, subject = its owner / one of its admins (the
 *   roles the app gives; they let members recall others' messages under `recallBy: 'group-admins'`).
 */
export type ModerationKind =
  | 'blacklist'
  | 'userMute'
  | 'groupMute'
  | 'groupMuteAll'
  | 'groupMuteAllow'
  | 'sensitiveWord'
  | 'groupOwner'
  | 'groupAdmin';

export interface ModerationEntry {
  scope: string;
  subject: string;
  value: string | null;
  /** When the entry lapses, ms; 0 = never. */
  expiresAt: number;
  createdTime: number;
}

/** One entry's key. */
export interface ModerationKey {
  kind: ModerationKind;
  scope: string;
  subject: string;
}

/** What `put` writes beside the keys. */
export interface ModerationPut {
  value?: string | null;
  /** ms; 0 or absent = never. */
  expiresAt?: number;
  now: number;
  /** Refuse (write nothing, resolve false) when the scope would then hold more live entries than this. */
  max?: number;
}

export interface ModerationStorage {
  /** Adds entries, or refreshes their value and expiry; atomic, also against concurrent puts to the scope. */
  put(kind: ModerationKind, scope: string, subjects: string[], entry: ModerationPut): Promise<boolean>;
  /** Removes entries; resolves how many there were. */
  remove(kind: ModerationKind, scope: string, subjects: string[]): Promise<number>;
  /** Removes every entry of these kinds in one scope (a dismissed group's mutes). */
  clearScope(kinds: ModerationKind[], scope: string): Promise<void>;
  /** Live entries of one scope (or of all scopes when null), oldest first. */
  list(kind: ModerationKind, scope: string | null, now: number): Promise<ModerationEntry[]>;
  /** The keys among `keys` that have a live entry, in one read (a send's checks cost one round trip). */
  match(keys: ModerationKey[], now: number): Promise<ModerationKey[]>;
}
