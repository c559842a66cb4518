/**
 * `parley-server`'s abuse flags: every limit and quota of docs/server-api.md ("Abuse limits") as a
 * flag and a `PARLEY_*` environment variable (the flag wins). Kept apart from cli.ts so the
 * list of limits is written once: the parser options, the help lines and the mapping to
 * `startServer()` options all come from the table below.
 */
import type { ServerOptions } from './index.js';
import type { MediaCleanup } from './media/media-store.js';
import type { UserLimitOptions } from './limits/user-limits.js';
import type { SocketCapPolicy } from './gateway/gateway.js';
import { DEVICE_PLATFORMS, type DevicePlatform } from '../src/protocol/platforms.js';
import type { ChatroomLimitOptions } from './chatroom/config.js';
import { RECALL_BY } from '../src/protocol/messaging-limits.js';

type Apply = (options: ServerOptions, value: string, name: string) => void;

interface AbuseFlag {
  flag: string;
  env: string;
  arg: string;
  help: string;
  apply: Apply;
}

/** A whole number ≥ `min` (the flag's name in the error). */
function count(value: string, name: string, min = 0): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min)
    throw new Error(`${name}: not a whole number ≥ ${min}: ${value}`);
  return n;
}

function yesNo(value: string, name: string): boolean {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new Error(`${name}: expected true or false: ${value}`);
}

const CLEANUPS: readonly MediaCleanup[] = ['never', 'recall', 'recall-or-delete'];
const CAP_POLICIES: readonly SocketCapPolicy[] = ['kick-oldest', 'refuse'];

/** One of `allowed` (the flag's name in the error). */
function oneOf<T extends string>(value: string, name: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new Error(`${name}: expected one of ${allowed.join(', ')}: ${value}`);
  return value as T;
}

/** `web=1,mobile=1`: sessions per device platform (each platform at most once). */
function perPlatform(value: string, name: string): Partial<Record<DevicePlatform, number>> {
  const limits: Partial<Record<DevicePlatform, number>> = {};
  for (const pair of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [platform = '', n = ''] = pair.split('=').map((p) => p.trim());
    const known = oneOf(platform, name, DEVICE_PLATFORMS);
    if (known in limits) throw new Error(`${name}: ${known} given twice`);
    limits[known] = count(n, `${name} (${known})`);
  }
  return limits;
}

function perMinute(key: keyof UserLimitOptions): Apply {
  return (o, v, name) => (o.limits = { ...o.limits, [key]: count(v, name) });
}

const media = (o: ServerOptions) => (o.media ??= {});
const chatroom = (o: ServerOptions) => (o.chatroom ??= {});

function chatroomLimit(key: keyof ChatroomLimitOptions): Apply {
  return (o, v, name) => (chatroom(o).limits = { ...chatroom(o).limits, [key]: count(v, name) });
}

/** A number from 0 to 1. */
function share(value: string, name: string): number {
  const n = Number(value);
  if (!/^\d*\.?\d+$/.test(value.trim()) || !(n >= 0 && n <= 1))
    throw new Error(`${name}: not a number from 0 to 1: ${value}`);
  return n;
}

