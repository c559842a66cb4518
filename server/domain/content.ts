/**
 * Content rules of the built-in message types (the seeds' "required" columns), and URL safety:
 * media and link URLs must be http(s), or a path under our own `/media/`, so no `javascript:` or
 * `data:` link can ride in a message. Custom types (not `RC:`) are the app's business. Also what
 * every message's content obeys: its depth and size, the sender id in `content.user`, @-mentions.
 */
import * as v from 'valibot';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { MessageType } from '../../src/protocol/enums.js';
import { Limits } from '../../src/protocol/limits.js';
import { isSafeMediaPath } from '../../src/protocol/media-path.js';
import { DomainError } from './errors.js';

/** http(s) URLs, or a relative path to our media store. */
export function isSafeUrl(value: string): boolean {
  if (value.startsWith('/')) return isSafeMediaPath(value);
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const url = v.pipe(v.string(), v.maxLength(2048), v.check(isSafeUrl, 'must be an http(s) URL or a /media/ path'));
/** Thumbnails: base64 without a prefix (seeds: at most ~10k recommended; 80 KB hard cap). */
const base64 = v.pipe(
  v.string(),
  v.maxLength(80 * 1024),
  v.regex(/^[A-Za-z0-9+/=\s]*$/, 'must be base64 without a data: prefix'),
);
const count = v.pipe(v.number(), v.minValue(0), v.finite());
const user = v.optional(
  v.object({
    id: v.optional(v.string()),
    name: v.optional(v.string()),
    portraitUri: v.optional(v.union([v.literal(''), url])),
    extra: v.optional(v.string()),
  }),
);
const mentionedInfo = v.optional(
  v.object({
    // Seeds: every field of mentionedInfo is optional.
    type: v.optional(v.picklist([1, 2])),
    userIdList: v.optional(v.array(v.string())),
    mentionedContent: v.optional(v.string()),
  }),
);
/** Fields every message may carry (seeds' "拓展属性"). */
const common = { extra: v.optional(v.string()), user, mentionedInfo };

/** Schemas by type; `looseObject` keeps unknown fields (forward compatible), required ones are checked. */
const schemas: Record<string, v.GenericSchema> = {
  [MessageType.TEXT]: v.looseObject({ ...common, content: v.string() }),
  [MessageType.IMAGE]: v.looseObject({ ...common, content: base64, imageUri: url }),
  [MessageType.GIF]: v.looseObject({ ...common, gifDataSize: count, remoteUrl: url, width: count, height: count }),
  [MessageType.FILE]: v.looseObject({
    ...common,
    name: v.pipe(v.string(), v.minLength(1)),
    size: count,
    type: v.string(),
    fileUrl: url,
  }),
  [MessageType.HQ_VOICE]: v.looseObject({
    ...common,
    remoteUrl: url,
    duration: v.pipe(count, v.maxValue(60)),
    type: v.optional(v.string()),
  }),
  [MessageType.SIGHT]: v.looseObject({
    ...common,
    sightUrl: url,
    content: base64,
    duration: count,
    size: count,
    name: v.union([v.string(), v.number()]),
  }),
  [MessageType.LOCATION]: v.looseObject({
    ...common,
    longitude: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
    latitude: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
    poi: v.string(),
    content: base64,
  }),
  [MessageType.RICH_CONTENT]: v.looseObject({ ...common, title: v.string(), content: v.string(), imageUri: url, url }),
  [MessageType.REFERENCE]: v.looseObject({
    ...common,
    referMsgUserId: v.string(),
    referMsg: v.record(v.string(), v.unknown()),
    content: v.string(),
    objName: v.pipe(v.string(), v.minLength(1)),
    referMsgUid: v.optional(v.string()),
  }),
  [MessageType.INFORMATION_NOTIFICATION]: v.looseObject({ ...common, message: v.string() }),
  [MessageType.GROUP_NOTIFICATION]: v.looseObject({
    ...common,
    operatorUserId: v.string(),
    operation: v.string(),
    data: v.string(),
    message: v.string(),
  }),
  [MessageType.COMMAND]: v.looseObject({ ...common, name: v.pipe(v.string(), v.minLength(1)), data: v.string() }),
  [MessageType.TYPING_STATUS]: v.looseObject({ typingContentType: v.pipe(v.string(), v.maxLength(32)) }),
};

/**
 * Checks content against its built-in type. `RC:RcNtf` is only ever made by the server (a recall),
 * and other unknown `RC:` names are refused so clients cannot forge system types.
 */
export function validateContent(messageType: string, content: Record<string, unknown>): void {
  if (messageType === MessageType.RECALL_MESSAGE_NOTIFICATION) {
    throw new DomainError(
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
      'RC:RcNtf is sent by the server only (use recallMessage)',
    );
  }
  const schema = schemas[messageType];
  if (!schema) {
    if (messageType.startsWith('RC:') && messageType !== MessageType.CHATROOM_KV_NOTIFICATION) {
      throw new DomainError(ErrorCode.BIZ_ERROR_INVALID_PARAMETER, `unknown built-in message type ${messageType}`);
    }
    return;
  }
  const result = v.safeParse(schema, content);
  if (!result.success) {
    const issue = result.issues[0];
    const path = v.getDotPath(issue) ?? '';
    throw new DomainError(
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
      `content${path ? `.${path}` : ''}: ${issue.message} (${messageType})`,
    );
  }
  // A quote carries the quoted content: it obeys the rules of its own type (URLs included).
  if (messageType === MessageType.REFERENCE) {
    const objName = content['objName'] as string;
    const quoted = schemas[objName];
    if (quoted && objName !== MessageType.REFERENCE && !v.is(quoted, content['referMsg'])) {
      throw new DomainError(
        ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
        `content.referMsg: not a valid ${objName.slice(0, 32)} (RC:ReferenceMsg)`,
      );
    }
  }
}

/** Types that are never stored or counted whatever the sender says (seeds: command and typing). */
export function forcedFlags(messageType: string): { isPersisted?: false; isCounted?: false; isStatusMessage?: true } {
  if (messageType === MessageType.COMMAND) return { isPersisted: false, isCounted: false };
  if (messageType === MessageType.TYPING_STATUS) return { isPersisted: false, isCounted: false, isStatusMessage: true };
  return {};
}

/** Whether a JSON value nests deeper than `max`; walked without recursion, so deep input cannot exhaust the stack. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  // Only objects and arrays are pushed: a send's content is mostly strings and numbers.
  const stack: Array<[object, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > max) return true;
    for (const child of Object.values(v)) {
      if (typeof child === 'object' && child !== null) stack.push([child as object, depth + 1]);
    }
  }
  return false;
}

/** Content as it is stored and sent (JSON); content nested too deeply is refused (33003). */
export function encodeContent(content: unknown): string {
  if (nestsDeeperThan(content, Limits.MAX_CONTENT_DEPTH)) {
    throw new DomainError(
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
      `content nests deeper than ${Limits.MAX_CONTENT_DEPTH} levels`,
    );
  }
  return JSON.stringify(content);
}

/** Byte length of content as it is stored and sent; content nested too deeply is refused (33003). */
export function contentBytes(content: unknown): number {
  return Buffer.byteLength(encodeContent(content), 'utf8');
}

/**
 * `content.user` is sender info the app attaches (seeds: 用户信息, name and portrait shown with the
 * message). Its `id` must be the authenticated sender: it is overwritten (never refused), so an
 * honest client that left it stale or empty still sends, and no one can claim another sender.
 * Name, portrait and extra stay the app's business (a client should prefer its own profile data).
 */
export function withSenderId(content: Record<string, unknown>, senderUserId: string): Record<string, unknown> {
  const user = content['user'];
  if (user === undefined) return content;
  if (typeof user !== 'object' || user === null || Array.isArray(user)) return content; // the schema refuses it
  return { ...content, user: { ...(user as Record<string, unknown>), id: senderUserId } };
}

/** Whether group content @-mentions the user (@all, or the user in `userIdList`). */
export function mentions(content: Record<string, unknown>, userId: string): boolean {
  const info = content['mentionedInfo'] as { type?: unknown; userIdList?: unknown } | undefined;
  if (!info || typeof info !== 'object') return false;
  return info.type === 1 || (Array.isArray(info.userIdList) && info.userIdList.includes(userId));
}
