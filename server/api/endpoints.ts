/**
 * The one table of Server API endpoints, composed from the feature modules' tables. To add an
 * endpoint, add it to its feature's table (or a new `*-endpoints.ts` spread here); feature modules
 * import `api-context.ts`, never this file.
 */
import { abuseEndpoints } from './abuse-endpoints.js';
import type { Endpoint, EndpointTable } from './api-context.js';
import { chatroomEndpoints } from './chatroom-endpoints.js';
import { chatroomBotEndpoints } from './chatroom-bot-endpoints.js';
import { chatroomEntryEndpoints } from './chatroom-entry-endpoints.js';
import { chatroomGuestEndpoints } from './chatroom-guest-endpoints.js';
import { chatroomModerationEndpoints } from './chatroom-moderation-endpoints.js';
import { chatroomProfileEndpoints } from './chatroom-profile-endpoints.js';
import { chatroomQueueEndpoints } from './chatroom-queue-endpoints.js';
import { chatroomRoleEndpoints } from './chatroom-role-endpoints.js';
import { groupEndpoints } from './group-endpoints.js';
import { historyEndpoints } from './history-endpoints.js';
import { groupMuteEndpoints } from './group-mute-endpoints.js';
import { groupRoleEndpoints } from './group-role-endpoints.js';
import { messagingEndpoints } from './messaging-endpoints.js';
import { moderationEndpoints } from './moderation-endpoints.js';
import { publishEndpoints } from './publish-endpoints.js';
import { sheddingEndpoints } from './shedding-endpoints.js';
import { userEndpoints } from './user-endpoints.js';

/**
 * Chatroom endpoints answer only once the state they changed (rooms, KV, moderation lists) is
 * committed, so a 200 survives the node dying right after it.
 */
function acknowledgedWhenDurable<T extends EndpointTable>(table: T): T {
  const wrap =
    (endpoint: Endpoint): Endpoint =>
    (params, ctx) =>
      ctx.chatrooms.durably(() => endpoint(params, ctx));
  return Object.fromEntries(Object.entries(table).map(([path, endpoint]) => [path, wrap(endpoint)])) as T;
}

export const endpoints = {
  ...userEndpoints,
  ...publishEndpoints,
  ...messagingEndpoints,
  ...groupEndpoints,
  ...groupMuteEndpoints,
  ...groupRoleEndpoints,
  ...moderationEndpoints,
  ...acknowledgedWhenDurable(chatroomEndpoints),
  ...acknowledgedWhenDurable(chatroomEntryEndpoints),
  ...acknowledgedWhenDurable(chatroomModerationEndpoints),
  ...acknowledgedWhenDurable(chatroomRoleEndpoints),
  ...acknowledgedWhenDurable(chatroomQueueEndpoints),
  ...acknowledgedWhenDurable(sheddingEndpoints),
  ...acknowledgedWhenDurable(chatroomProfileEndpoints),
  ...acknowledgedWhenDurable(chatroomGuestEndpoints),
  ...acknowledgedWhenDurable(chatroomBotEndpoints),
  ...historyEndpoints,
  ...abuseEndpoints,
  /** One path, two owners: chatroom recall (type 4) and private / group recall (types 1, 3). */
  async '/message/recall.json'(params, ctx) {
    if (String(params['conversationType']) === '4')
      return ctx.chatrooms.durably(() => (chatroomEndpoints as EndpointTable)['/message/recall.json']!(params, ctx));
    return messagingEndpoints['/message/recall.json'](params, ctx);
  },
} satisfies EndpointTable;
