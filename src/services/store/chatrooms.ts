/**
 * The kit's chatrooms (Parley; the IMKit docs have none): joining the selected room, quitting it, its
 * member count, join/leave notices, and what keeps the user from sending. Rooms live in
 * `state.chatrooms`, never in the conversation list; their messages share `state.messages`. The store
 * loads this module the first time it needs it; the small helpers the elements use are in
 * `chatroom-view.ts` (re-exported here).
 */
import {
  ChatroomBanType,
  ChatroomOperateType,
  ChatroomSyncReason,
  ChatroomSyncStatus,
  ChatroomUserChangeType,
  ConversationType,
  MessageDirection,
  ErrorCode,
} from '../../protocol/constants.js';
import type { ChatroomEventPayload } from '../../protocol/chatroom.js';
import type { IChatroomHistoryResult, IChatroomListenerData } from '../client/chatroom-types.js';
import type { IAsyncRes, IConversationOption } from '../client/types.js';
import '../../i18n/features/chatroom.js';
import type { KitClient } from './client-port.js';
import type { KitClock } from './clock.js';
import type { emptyConversation } from './conversations.js';
import type { mergeMessages } from './messages.js';
import type { MemberNoticeContent } from './chatroom-view.js';
import {
  type conversationKey,
  type ChatroomRestriction,
  type ChatroomRestrictionReason,
  type ChatroomView,
  type ConversationKey,
  type ConversationMessages,
  type KitMessage,
  type KitState,
} from './types.js';

/** Seeds: getChatRoomInfo at most 20 times a minute per device, so one call per 3 s at most. */
const INFO_MIN_INTERVAL_MS = 3000;
/** With the server's default `userChangeNotify: 'self'`, others' joins are not pushed: poll the count. */
const INFO_POLL_MS = 30_000;
/** A refusal whose reason the server did not tell: the editor lets the user try again after this. */
const UNKNOWN_MUTE_RETRY_MS = 30_000;
const MINUTE = 60_000;
/** Seeds: getChatroomHistoryMessages returns at most 20 messages a call. */
const HISTORY_PAGE_MAX = 20;

/**
 * What the chatroom part needs from the store, its helpers included: this module is loaded with the
 * first room, and importing the store's modules would split them out of the initial load.
 */
export interface ChatroomStoreHost {
  readonly client: KitClient;
  readonly clock: KitClock;
  /** The message type of join/leave rows (`MEMBER_NOTICE_TYPE`). */
  readonly memberNoticeType: string;
  conversationKey: typeof conversationKey;
  emptyConversation: typeof emptyConversation;
  mergeMessages: typeof mergeMessages;
  state(): KitState;
  set(patch: Partial<KitState>): void;
  messages(key: ConversationKey): ConversationMessages;
  setMessages(key: ConversationKey, messages: ConversationMessages): void;
  requestUsers(ids: Iterable<string>): void;
}

/** Joins, quits and follows the kit's chatrooms; one per store. */
export class ChatroomStore {
  readonly #host: ChatroomStoreHost;
  readonly #joinCount: number;
  readonly #clock: KitClock;
  /** Rooms where the user is on the mute-all allowlist. */
  readonly #allowlisted = new Set<string>();
  #globalGagUntil: number | null = null;
  #infoAt = 0;
  #infoTimer: ReturnType<typeof setTimeout> | undefined;
  #pollTimer: ReturnType<typeof setInterval> | undefined;
  #expiryTimer: unknown;

  constructor(host: ChatroomStoreHost, joinCount: number) {
    this.#host = host;
    // The seeds' join count: 1–50 as given, −1 none, 0 (or anything unusable) their default of 10.
    this.#joinCount =
      Number.isInteger(joinCount) && joinCount >= -1 && joinCount <= 50 && joinCount !== 0 ? joinCount : 10;
    this.#clock = host.clock;
  }

