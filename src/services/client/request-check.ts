/**
 * The client's check of a request's arguments against the protocol's schemas (valibot), before it
 * goes out: a bad argument resolves BIZ_ERROR_INVALID_PARAMETER without touching the network. The
 * schemas and valibot are a module of their own, imported on the first request and prefetched when
 * the client connects (internals.ts `checkRequest`), so a page's initial load does not carry them.
 */
import * as v from 'valibot';
import {
  ClearUnreadRequestSchema,
  GetConversationListRequestSchema,
  GetHistoryMessagesRequestSchema,
} from '../../protocol/frames.js';
import { MessagingRequestSchemas } from '../../protocol/messaging.js';
import { PushRequestSchemas } from '../../protocol/push.js';
import { PresenceRequestSchemas } from '../../protocol/presence.js';

const SCHEMAS = {
  ...MessagingRequestSchemas,
  ...PushRequestSchemas,
  ...PresenceRequestSchemas,
  getConversationList: GetConversationListRequestSchema,
  getHistoryMessages: GetHistoryMessagesRequestSchema,
  clearMessagesUnreadStatus: ClearUnreadRequestSchema,
};

/** The ops the client checks before sending. */
export type CheckedOp = keyof typeof SCHEMAS;

/** The request's data with the schema's defaults filled in, or why it was refused. */
export type CheckResult = { ok: true; data: unknown } | { ok: false; msg: string };

export function check(op: CheckedOp, data: unknown): CheckResult {
  const parsed = v.safeParse(SCHEMAS[op], data);
  return parsed.success ? { ok: true, data: parsed.output } : { ok: false, msg: v.summarize(parsed.issues) };
}
