/**
 * The gateway's blacklist ops (seeds: 黑名单管理): a user blocks others from sending her private
 * messages (they get 405; she can still message them). At most 3000 users (37001 past that).
 */
import { BlacklistStatus } from '../../src/protocol/moderation.js';
import type { RequestData } from '../../src/protocol/frames.js';
import type { ChatService } from './chat.js';
import { outcome, type Outcome } from './outcome.js';

type Empty = Record<string, never>;

export async function addToBlacklist(
  chat: ChatService,
  userId: string,
  data: RequestData<'addToBlacklist'>,
): Promise<Outcome<Empty>> {
  await chat.moderation.addToBlacklist(userId, [data.userId]);
  return outcome(chat, {});
}

export async function removeFromBlacklist(
  chat: ChatService,
  userId: string,
  data: RequestData<'removeFromBlacklist'>,
): Promise<Outcome<Empty>> {
  await chat.moderation.removeFromBlacklist(userId, [data.userId]);
  return outcome(chat, {});
}

export async function getBlacklist(chat: ChatService, userId: string): Promise<Outcome<{ userIds: string[] }>> {
  return outcome(chat, { userIds: await chat.moderation.blacklist(userId) });
}

export async function getBlacklistStatus(
  chat: ChatService,
  userId: string,
  data: RequestData<'getBlacklistStatus'>,
): Promise<Outcome<{ status: BlacklistStatus }>> {
  const listed = await chat.moderation.inBlacklist(userId, data.userId);
  return outcome(chat, { status: listed ? BlacklistStatus.IN_BLACKLIST : BlacklistStatus.NOT_IN_BLACKLIST });
}
