/**
 * The chatroom methods of `ParleyClient`, under the seeds' names. They are mixed into the class so
 * client.ts stays about the session; each is a thin call into `ChatroomClient.run` (chatroom.ts), which loads chatroom-calls.ts.
 */
import type { ChatroomClient } from './chatroom.js';
import type {
  IChatroomEntries,
  IChatroomEntry,
  IChatRoomInfoOption,
  IGetChatroomHistoryOption,
  IJoinChatRoomOption,
  IRemoveChatroomEntries,
  IRemoveChatroomEntry,
} from './chatroom-types.js';

/** Mixed into `ParleyClient`; see docs/chatroom.md. */
export class ChatroomMethods {
  /** @internal The room state of this session, provided by `ParleyClient`. */
  declare readonly chatroom: ChatroomClient;

  /** Joins a room, creating it if needed; `count` messages (1–50, −1 none, 0 = 10) arrive as MESSAGES. */
  joinChatRoom(chatRoomId: string, option?: IJoinChatRoomOption) {
    return this.chatroom.run('join', chatRoomId, option, false);
  }
  /** Joins a room that exists; a missing one resolves `RC_CHATROOM_NOT_EXIST` (23410). */
  joinExistChatRoom(chatRoomId: string, option?: IJoinChatRoomOption) {
    return this.chatroom.run('join', chatRoomId, option, true);
  }
  /** Leaves a room (this device). */
  quitChatRoom(chatRoomId: string) {
    return this.chatroom.run('quit', chatRoomId);
  }
  /** Member count and up to 20 members by join time. */
  getChatRoomInfo(chatRoomId: string, option?: IChatRoomInfoOption) {
    return this.chatroom.run('info', chatRoomId, option);
  }
  /** Stored room messages (needs history storage on the server). */
  getChatroomHistoryMessages(chatRoomId: string, option?: IGetChatroomHistoryOption) {
    return this.chatroom.run('history', chatRoomId, option);
  }
  /** Recalls a chatroom message (the room gets an `RC:RcNtf`). */
  recallChatRoomMessage(chatRoomId: string, messageUId: string) {
    return this.chatroom.run('recall', chatRoomId, messageUId);
  }
  getChatRoomEntry(chatRoomId: string, key: string) {
    return this.chatroom.run('getEntry', chatRoomId, key);
  }
  getAllChatRoomEntries(chatRoomId: string) {
    return this.chatroom.run('getAllEntries', chatRoomId);
  }
  setChatRoomEntry(chatRoomId: string, entry: IChatroomEntry) {
    return this.chatroom.run('setEntry', chatRoomId, entry, false);
  }
  forceSetChatRoomEntry(chatRoomId: string, entry: IChatroomEntry) {
    return this.chatroom.run('setEntry', chatRoomId, entry, true);
  }
  setChatRoomEntries(chatRoomId: string, options: IChatroomEntries) {
    return this.chatroom.run('setEntries', chatRoomId, options);
  }
  removeChatRoomEntry(chatRoomId: string, entry: IRemoveChatroomEntry) {
    return this.chatroom.run('removeEntry', chatRoomId, entry, false);
  }
  forceRemoveChatRoomEntry(chatRoomId: string, entry: IRemoveChatroomEntry) {
    return this.chatroom.run('removeEntry', chatRoomId, entry, true);
  }
  removeChatRoomEntries(chatRoomId: string, options: IRemoveChatroomEntries) {
    return this.chatroom.run('removeEntries', chatRoomId, options);
  }
}
