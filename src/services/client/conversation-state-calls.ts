/** Drafts, pin and the state of one conversation (conversation-state.ts), loaded with the first call of any late table (late-tables.ts). */
import { ErrorCode } from '../../protocol/constants.js';
import type { LateOpTable } from './bind.js';
import { toReceivedConversation } from './convert.js';
import type { ClientInternals } from './internals.js';
import type { IAsyncRes, IConversationOption, IReceivedConversation } from './types.js';

/** The feature's operations, each taking the client's internals first (bound through the stand-ins of late-tables.ts). */
export const conversationStateCalls = {
  /** Saves a draft on the server; the user's other devices get it in a CONVERSATION event (`draft`). */
  saveTextMessageDraft(ctx: ClientInternals, conversation: IConversationOption, draft: string) {
    return ctx.port.requestVoid(ctx, 'saveTextMessageDraft', { ...conversation, draft });
  },
  /** The conversation's saved draft ('' when none). */
  async getTextMessageDraft(ctx: ClientInternals, conversation: IConversationOption): Promise<IAsyncRes<string>> {
    return ctx.port.mapData(await conversationStateCalls.getConversation(ctx, conversation), (c) => c.draft);
  },
  /** Clears the draft on every device (saves ''). */
  clearTextMessageDraft(ctx: ClientInternals, conversation: IConversationOption): Promise<IAsyncRes<void>> {
    return conversationStateCalls.saveTextMessageDraft(ctx, conversation, '');
  },
  /** Pins (or unpins) a conversation on every device; getConversationList lists pinned ones first. */
  setConversationToTop(ctx: ClientInternals, conversation: IConversationOption, isTop = true) {
    return ctx.port.requestVoid(ctx, 'setConversationToTop', { ...conversation, isTop });
  },
  /** One conversation's current state (an empty one when it has none yet). */
  async getConversation(
    ctx: ClientInternals,
    conversation: IConversationOption,
  ): Promise<IAsyncRes<IReceivedConversation>> {
    const res = await ctx.port.request(ctx, 'getConversation', { ...conversation });
    return ctx.port.mapData(res, (d) => toReceivedConversation(d.conversation, ctx.userId()));
  },
  /** The oldest unread message (`{ messageUId, sentTime }`), or `data: null` when all is read. */
  async getFirstUnreadMessageInfo(
    ctx: ClientInternals,
    conversation: IConversationOption,
  ): Promise<IAsyncRes<{ messageUId: string; sentTime: number } | null>> {
    const res = await ctx.port.request(ctx, 'getFirstUnreadMessageInfo', { ...conversation });
    if (res.code !== ErrorCode.SUCCESS || !res.data) return ctx.port.mapData(res, () => null);
    return { code: ErrorCode.SUCCESS, data: res.data.info };
  },
} satisfies LateOpTable;
