/**
 * Checks the options of `imkit.init` before anything starts, so a wrong value fails at once with a
 * message that names the option, instead of a kit that silently shows something else.
 */
import { ErrorCode } from '../protocol/constants.js';
import type { IAsyncRes, IPushConfig, ISendMessageOptions } from '../services/client/types.js';

export type { IPushConfig };
import type { IMKitInitOption } from './kit.js';

/** Default and range of `conversationPullCount` (seeds: default 30, range 1–1000). */
export const CONVERSATION_PULL_COUNT = { default: 30, min: 1, max: 1000 } as const;
/** Range of `chatroomJoinCount` (seeds' join count: 1–50, −1 none, 0 = the seeds' 10). */
export const CHATROOM_JOIN_COUNT = { min: -1, max: 50 } as const;

function fail(message: string): never {
  throw new TypeError(`[parley] imkit.init: ${message}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Throws a `TypeError` (or `RangeError` for numbers out of range) naming the first bad option. */
export function validateInitOption(option: IMKitInitOption): void {
  if (!isObject(option as unknown)) fail('options must be an object');
  const count: unknown = option.conversationPullCount;
  if (count !== undefined) {
    const { min, max } = CONVERSATION_PULL_COUNT;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < min || count > max) {
      throw new RangeError(
        `[parley] imkit.init: conversationPullCount must be an integer from ${min} to ${max} (got ${String(count)})`,
      );
    }
  }
  const joinCount: unknown = option.chatroomJoinCount;
  if (joinCount !== undefined) {
    const { min, max } = CHATROOM_JOIN_COUNT;
    if (typeof joinCount !== 'number' || !Number.isInteger(joinCount) || joinCount < min || joinCount > max) {
      throw new RangeError(
        `[parley] imkit.init: chatroomJoinCount must be an integer from ${min} to ${max} (got ${String(joinCount)})`,
      );
    }
  }
  const rate: unknown = option.sendRatePerSecond;
  if (rate !== undefined && (typeof rate !== 'number' || !Number.isInteger(rate) || rate < 0 || rate > 1000)) {
    throw new RangeError(
      `[parley] imkit.init: sendRatePerSecond must be an integer from 0 to 1000 (got ${String(rate)})`,
    );
  }
  if (option.appkey !== undefined && typeof option.appkey !== 'string') fail('appkey must be a string');
  if (option.language !== undefined && typeof option.language !== 'string') fail('language must be a string');
  if (option.showOnlineStatus !== undefined && typeof option.showOnlineStatus !== 'boolean')
    fail('showOnlineStatus must be a boolean');
  const i18n: unknown = option.i18next;
  if (i18n !== undefined) {
    const methods = ['t', 'on', 'off', 'addResourceBundle', 'hasResourceBundle', 'getResourceBundle', 'changeLanguage'];
    if (!isObject(i18n) || methods.some((name) => typeof i18n[name] !== 'function'))
      fail('i18next must be an i18next instance');
  }
  if (option.libOption && option.appkey && option.libOption.appkey && option.libOption.appkey !== option.appkey) {
    fail('appkey and libOption.appkey differ');
  }
  const intercept = option.customIntercept;
  if (intercept !== undefined) {
    if (!isObject(intercept)) fail('customIntercept must be an object');
    if (intercept.interceptConversation !== undefined && typeof intercept.interceptConversation !== 'function') {
      fail('customIntercept.interceptConversation must be a function');
    }
  }
  const custom = option.customMessage;
  if (custom !== undefined) {
    if (!isObject(custom)) fail('customMessage must be an object');
    for (const group of ['userMessage', 'notifyMessage', 'lastMessage'] as const) {
      const renderers = custom[group];
      if (renderers === undefined) continue;
      if (!isObject(renderers)) fail(`customMessage.${group} must be an object of functions`);
      for (const [type, render] of Object.entries(renderers)) {
        if (typeof render !== 'function') fail(`customMessage.${group}['${type}'] must be a function`);
      }
    }
  }
}

/**
 * Options of `imkit.sendMessage`, as in the seeds' table. The push fields (`pushContent`, `pushData`,
 * `isVoipPush`, `pushConfig`) reach the app's push webhook (docs/push.md); `isFilerWhiteBlacklist` is
 * accepted and ignored.
 */
export interface IMKitSendMessageOptions extends ISendMessageOptions {
  isMentioned?: boolean;
  directionalUserIdList?: string[];
  canIncludeExpansion?: boolean;
  expansion?: Record<string, string>;
  isFilerWhiteBlacklist?: boolean;
}

/** Picks from the seeds' options what the client acts on; the mobile-push fields stay behind. */
export function checkSendOptions(
  options: IMKitSendMessageOptions,
): { options: ISendMessageOptions } | IAsyncRes<never> {
  if (typeof options !== 'object')
    return { code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER, msg: 'options must be an object' };
  const picked: ISendMessageOptions = {};
  for (const key of SENT_OPTIONS) {
    if (options[key] !== undefined) (picked as Record<string, unknown>)[key] = options[key];
  }
  return { options: picked };
}

/** The send options the client acts on. */
const SENT_OPTIONS = [
  'isStatusMessage',
  'disableNotification',
  'pushContent',
  'pushData',
  'isVoipPush',
  'pushConfig',
  'onSendBefore',
  'messageId',
  'isMentioned',
  'directionalUserIdList',
  'canIncludeExpansion',
  'expansion',
] as const satisfies ReadonlyArray<keyof ISendMessageOptions>;
