/**
 * User moderation: blacklists (405 on private sends to the user who blocked you), mutes in private
 * chats (20106), per group, in every group and of whole groups with an allowlist (22408), and the
 * app's sensitive words (block: 21501; or replace). `checkSend` applies them to a send; the
 * gateway's blacklist ops and the Server API's endpoints call the rest.
 */
import { ConversationType, MessageType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { MessageBlockType, ModerationLimits } from '../../src/protocol/moderation.js';
import type { Clock } from '../clock.js';
import type { ModerationEntry, ModerationKey, ModerationStorage } from '../storage/moderation-storage.js';
import { DomainError } from './errors.js';

/** `groupMute` scope of a mute in every group. */
export const ALL_GROUPS = '*';

/** How long a node uses its copy of the word list before reading it again (changes on this node apply at once). */
const WORDS_TTL_MS = 1000;

/** A sensitive word and what happens to it: replaced by `replaceWord`, or the message blocked (null). */
export interface SensitiveWord {
  word: string;
  replaceWord: string | null;
}

/** A timed entry as the Server API lists it: `time` = when it lapses (ms; 0 = never). */
export interface TimedUser {
  userId: string;
  time: number;
}

/** What `checkSend` needs to know of a send. */
export interface SendToCheck {
  senderUserId: string;
  conversationType: ConversationType;
  targetId: string;
  messageType: string;
  content: Record<string, unknown>;
  isStatusMessage: boolean;
  /** A client's send (the Server API's are trusted: only the blacklist, when asked, applies). */
  fromClient: boolean;
  /** Server API private sends: apply the recipient's blacklist too (`verifyBlacklist=1`). */
  verifyBlacklist?: boolean;
}

function blocked(code: ErrorCode, blockType: MessageBlockType, message: string): DomainError {
  return new DomainError(code, message, { blockType });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A word list compiled once: one pattern for the blocking words, one per replacement. */
interface CompiledWords {
  block: RegExp | null;
  replace: Array<[RegExp, string]>;
}

function compile(words: SensitiveWord[]): CompiledWords {
  const blocking = words.filter((w) => w.replaceWord === null).map((w) => escapeRegExp(w.word));
  return {
    block: blocking.length > 0 ? new RegExp(blocking.join('|'), 'iu') : null,
    replace: words
      .filter((w) => w.replaceWord !== null)
      .map((w) => [new RegExp(escapeRegExp(w.word), 'giu'), w.replaceWord!]),
  };
}

/** The text with replacements applied, or null when a blocking word is in it. Words match ignoring case. */
export function filterText(text: string, words: CompiledWords): string | null {
  if (words.block?.test(text)) return null;
  return words.replace.reduce((out, [pattern, replacement]) => out.replace(pattern, () => replacement), text);
}

export class Moderation {
  private words: { at: number; compiled: CompiledWords } | null = null;

  constructor(
    private readonly storage: ModerationStorage,
    private readonly clock: Clock,
  ) {}

  // ---- blacklist ----

  /** Adds users to the owner's blacklist; BLACK_ADD_ERROR when it would pass 3000. */
  async addToBlacklist(ownerId: string, userIds: string[]): Promise<void> {
    if (userIds.includes(ownerId))
      throw new DomainError(ErrorCode.BIZ_ERROR_INVALID_PARAMETER, 'a user cannot blacklist herself');
    const ok = await this.storage.put('blacklist', ownerId, userIds, {
      now: this.clock.now(),
      max: ModerationLimits.BLACKLIST_MAX,
    });
    if (!ok)
      throw new DomainError(
        ErrorCode.BLACK_ADD_ERROR,
        `a blacklist holds at most ${ModerationLimits.BLACKLIST_MAX} users`,
      );
  }

  async removeFromBlacklist(ownerId: string, userIds: string[]): Promise<void> {
    await this.storage.remove('blacklist', ownerId, userIds);
  }

  /** The owner's blacklist, oldest first. */
  async blacklist(ownerId: string): Promise<string[]> {
    return (await this.storage.list('blacklist', ownerId, this.clock.now())).map((e) => e.subject);
  }

  async inBlacklist(ownerId: string, userId: string): Promise<boolean> {
    return (
      (await this.storage.match([{ kind: 'blacklist', scope: ownerId, subject: userId }], this.clock.now())).length > 0
    );
  }

  // ---- mutes ----

  /** Mutes users in private chats for `minutes` (absent: until unmuted). */
  async muteUsers(userIds: string[], minutes?: number): Promise<void> {
    await this.storage.put('userMute', '', userIds, this.timed(minutes));
  }

  async unmuteUsers(userIds: string[]): Promise<void> {
    await this.storage.remove('userMute', '', userIds);
  }

  async mutedUsers(): Promise<TimedUser[]> {
    return timedUsers(await this.storage.list('userMute', '', this.clock.now()));
  }

  /** Mutes users in each group (or in every group: `ALL_GROUPS`). */
  async muteGroupMembers(groupIds: string[], userIds: string[], minutes?: number): Promise<void> {
    for (const groupId of groupIds) await this.storage.put('groupMute', groupId, userIds, this.timed(minutes));
  }

  async unmuteGroupMembers(groupIds: string[], userIds: string[]): Promise<void> {
    for (const groupId of groupIds) await this.storage.remove('groupMute', groupId, userIds);
  }

  async mutedGroupMembers(groupId: string): Promise<TimedUser[]> {
    return timedUsers(await this.storage.list('groupMute', groupId, this.clock.now()));
  }

  /** Mutes whole groups: only their allowlist may send. */
  async muteGroups(groupIds: string[]): Promise<void> {
    for (const groupId of groupIds) await this.storage.put('groupMuteAll', groupId, [''], { now: this.clock.now() });
  }

  async unmuteGroups(groupIds: string[]): Promise<void> {
    for (const groupId of groupIds) await this.storage.remove('groupMuteAll', groupId, ['']);
  }

  /** The muted groups among `groupIds`, or all of them when null. */
  async mutedGroups(groupIds: string[] | null): Promise<string[]> {
    const all = (await this.storage.list('groupMuteAll', null, this.clock.now())).map((e) => e.scope);
    return groupIds ? all.filter((g) => groupIds.includes(g)) : all;
  }

  async allowInMutedGroup(groupId: string, userIds: string[]): Promise<void> {
    await this.storage.put('groupMuteAllow', groupId, userIds, { now: this.clock.now() });
  }

  async disallowInMutedGroup(groupId: string, userIds: string[]): Promise<void> {
    await this.storage.remove('groupMuteAllow', groupId, userIds);
  }

  async allowedInMutedGroup(groupId: string): Promise<string[]> {
    return (await this.storage.list('groupMuteAllow', groupId, this.clock.now())).map((e) => e.subject);
  }

  /** Forgets a dismissed group's mutes and allowlist (a group created again with its id starts clean). */
  async forgetGroup(groupId: string): Promise<void> {
    await this.storage.clearScope(['groupMute', 'groupMuteAll', 'groupMuteAllow'], groupId);
  }

  // ---- sensitive words ----

  /** Adds (or changes) a word: replaced by `replaceWord`, or blocking when it is null. At most 50 words. */
  async addWord(word: string, replaceWord: string | null): Promise<boolean> {
    const ok = await this.storage.put('sensitiveWord', '', [word.toLowerCase()], {
      value: replaceWord,
      now: this.clock.now(),
      max: ModerationLimits.SENSITIVE_WORDS_MAX,
    });
    this.words = null;
    return ok;
  }

  async removeWords(words: string[]): Promise<void> {
    await this.storage.remove(
      'sensitiveWord',
      '',
      words.map((w) => w.toLowerCase()),
    );
    this.words = null;
  }

  async sensitiveWords(): Promise<SensitiveWord[]> {
    return (await this.storage.list('sensitiveWord', '', this.clock.now())).map((e) => ({
      word: e.subject,
      replaceWord: e.value,
    }));
  }

  // ---- sends ----

  /**
   * Refuses a send its sender may not make (a DomainError whose data names the `blockType`), or
   * resolves the content to send: the same object, or a copy with sensitive words replaced.
   */
  async checkSend(send: SendToCheck): Promise<Record<string, unknown>> {
    const keys = this.sendKeys(send);
    // Every check of a send in one read.
    const matched = keys.length > 0 ? await this.storage.match(keys, this.clock.now()) : [];
    const refusal = matched.length > 0 ? this.refusal(send, matched) : null;
    if (refusal) throw refusal;
    return this.sendContent(send);
  }

  /** The entries whose presence (live) may refuse the send: what `checkSend` looks up. */
  sendKeys(send: SendToCheck): ModerationKey[] {
    const { senderUserId: sender, targetId } = send;
    const keys: ModerationKey[] = [];
    if (send.conversationType === ConversationType.PRIVATE && sender !== targetId) {
      if (send.fromClient) keys.push({ kind: 'userMute', scope: '', subject: sender });
      if (send.fromClient || send.verifyBlacklist) keys.push({ kind: 'blacklist', scope: targetId, subject: sender });
    }
    const groupChecked = send.fromClient && send.conversationType === ConversationType.GROUP && !send.isStatusMessage;
    if (groupChecked) {
      keys.push(
        { kind: 'groupMute', scope: targetId, subject: sender },
        { kind: 'groupMute', scope: ALL_GROUPS, subject: sender },
        { kind: 'groupMuteAll', scope: targetId, subject: '' },
        { kind: 'groupMuteAllow', scope: targetId, subject: sender },
      );
    }
    return keys;
  }

  /**
   * The error refusing a send whose `sendKeys` matched `matched` (the live ones), or null when they
   * do not refuse it (an allowlisted member of a muted group).
   */
  refusal(send: SendToCheck, matched: ModerationKey[]): DomainError | null {
    const { senderUserId: sender, targetId } = send;
    const hits = new Set(matched.map((k) => k.kind));
    if (hits.has('userMute'))
      return blocked(ErrorCode.FORBIDDEN_IN_PRIVATE, MessageBlockType.MUTED, `${sender} is muted in private chats`);
    if (hits.has('blacklist'))
      return blocked(
        ErrorCode.REJECTED_BY_BLACKLIST,
        MessageBlockType.BLACKLIST,
        `${targetId} has blacklisted ${sender}`,
      );
    // A member mute holds even for the allowlist, which only exempts from a whole-group mute.
    if (hits.has('groupMute') || (hits.has('groupMuteAll') && !hits.has('groupMuteAllow'))) {
      return blocked(ErrorCode.FORBIDDEN_IN_GROUP, MessageBlockType.MUTED, `${sender} is muted in group ${targetId}`);
    }
    return null;
  }

  /** The content a send that is not refused stores: a client's with sensitive words applied (21501 when blocked). */
  async sendContent(send: SendToCheck): Promise<Record<string, unknown>> {
    return send.fromClient ? this.filterContent(send.messageType, send.content) : send.content;
  }

  /**
   * `sendContent` without an await when it can answer at once: the content, or null when the word
   * list must be read first (then call `sendContent`).
   */
  sendContentNow(send: SendToCheck): Record<string, unknown> | null {
    if (!send.fromClient || send.messageType !== MessageType.TEXT || typeof send.content['content'] !== 'string')
      return send.content;
    const words = this.freshWords();
    return words ? this.applyWords(send.content, words) : null;
  }

  /** Text content with sensitive words applied (RC:TxtMsg only, as in the seeds); 21501 when a blocking word is in it. */
  async filterContent(messageType: string, content: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (messageType !== MessageType.TEXT || typeof content['content'] !== 'string') return content;
    return this.applyWords(content, await this.compiledWords());
  }

  /** Text content (a string `content`) with `words` applied; 21501 when a blocking word is in it. */
  private applyWords(content: Record<string, unknown>, words: CompiledWords): Record<string, unknown> {
    if (!words.block && words.replace.length === 0) return content;
    const text = filterText(content['content'] as string, words);
    if (text === null)
      throw blocked(ErrorCode.SENSITIVE_SHIELD, MessageBlockType.CUSTOM, 'the text contains a blocked word');
    return text === content['content'] ? content : { ...content, content: text };
  }

  /** The word list if this node's copy is recent enough to use, else null. */
  private freshWords(): CompiledWords | null {
    const now = this.clock.now();
    const words = this.words;
    return words && now - words.at < WORDS_TTL_MS && now >= words.at ? words.compiled : null;
  }

  private async compiledWords(): Promise<CompiledWords> {
    const fresh = this.freshWords();
    if (fresh) return fresh;
    const now = this.clock.now();
    this.words = { at: now, compiled: compile(await this.sensitiveWords()) };
    return this.words.compiled;
  }

  private timed(minutes: number | undefined) {
    const now = this.clock.now();
    return { now, expiresAt: minutes ? now + minutes * 60_000 : 0 };
  }
}

function timedUsers(entries: ModerationEntry[]): TimedUser[] {
  return entries.map((e) => ({ userId: e.subject, time: e.expiresAt }));
}