const FLAGS: AbuseFlag[] = [
  {
    flag: 'send-rate',
    env: 'PARLEY_SEND_RATE',
    arg: '<n>',
    help: 'Client sends per second per user (default 5; 0 = no limit)',
    apply: (o, v, n) => (o.sendRatePerSecond = count(v, n)),
  },
  {
    flag: 'api-rate',
    env: 'PARLEY_API_RATE',
    arg: '<n>',
    help: 'Server API requests per second per App Key (default 1000; 0 = no limit)',
    apply: (o, v, n) => (o.apiRequestsPerSecond = count(v, n)),
  },
  {
    flag: 'max-sockets-per-user',
    env: 'PARLEY_MAX_SOCKETS_PER_USER',
    arg: '<n>',
    help: 'Sockets per user (whole cluster); one more ends her oldest (default 32; 0 = no cap)',
    apply: (o, v, n) => (o.maxSocketsPerUser = count(v, n)),
  },
  {
    flag: 'socket-cap-policy',
    env: 'PARLEY_SOCKET_CAP_POLICY',
    arg: '<kick-oldest|refuse>',
    help: 'At the cap, end the oldest session (31010, default) or refuse the new one (31023)',
    apply: (o, v, n) => (o.socketCapPolicy = oneOf(v, n, CAP_POLICIES)),
  },
  {
    flag: 'max-devices-per-platform',
    env: 'PARLEY_MAX_DEVICES_PER_PLATFORM',
    arg: '<p=n,...>',
    help: 'Sessions per user per platform (web, desktop, mobile, miniprogram), e.g. web=1,mobile=1; one more ends her oldest there (default: no limit)',
    apply: (o, v, n) => (o.maxDevicesPerPlatform = perPlatform(v, n)),
  },
  {
    flag: 'history-before-join',
    env: 'PARLEY_HISTORY_BEFORE_JOIN',
    arg: '<bool>',
    help: 'New group members read messages from before they joined (default false)',
    apply: (o, v, n) => (o.groupHistoryBeforeJoin = yesNo(v, n)),
  },
  {
    flag: 'recall-window-ms',
    env: 'PARLEY_RECALL_WINDOW_MS',
    arg: '<n>',
    help: 'How long after sending a client may recall a message (default 120000; 0 = no limit)',
    apply: (o, v, n) => (o.recallWindowMs = count(v, n)),
  },
  {
    flag: 'recall-by',
    env: 'PARLEY_RECALL_BY',
    arg: '<who>',
    help: 'Who may recall from a client: sender | group-admins | anyone (default sender)',
    apply: (o, v, n) => (o.recallBy = oneOf(v, n, RECALL_BY)),
  },
  {
    flag: 'token-check-ms',
    env: 'PARLEY_TOKEN_CHECK_MS',
    arg: '<n>',
    help: 'How often open sockets are checked for expired or revoked tokens (default 1000)',
    apply: (o, v, n) => (o.tokenCheckMs = count(v, n, 50)),
  },
  {
    flag: 'media-quota-bytes',
    env: 'PARLEY_MEDIA_QUOTA_BYTES',
    arg: '<n>',
    help: 'Media bytes one user may keep stored (default 1 GiB; 0 = no quota)',
    apply: (o, v, n) => (media(o).quotaBytes = count(v, n)),
  },
  {
    flag: 'max-upload-bytes',
    env: 'PARLEY_MAX_UPLOAD_BYTES',
    arg: '<n>',
    help: 'Largest media upload (default 20 MB)',
    apply: (o, v, n) => (o.maxUploadBytes = count(v, n, 1)),
  },
  {
    flag: 'upload-idle-ms',
    env: 'PARLEY_UPLOAD_IDLE_MS',
    arg: '<n>',
    help: 'Drop an upload that sends no bytes for this long (default 30000)',
    apply: (o, v, n) => (media(o).idleTimeoutMs = count(v, n, 100)),
  },
  {
    flag: 'media-delete-with',
    env: 'PARLEY_MEDIA_DELETE_WITH',
    arg: '<when>',
    help: "Delete a message's uploads on: never | recall | recall-or-delete (default recall)",
    apply: (o, v, n) => (media(o).deleteWith = oneOf(v, n, CLEANUPS)),
  },
  {
    flag: 'drafts-per-minute',
    env: 'PARLEY_DRAFTS_PER_MINUTE',
    arg: '<n>',
    help: 'Drafts saved per user per minute (default 60)',
    apply: perMinute('draftsPerMinute'),
  },
  {
    flag: 'state-per-minute',
    env: 'PARLEY_STATE_PER_MINUTE',
    arg: '<n>',
    help: 'Pins, do-not-disturb, removals per user per minute (default 60)',
    apply: perMinute('conversationStatePerMinute'),
  },
  {
    flag: 'tags-per-minute',
    env: 'PARLEY_TAGS_PER_MINUTE',
    arg: '<n>',
    help: 'Tag operations per user per minute (default 60)',
    apply: perMinute('tagsPerMinute'),
  },
  {
    flag: 'expansion-per-minute',
    env: 'PARLEY_EXPANSION_PER_MINUTE',
    arg: '<n>',
    help: 'Message expansion changes per user per minute (default 60)',
    apply: perMinute('expansionPerMinute'),
  },
  {
    flag: 'receipts-per-minute',
    env: 'PARLEY_RECEIPTS_PER_MINUTE',
    arg: '<n>',
    help: 'Read receipts per user per minute (default 120)',
    apply: perMinute('receiptsPerMinute'),
  },
  {
    flag: 'typing-per-minute',
    env: 'PARLEY_TYPING_PER_MINUTE',
    arg: '<n>',
    help: 'Typing statuses per user per minute (default 30)',
    apply: perMinute('typingPerMinute'),
  },
  {
    flag: 'uploads-per-minute',
    env: 'PARLEY_UPLOADS_PER_MINUTE',
    arg: '<n>',
    help: 'Media uploads per user per minute (default 30)',
    apply: perMinute('uploadsPerMinute'),
  },
  {
    flag: 'chatroom-shedding-ceiling',
    env: 'PARLEY_CHATROOM_SHEDDING_CEILING',
    arg: '<n>',
    help: 'Chatroom load shedding: messages a room delivers per window (default 40; 0 = off)',
    apply: (o, v, n) => (chatroom(o).sheddingCeiling = count(v, n)),
  },
  {
    flag: 'chatroom-shedding-window-ms',
    env: 'PARLEY_CHATROOM_SHEDDING_WINDOW_MS',
    arg: '<n>',
    help: 'Chatroom load shedding window, ms (default 200)',
    apply: (o, v, n) => (chatroom(o).sheddingWindowMs = count(v, n, 10)),
  },
  {
    flag: 'chatroom-shedding-reserved-share',
    env: 'PARLEY_CHATROOM_SHEDDING_RESERVED_SHARE',
    arg: '<0-1>',
    help: 'Share of the window low-priority types may not use (default 0.5)',
    apply: (o, v, n) => (chatroom(o).sheddingReservedShare = share(v, n)),
  },
  {
    flag: 'chatroom-joins-per-minute',
    env: 'PARLEY_CHATROOM_JOINS_PER_MINUTE',
    arg: '<n>',
    help: 'Chatroom joins and quits per user per minute (default 60)',
    apply: chatroomLimit('joinsPerMinute'),
  },
  {
    flag: 'chatroom-rooms-created-per-minute',
    env: 'PARLEY_CHATROOM_ROOMS_CREATED_PER_MINUTE',
    arg: '<n>',
    help: 'Chatrooms a user may create by joining, per minute (default 5)',
    apply: chatroomLimit('roomsCreatedPerMinute'),
  },
  {
    flag: 'chatroom-max-joined-rooms',
    env: 'PARLEY_CHATROOM_MAX_JOINED_ROOMS',
    arg: '<n>',
    help: 'Chatrooms a user may be in at once with multiRoom (default 10)',
    apply: chatroomLimit('maxJoinedRooms'),
  },
  {
    flag: 'chatroom-reads-per-minute',
    env: 'PARLEY_CHATROOM_READS_PER_MINUTE',
    arg: '<n>',
    help: 'Chatroom reads (info, history, attributes, roles, queue) per user per minute (default 120)',
    apply: chatroomLimit('readsPerMinute'),
  },
  {
    flag: 'chatroom-kv-per-minute',
    env: 'PARLEY_CHATROOM_KV_PER_MINUTE',
    arg: '<n>',
    help: 'Chatroom attribute changes per user per minute (default 120)',
    apply: chatroomLimit('kvPerMinute'),
  },
  {
    flag: 'chatroom-queue-per-minute',
    env: 'PARLEY_CHATROOM_QUEUE_PER_MINUTE',
    arg: '<n>',
    help: 'Chatroom mic-queue changes per user per minute (default 60)',
    apply: chatroomLimit('queuePerMinute'),
  },
  {
    flag: 'chatroom-manage-per-minute',
    env: 'PARLEY_CHATROOM_MANAGE_PER_MINUTE',
    arg: '<n>',
    help: 'Chatroom role changes, kicks, mutes per user per minute (default 60)',
    apply: chatroomLimit('managePerMinute'),
  },
];

/** The `parseArgs` option specs of the abuse flags. */
export const abuseFlagSpecs = Object.fromEntries(FLAGS.map((f) => [f.flag, { type: 'string' as const }]));

/** The help lines of the abuse flags. */
export const abuseHelp = FLAGS.map((f) => {
  const left = `  --${f.flag} ${f.arg}`;
  const head = left.length < 32 ? left.padEnd(32) : `${left}\n${''.padEnd(32)}`;
  return `${head}${f.help}\n${''.padEnd(32)}(env ${f.env})`;
}).join('\n');

/** The `startServer()` options the abuse flags (or their env variables) set; throws on a bad value. */
export function abuseOptions(values: Record<string, unknown>, env: NodeJS.ProcessEnv): ServerOptions {
  const options: ServerOptions = {};
  for (const f of FLAGS) {
    const given = values[f.flag];
    const value = typeof given === 'string' ? given : env[f.env] || undefined;
    if (value !== undefined) f.apply(options, value, typeof given === 'string' ? `--${f.flag}` : f.env);
  }
  return options;
}
