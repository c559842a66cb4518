/**
 * Caches what the app's profile service returns, batches lookups made in the same tick into one
 * round, coalesces concurrent lookups of the same id, and cleans every value before the kit sees it.
 */
import type { IConversationOption } from '../client/types.js';
import { conversationKey, type ConversationKey } from '../store/types.js';
import { safeImageUrl, safeName } from './safe-url.js';
import type { ConversationProfile, IMKitService, UserProfile } from './types.js';

/** A batch of fresh profiles, handed to the cache's listener. */
export interface ProfileUpdate {
  users?: Record<string, UserProfile>;
  conversations?: Record<ConversationKey, ConversationProfile>;
}

function cleanUser(id: string, raw: unknown): UserProfile {
  const value = (raw ?? {}) as Partial<UserProfile>;
  const name = safeName(value.displayName) || safeName(value.name);
  return { id, name, portraitUri: safeImageUrl(value.portraitUri) };
}

function cleanConversation(conversation: IConversationOption, raw: unknown): ConversationProfile {
  const value = (raw ?? {}) as Partial<ConversationProfile>;
  const count = Number(value.memberCount);
  return {
    conversationType: conversation.conversationType,
    targetId: conversation.targetId,
    name: safeName(value.name),
    portraitUri: safeImageUrl(value.portraitUri),
    memberCount: Number.isInteger(count) && count > 0 ? count : 0,
  };
}

export class ProfileCache {
  readonly #service: IMKitService | undefined;
  readonly #onUpdate: (update: ProfileUpdate) => void;
  readonly #users = new Map<string, Promise<UserProfile>>();
  readonly #conversations = new Map<ConversationKey, Promise<ConversationProfile>>();
  readonly #members = new Map<ConversationKey, Promise<UserProfile[]>>();
  #queuedUsers = new Set<string>();
  #queuedConversations = new Map<ConversationKey, IConversationOption>();
  #flushing: Promise<void> | null = null;

  constructor(service: IMKitService | undefined, onUpdate: (update: ProfileUpdate) => void) {
    this.#service = service;
    this.#onUpdate = onUpdate;
  }

  /** Fetches the profiles of these users unless cached or on their way; resolves when all are known. */
  requestUsers(ids: Iterable<string>): Promise<void> {
    const waits: Promise<unknown>[] = [];
    for (const id of ids) {
      if (!id) continue;
      const known = this.#users.get(id);
      if (known) waits.push(known);
      else this.#queuedUsers.add(id);
    }
    return Promise.all([...waits, this.#scheduleFlush()]).then(() => undefined);
  }

  /** Fetches names and avatars of these conversations in one `getConversationProfile` call per tick. */
  requestConversations(conversations: Iterable<IConversationOption>): Promise<void> {
    const waits: Promise<unknown>[] = [];
    for (const conversation of conversations) {
      const key = conversationKey(conversation);
      const known = this.#conversations.get(key);
      if (known) waits.push(known);
      else this.#queuedConversations.set(key, conversation);
    }
    return Promise.all([...waits, this.#scheduleFlush()]).then(() => undefined);
  }

  /** Members of a group, cached per conversation; [] when the app does not implement it. */
  getGroupMembers(conversation: IConversationOption): Promise<UserProfile[]> {
    const key = conversationKey(conversation);
    let members = this.#members.get(key);
    if (!members) {
      const service = this.#service;
      members = Promise.resolve()
        .then(() => service?.getGroupMembers?.(conversation) ?? [])
        .then(
          (list) =>
            (Array.isArray(list) ? list : [])
              .filter((m) => m && typeof m.id === 'string')
              .map((m) => cleanUser(m.id, m)),
          () => [],
        );
      members.then((list) => {
        const users: Record<string, UserProfile> = {};
        for (const member of list) {
          users[member.id] = member;
          this.#users.set(member.id, Promise.resolve(member));
        }
        if (list.length) this.#onUpdate({ users });
      });
      this.#members.set(key, members);
    }
    return members;
  }

  /** Replaces a user's cached profile (imkit.updateUserProfile). */
  setUser(profile: UserProfile): UserProfile {
    const clean = cleanUser(String(profile.id), profile);
    this.#users.set(clean.id, Promise.resolve(clean));
    this.#onUpdate({ users: { [clean.id]: clean } });
    return clean;
  }

  /** Replaces a conversation's cached profile (imkit.updateConversationProfile). */
  setConversation(conversation: IConversationOption, profile: Partial<ConversationProfile>): void {
    const clean = cleanConversation(conversation, profile);
    const key = conversationKey(conversation);
    this.#conversations.set(key, Promise.resolve(clean));
    this.#onUpdate({ conversations: { [key]: clean } });
  }

  /** Replaces all members of a group (imkit.updateGroupMembers). */
  setGroupMembers(conversation: IConversationOption, members: UserProfile[]): void {
    const clean = members.map((m) => cleanUser(String(m.id), m));
    this.#members.set(conversationKey(conversation), Promise.resolve(clean));
    const users: Record<string, UserProfile> = {};
    for (const member of clean) {
      users[member.id] = member;
      this.#users.set(member.id, Promise.resolve(member));
    }
    this.#onUpdate({ users });
  }

  #scheduleFlush(): Promise<void> {
    this.#flushing ??= Promise.resolve().then(() => {
      this.#flushing = null;
      return this.#flush();
    });
    return this.#flushing;
  }

  async #flush(): Promise<void> {
    const userIds = [...this.#queuedUsers];
    const conversations = [...this.#queuedConversations.values()];
    this.#queuedUsers = new Set();
    this.#queuedConversations = new Map();
    const update: ProfileUpdate = {};

    const userRound = userIds.map((id) => {
      const promise = Promise.resolve()
        .then(() => this.#service?.getUserProfile(id))
        .then(
          (raw) => cleanUser(id, raw),
          () => cleanUser(id, null),
        );
      this.#users.set(id, promise);
      return promise.then((profile) => ((update.users ??= {})[id] = profile));
    });

    let conversationRound: Promise<unknown> = Promise.resolve();
    if (conversations.length) {
      const batch = Promise.resolve()
        .then(() => this.#service?.getConversationProfile(conversations.map((c) => ({ ...c }))))
        .then(
          (list) => (Array.isArray(list) ? list : []),
          () => [],
        );
      for (const conversation of conversations) {
        const key = conversationKey(conversation);
        const one = batch.then((list) =>
          cleanConversation(
            conversation,
            list.find((p) => p && conversationKey(p) === key),
          ),
        );
        this.#conversations.set(key, one);
      }
      conversationRound = Promise.all(
        conversations.map((c) =>
          this.#conversations.get(conversationKey(c))!.then((p) => {
            (update.conversations ??= {})[conversationKey(c)] = p;
          }),
        ),
      );
    }
    await Promise.all([...userRound, conversationRound]);
    if (update.users || update.conversations) this.#onUpdate(update);
  }
}
