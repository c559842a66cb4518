/**
 * Message expansion: key/value pairs on a message sent with `canIncludeExpansion`, set or removed
 * by anyone who can see it; every participant's devices get an `expansion` item (Events.EXPANSION).
 */
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { RequestData } from '../../src/protocol/frames.js';
import type { NewItem } from '../storage/messaging-storage.js';
import type { ChatService } from './chat.js';
import { DomainError } from './errors.js';
import { checkExpansion } from './expansion-rules.js';
import { audience, outcome, viewTarget, type Outcome } from './outcome.js';
import { messageIn } from './recall.js';

type Empty = Record<string, never>;

async function apply(
  chat: ChatService,
  userId: string,
  data: RequestData<'updateMessageExpansion'> | RequestData<'removeMessageExpansionForKey'>,
  change: (existing: Record<string, string>) => {
    next: Record<string, string>;
    updated?: Record<string, string>;
    deleted?: string[];
  },
): Promise<Outcome<Empty>> {
  await chat.assertCanRead(userId, data);
  const stored = await messageIn(chat, userId, data, data.messageUId, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
  const m = stored.message;
  if (!m.canIncludeExpansion)
    throw new DomainError(ErrorCode.MESSAGE_KV_NOT_SUPPORT, 'the message was not sent with canIncludeExpansion');
  const { next, updated, deleted } = change(m.expansion ?? {});
  const items = (await audience(chat, m)).map((member) => ({
    userId: member,
    item: {
      type: 'expansion',
      conversationType: m.conversationType,
      targetId: viewTarget(m, member),
      messageUId: m.messageUId,
      ...(updated ? { updated } : {}),
      ...(deleted ? { deleted } : {}),
    } as NewItem,
  }));
  return outcome(chat, {}, await chat.storage.messaging.setExpansion(stored.id, next, items));
}

/** Sets or overwrites pairs (limits: 34010). */
export function updateMessageExpansion(chat: ChatService, userId: string, data: RequestData<'updateMessageExpansion'>) {
  return apply(chat, userId, data, (existing) => {
    checkExpansion(data.expansion, existing);
    return { next: { ...existing, ...data.expansion }, updated: data.expansion };
  });
}

/** Removes keys (unknown keys are ignored). */
export function removeMessageExpansionForKey(
  chat: ChatService,
  userId: string,
  data: RequestData<'removeMessageExpansionForKey'>,
) {
  return apply(chat, userId, data, (existing) => {
    const next = { ...existing };
    for (const key of data.keys) delete next[key];
    return { next, deleted: data.keys };
  });
}