  /** Joins a room (pulling the newest messages) unless already in it or joining. */
  async join(target: IConversationOption): Promise<void> {
    const key = this.#host.conversationKey(target);
    const existing = this.#view(key);
    if (existing?.status === 'joined' || existing?.status === 'joining') return;
    const global = this.#globalGagUntil !== null ? [{ reason: 'globalGag' as const, until: this.#globalGagUntil }] : [];
    // A block the user was told about (with its end) still stands if the server turns this join away.
    const knownBlock = existing?.restrictions.find(
      (r) => r.reason === 'blocked' && (r.until === 0 || r.until > this.#clock.now()),
    );
    this.#put({
      key,
      chatroomId: target.targetId,
      conversation: existing?.conversation ?? this.#host.emptyConversation(target, this.#clock.now()),
      status: 'joining',
      memberCount: existing?.memberCount ?? 0,
      restrictions: global,
      errorCode: 0,
    });
    const before = this.#host.messages(key);
    this.#host.setMessages(key, { ...before, loading: true, hasMore: false });
    const res = await this.#host.client.joinChatRoom(target.targetId, { count: this.#joinCount });
    const room = this.#view(key);
    if (room?.status !== 'joining') return; // quit (or selected away) meanwhile
    // Older messages may be stored (server history on); the first page back finds out. A join count
    // of −1 asks for no earlier messages at all.
    const hasMore = res.code === ErrorCode.SUCCESS && this.#joinCount !== -1;
    this.#host.setMessages(key, { ...this.#host.messages(key), loading: false, loaded: true, hasMore });
    if (res.code !== ErrorCode.SUCCESS || !res.data) {
      const blocked = res.code === ErrorCode.RC_CHATROOM_USER_KICKED;
      this.#patch(key, {
        status: blocked ? 'kicked' : 'failed',
        errorCode: res.code,
        restrictions: blocked ? [knownBlock ?? { reason: 'blocked', until: 0 }] : [],
      });
      return;
    }
    // The server says whether the user may send now; a Parley server also says why and until when.
    const { isMuted, muteReason, mutedUntil } = res.data;
    const told = muteReason ? [{ reason: muteReason, until: mutedUntil ?? 0 }] : undefined;
    const restrictions = isMuted
      ? (told ?? (room.restrictions.length ? room.restrictions : [this.#unknownMute()]))
      : [];
    this.#patch(key, {
      status: 'joined',
      memberCount: res.data.userCount,
      restrictions,
      ...(res.data.info ? { info: res.data.info } : {}),
    });
    this.#schedule();
  }

  /** Whether older messages of a room may be fetched now: only while the user is in it. */
  canLoadHistory(key: ConversationKey): boolean {
    return this.#view(key)?.status === 'joined';
  }

  /**
   * One page of a room's stored history before `timestamp` (0 = now), oldest first: the seeds'
   * `getChatroomHistoryMessages` with at most 20 messages. Fails with 23414 when the server keeps none.
   */
  history(
    key: ConversationKey,
    option: { timestamp: number; count: number; order: 0 },
  ): Promise<IAsyncRes<IChatroomHistoryResult>> {
    const room = this.#view(key);
    if (!room) return Promise.resolve({ code: ErrorCode.NOT_IN_CHATROOM });
    return this.#host.client.getChatroomHistoryMessages(room.chatroomId, {
      ...option,
      count: Math.min(HISTORY_PAGE_MAX, option.count),
    });
  }

  /** Leaves a room: forgets it and its messages (chatroom messages are for members only) and quits on the server. */
  async quit(key: ConversationKey): Promise<void> {
    const room = this.#view(key);
    if (!room) return;
    const { [key]: _room, ...chatrooms } = this.#host.state().chatrooms;
    const { [key]: _messages, ...messages } = this.#host.state().messages;
    this.#host.set({ chatrooms, messages });
    this.#allowlisted.delete(room.chatroomId);
    this.#schedule();
    if (room.status === 'joined' || room.status === 'joining') await this.#host.client.quitChatRoom(room.chatroomId);
  }

  /** After a reconnect the client rejoins by itself; a join that failed for want of a network is retried here. */
  onConnected(): void {
    for (const room of Object.values(this.#host.state().chatrooms)) {
      if (
        room.status === 'failed' &&
        (room.errorCode === ErrorCode.RC_NET_UNAVAILABLE || room.errorCode === ErrorCode.TIMEOUT)
      ) {
        void this.join(room.conversation);
      }
    }
  }

  /** A send to a room was refused: 23408 muted, 23409 removed, 23406 no longer a member. */
  onSendRefused(key: ConversationKey, code: number): void {
    const room = this.#view(key);
    if (!room) return;
    if (code === ErrorCode.FORBIDDEN_IN_CHATROOM && room.restrictions.length === 0)
      this.#patch(key, { restrictions: [this.#unknownMute()] });
    else if (code === ErrorCode.RC_CHATROOM_USER_KICKED) this.#patch(key, { status: 'kicked' });
    else if (code === ErrorCode.NOT_IN_CHATROOM) this.#patch(key, { status: 'left' });
    this.#schedule();
  }

  /** One `Events.CHATROOM` event. */
  onEvent(event: IChatroomListenerData): void {
    if (event.userChange) this.#onUserChange(event.userChange);
    else if (event.chatroomDestroyed) this.#out(event.chatroomDestroyed, 'destroyed');
    else if (event.chatroomNotifyBan) this.#onBan(event.chatroomNotifyBan);
    else if (event.chatroomNotifyBlock) this.#onBlock(event.chatroomNotifyBlock);
    else if (event.chatroomSendState) this.#onSendState(event.chatroomSendState);
    else if (event.updateChatroom)
      this.#patch(this.#key(event.updateChatroom.chatroomId), { info: event.updateChatroom.info });
    else if (event.chatroomNotifyMultiLoginSync) {
      const sync = event.chatroomNotifyMultiLoginSync;
      if (sync.status === ChatroomSyncStatus.QUIT && sync.reason === ChatroomSyncReason.OTHER_JOIN_NEW_CHATROOM)
        this.#out(sync.chatroomId, 'moved');
    } else if (event.rejoinedRoom) {
      const rejoined = event.rejoinedRoom;
      const key = this.#key(rejoined.chatroomId);
      if ('errorCode' in rejoined) {
        const blocked = rejoined.errorCode === ErrorCode.RC_CHATROOM_USER_KICKED;
        this.#patch(key, { status: blocked ? 'kicked' : 'failed', errorCode: rejoined.errorCode });
      } else {
        this.#patch(key, { status: 'joined' });
        this.#refreshCount();
      }
    }
  }

  /** Stops the timers. */
  dispose(): void {
    clearTimeout(this.#infoTimer);
    clearInterval(this.#pollTimer);
    this.#clock.clearTimeout(this.#expiryTimer);
    this.#pollTimer = undefined;
  }

  // ---- events --------------------------------------------------------------------------------

  #onUserChange(change: NonNullable<ChatroomEventPayload['userChange']>): void {
    const key = this.#key(change.chatroomId);
    const room = this.#view(key);
    if (!room) return;
    const me = this.#host.state().userId;
    const notices: KitMessage[] = [];
    let status = room.status;
    for (const up of change.ups ?? []) {
      if (up.userId === me) {
        if (up.status === ChatroomUserChangeType.KICKED && (status === 'joined' || status === 'joining'))
          status = 'kicked';
        continue;
      }
      notices.push(
        memberNotice(
          this.#host.memberNoticeType,
          room.chatroomId,
          up.userId,
          up.status === ChatroomUserChangeType.JOIN ? 'joined' : 'left',
          up.timestamp,
        ),
      );
    }
    this.#patch(key, {
      status,
      memberCount: typeof change.memberCount === 'number' ? change.memberCount : room.memberCount,
    });
    if (notices.length === 0) return;
    const current = this.#host.messages(key);
    this.#host.setMessages(key, { ...current, list: this.#host.mergeMessages(current.list, notices) });
    this.#host.requestUsers(notices.map((n) => n.senderUserId));
  }

  #onBan(ban: NonNullable<ChatroomEventPayload['chatroomNotifyBan']>): void {
    const mine = (ban.userIds ?? []).includes(this.#host.state().userId);
    const add = ban.operateType === ChatroomOperateType.ADD;
    const until = ban.durationTime > 0 ? this.#clock.now() + ban.durationTime * MINUTE : 0;
    if (ban.banType === ChatroomBanType.GLOBAL_GAG) {
      if (!mine) return;
      this.#globalGagUntil = add ? until : null;
      for (const key of Object.keys(this.#host.state().chatrooms) as ConversationKey[])
        this.#restrict(key, 'globalGag', add, until);
      return;
    }
    const key = this.#key(ban.chatroomId);
    if (ban.banType === ChatroomBanType.GAG_USERS && mine) this.#restrict(key, 'gag', add, until);
    else if (ban.banType === ChatroomBanType.MUTE_ALL) this.#restrict(key, 'muteAll', add && !this.#exempt(ban), 0);
    else if (ban.banType === ChatroomBanType.MUTE_ALL_ALLOWLIST) {
      if (mine && add) this.#allowlisted.add(ban.chatroomId);
      else if (mine) this.#allowlisted.delete(ban.chatroomId);
      // A Parley server names who may still send while mute-all is on: that list decides.
      if (Array.isArray(ban.exemptUserIds)) this.#restrict(key, 'muteAll', !this.#exempt(ban), 0);
      else if (mine && add) this.#restrict(key, 'muteAll', false, 0);
    }
  }

  /**
   * Whether mute-all spares this user: named in the notice's `exemptUserIds` (allowlist, creator,
   * admins; Parley servers), or on the room's mute-all allowlist as earlier notices said.
   */
  #exempt(ban: NonNullable<ChatroomEventPayload['chatroomNotifyBan']>): boolean {
    if (Array.isArray(ban.exemptUserIds)) return ban.exemptUserIds.includes(this.#host.state().userId);
    return this.#allowlisted.has(ban.chatroomId);
  }

  /** Parley: the server says whether this user may send now (a role changed under mute-all). */
  #onSendState(state: NonNullable<ChatroomEventPayload['chatroomSendState']>): void {
    const key = this.#key(state.chatroomId);
    if (state.muteReason) this.#restrict(key, state.muteReason, true, state.mutedUntil ?? 0);
    else if (!state.isMuted)
      this.#patch(key, { restrictions: (this.#view(key)?.restrictions ?? []).filter((r) => r.reason === 'blocked') });
    this.#schedule();
  }

  #onBlock(block: NonNullable<ChatroomEventPayload['chatroomNotifyBlock']>): void {
    if (!(block.userIds ?? []).includes(this.#host.state().userId)) return;
    const key = this.#key(block.chatroomId);
    if (block.operateType === ChatroomOperateType.ADD) {
      const until = block.durationTime > 0 ? this.#clock.now() + block.durationTime * MINUTE : 0;
      this.#patch(key, { status: 'kicked', restrictions: [{ reason: 'blocked', until }] });
      this.#schedule();
    } else {
      this.#restrict(key, 'blocked', false, 0);
    }
  }

  /** The user is out of the room (destroyed, moved): it stays shown, with the reason, until left. */
  #out(chatroomId: string, status: 'destroyed' | 'moved'): void {
    const key = this.#key(chatroomId);
    if (!this.#view(key)) return;
    this.#patch(key, status === 'destroyed' ? { status, memberCount: 0, restrictions: [] } : { status });
    this.#schedule();
  }

  // ---- member count and timers ---------------------------------------------------------------

  /** Asks for the member count of joined rooms, at most once per INFO_MIN_INTERVAL_MS. */
  #refreshCount(): void {
    if (this.#infoTimer) return;
    const wait = Math.max(0, this.#infoAt + INFO_MIN_INTERVAL_MS - this.#clock.now());
    this.#infoTimer = setTimeout(() => {
      this.#infoTimer = undefined;
      this.#infoAt = this.#clock.now();
      for (const room of Object.values(this.#host.state().chatrooms)) {
        if (room.status !== 'joined') continue;
        void this.#host.client.getChatRoomInfo(room.chatroomId, { count: 0 }).then((res) => {
          if (res.code === ErrorCode.SUCCESS && res.data && this.#view(room.key)?.status === 'joined')
            this.#patch(room.key, { memberCount: res.data.userCount });
        });
      }
    }, wait);
  }

  /** Starts or stops the count poll and the timer that lifts restrictions when they end. */
  #schedule(): void {
    const rooms = Object.values(this.#host.state().chatrooms);
    const joined = rooms.some((r) => r.status === 'joined');
    if (joined && !this.#pollTimer) this.#pollTimer = setInterval(() => this.#refreshCount(), INFO_POLL_MS);
    if (!joined && this.#pollTimer) {
      clearInterval(this.#pollTimer);
      this.#pollTimer = undefined;
    }
    this.#clock.clearTimeout(this.#expiryTimer);
    const ends = rooms.flatMap((r) => r.restrictions.map((x) => x.until)).filter((t) => t > 0);
    if (this.#globalGagUntil) ends.push(this.#globalGagUntil);
    if (ends.length === 0) return;
    this.#expiryTimer = this.#clock.setTimeout(
      () => this.#expire(),
      Math.max(0, Math.min(...ends) - this.#clock.now()) + 20,
    );
  }

  #expire(): void {
    const now = this.#clock.now();
    if (this.#globalGagUntil && this.#globalGagUntil <= now) this.#globalGagUntil = null;
    for (const room of Object.values(this.#host.state().chatrooms)) {
      const left = room.restrictions.filter((r) => r.until === 0 || r.until > now);
      if (left.length !== room.restrictions.length) this.#patch(room.key, { restrictions: left });
    }
    this.#schedule();
  }

  // ---- state ---------------------------------------------------------------------------------

  #restrict(key: ConversationKey, reason: ChatroomRestrictionReason, add: boolean, until: number): void {
    const room = this.#view(key);
    if (!room) return;
    // Any lifted ban also lifts an unexplained refusal: the next send will tell.
    const others = room.restrictions.filter((r) => r.reason !== reason && r.reason !== 'muted');
    this.#patch(key, { restrictions: add ? [...others, { reason, until }] : others });
    this.#schedule();
  }

  #unknownMute(): ChatroomRestriction {
    return { reason: 'muted', until: this.#clock.now() + UNKNOWN_MUTE_RETRY_MS };
  }

  #key(chatroomId: string): ConversationKey {
    return this.#host.conversationKey({ conversationType: ConversationType.CHATROOM, targetId: chatroomId });
  }

  #view(key: ConversationKey): ChatroomView | undefined {
    return this.#host.state().chatrooms[key];
  }

  #put(room: ChatroomView): void {
    this.#host.set({ chatrooms: { ...this.#host.state().chatrooms, [room.key]: room } });
  }

  #patch(key: ConversationKey, patch: Partial<ChatroomView>): void {
    const room = this.#view(key);
    if (room) this.#put({ ...room, ...patch });
  }
}

/** A join/leave row for the message list (kept in the room's messages, never sent). */
function memberNotice(
  messageType: string,
  chatroomId: string,
  userId: string,
  action: MemberNoticeContent['action'],
  time: number,
): KitMessage {
  const content: MemberNoticeContent = { userId, action };
  return {
    messageType,
    content: content as unknown as Record<string, unknown>,
    senderUserId: userId,
    targetId: chatroomId,
    channelId: '',
    conversationType: ConversationType.CHATROOM,
    sentTime: time,
    receivedTime: time,
    messageUId: '',
    messageId: `member-${action}-${userId}-${time}`,
    messageDirection: MessageDirection.RECEIVE,
    isPersisted: false,
    isCounted: false,
    isOfflineMessage: false,
    isMentioned: false,
    disableNotification: true,
    isStatusMessage: false,
    canIncludeExpansion: false,
    expansion: null,
    sendState: 'sent',
  };
}
