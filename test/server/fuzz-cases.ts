/**
 * Seeded generators of bad input for the gateway and the Server API: random and mutated frames
 * (wrong types, huge strings, deep nesting, bad UTF-8, unknown ops, binary) and Server API
 * requests (bad or replayed signatures, wrong types, huge bodies). Same seed, same cases.
 */
import { pick } from '../../bench/lib/random.js';

export type Rng = () => number;

export interface FrameCase {
  kind: string;
  payload: string | Buffer;
  binary: boolean;
  /** Close codes the protocol allows for this case (bad UTF-8: 1007; over the hard cap: 1009). */
  mayClose: number[];
}

const TEMPLATES: Record<string, Record<string, unknown>> = {
  connect: { token: 'x.y', appkey: 'app' },
  sync: { since: 0, limit: 50 },
  sendMessage: {
    conversationType: 1,
    targetId: 'va',
    messageType: 'RC:TxtMsg',
    content: { content: 'hi' },
    clientMessageId: 'c1',
  },
  getConversationList: { count: 10, startTime: 0, order: 0 },
  getHistoryMessages: { conversationType: 3, targetId: 'gv', timestamp: 0, count: 20, order: 0 },
  clearMessagesUnreadStatus: { conversationType: 3, targetId: 'gv', timestamp: 0 },
  ping: {},
};
const OPS = Object.keys(TEMPLATES);

const oneOf = <T>(r: Rng, xs: readonly T[]): T => xs[pick(r, xs.length)]!;

function randomString(r: Rng, max = 40): string {
  const alphabets = ['abcXYZ019', ' \t\n"\\/{}[]:,', 'éß中文😀\u0000\u001f\u2028', '_-=+.@:'];
  let s = '';
  const n = pick(r, max + 1);
  for (let i = 0; i < n; i++) s += oneOf(r, [...oneOf(r, alphabets)]);
  return s;
}

/** A random JSON value of a random type, nested at most `depth` deep. */
export function randomValue(r: Rng, depth = 2): unknown {
  switch (pick(r, depth > 0 ? 10 : 8)) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return oneOf(r, [0, -1, 1, 1.5, 2 ** 53, -(2 ** 63), 1e308, Number.MAX_SAFE_INTEGER + 2]);
    case 3:
      return pick(r, 1000);
    case 4:
      return randomString(r);
    case 5:
      return oneOf(r, ['', 'va', 'gv', 'fz', 'RC:TxtMsg', 'x'.repeat(65), '__proto__', 'constructor', 'bad id!']);
    case 6:
      return String(pick(r, 100));
    case 7:
      return oneOf(r, [[], {}, [1], { a: 1 }]);
    case 8:
      return Array.from({ length: pick(r, 4) }, () => randomValue(r, depth - 1));
    default:
      return Object.fromEntries(
        Array.from({ length: pick(r, 4) }, () => [randomString(r, 8), randomValue(r, depth - 1)]),
      );
  }
}

function deep(depth: number, leaf: unknown, asArray: boolean): string {
  return asArray
    ? '['.repeat(depth) + JSON.stringify(leaf) + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + JSON.stringify(leaf) + '}'.repeat(depth);
}

/** Mutates a valid request in 1–3 ways: field values of wrong types, removed or extra fields, a wrong op or id. */
function mutatedRequest(r: Rng): Record<string, unknown> {
  const op = oneOf(r, OPS);
  const frame: Record<string, unknown> = { id: 1 + pick(r, 1e6), op, data: structuredClone(TEMPLATES[op]) };
  const data = frame.data as Record<string, unknown>;
  for (let i = 0, n = 1 + pick(r, 3); i < n; i++) {
    const fields = Object.keys(data);
    switch (pick(r, 7)) {
      case 0:
        if (fields.length) data[oneOf(r, fields)] = randomValue(r);
        break;
      case 1:
        if (fields.length) delete data[oneOf(r, fields)];
        break;
      case 2:
        data[randomString(r, 10)] = randomValue(r);
        break;
      case 3:
        frame[oneOf(r, ['id', 'op', 'data'])] = randomValue(r);
        break;
      case 4:
        delete frame[oneOf(r, ['id', 'op', 'data'])];
        break;
      case 5:
        frame.op = oneOf(r, [
          '',
          'SEND',
          'sendmessage',
          'recall',
          '__proto__',
          'toString',
          'hasOwnProperty',
          randomString(r, 12),
        ]);
        break;
      default:
        if ('content' in data) data.content = randomValue(r, 3);
    }
  }
  return frame;
}

/** Mutates a JSON text at the character level (flip, insert, delete, truncate). */
function mutateText(r: Rng, text: string): string {
  const at = pick(r, text.length + 1);
  switch (pick(r, 4)) {
    case 0:
      return text.slice(0, at) + String.fromCharCode(pick(r, 0x3000)) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + oneOf(r, ['"', '{', '}', ',', '\\', '\u0000', 'null']) + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(at + 1 + pick(r, 5));
    default:
      return text.slice(0, at);
  }
}

/** One frame case. Huge and deep cases are rarer: they cost the most to build and send. */
export function frameCase(r: Rng): FrameCase {
  const roll = r();
  const text = (kind: string, payload: string, mayClose: number[] = []): FrameCase => ({
    kind,
    payload,
    binary: false,
    mayClose,
  });
  if (roll < 0.3) return text('mutated', JSON.stringify(mutatedRequest(r)));
  if (roll < 0.45) return text('text-mutated', mutateText(r, JSON.stringify(mutatedRequest(r))));
  if (roll < 0.55) return text('json-value', JSON.stringify(randomValue(r, 3)) ?? 'null');
  if (roll < 0.62) return text('garbage', randomString(r, 200));
  if (roll < 0.7)
    return text(
      'unknown-op',
      JSON.stringify({ id: 1 + pick(r, 1e6), op: randomString(r, 20) || 'x', data: randomValue(r) }),
    );
  if (roll < 0.76) {
    const id = oneOf(r, [0, -1, 1.5, 2 ** 53, '1', null, [], {}, Infinity]);
    return text('bad-id', `{"id":${JSON.stringify(id) ?? 'null'},"op":"ping","data":{}}`);
  }
  if (roll < 0.82) {
    const payload = Buffer.from(Array.from({ length: pick(r, 300) }, () => pick(r, 256)));
    return { kind: 'binary', payload, binary: true, mayClose: [] };
  }
  if (roll < 0.88) {
    // Invalid UTF-8 inside a text frame: a WebSocket protocol error, so the socket is closed (1007).
    const valid = Buffer.from(JSON.stringify(mutatedRequest(r)));
    const bad = oneOf(r, [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80]]);
    const at = pick(r, valid.length);
    return {
      kind: 'bad-utf8',
      payload: Buffer.concat([valid.subarray(0, at), Buffer.from(bad), valid.subarray(at)]),
      binary: false,
      mayClose: [1007],
    };
  }
  if (roll < 0.95) {
    const depth = oneOf(r, [100, 1000, 10_000, 50_000]);
    const inner = deep(depth, randomValue(r, 0), r() < 0.5);
    const where = pick(r, 3);
    const payload =
      where === 0
        ? inner
        : where === 1
          ? `{"id":7,"op":"sendMessage","data":{"conversationType":1,"targetId":"va","messageType":"RC:TxtMsg","clientMessageId":"d","content":{"x":${inner}}}}`
          : `{"id":7,"op":"getHistoryMessages","data":{"conversationType":1,"targetId":${inner}}}`;
    return text('deep', payload);
  }
  // Huge: around the 256 KB frame limit, and rarely past the 1 MB hard cap (the socket is closed: 1009).
  const size = oneOf(r, [100_000, 200_000, 262_144, 300_000, 300_000, 1_100_000]);
  const field = oneOf(r, ['targetId', 'content', 'clientMessageId', 'messageType', 'op']);
  const big = 'A'.repeat(size);
  const frame = mutatedRequest(r);
  if (field === 'op') frame.op = big;
  else if (field === 'content')
    (frame.data as Record<string, unknown>) = { ...TEMPLATES.sendMessage, content: { content: big } };
  else (frame.data as Record<string, unknown>) = { ...TEMPLATES.sendMessage, [field]: big };
  if (field === 'content') frame.op = 'sendMessage';
  // Past the cap the server closes with 1009 while the client may still be writing the frame; the
  // unread bytes then make the server's kernel reset the connection, which the client sees as 1006.
  return text('huge', JSON.stringify(frame), size > 1_048_576 ? [1009, 1006] : [1009]);
}

export interface ApiCase {
  kind: string;
  path: string;
  method: string;
  headers:
    'none' | 'signed' | 'bad-signature' | 'wrong-key' | 'stale' | 'malformed-timestamp' | 'long-nonce' | 'replay';
  contentType: string;
  body: string;
}

const ENDPOINTS: Record<string, { valid: Record<string, unknown>; required: string[] }> = {
  '/user/getToken.json': { valid: { userId: 'nu', name: 'N' }, required: ['userId'] },
  '/message/private/publish.json': {
    valid: { fromUserId: 'va', toUserId: 'vb', objectName: 'RC:TxtMsg', content: '{"content":"x"}' },
    required: ['fromUserId', 'toUserId', 'objectName', 'content'],
  },
  '/message/group/publish.json': {
    valid: { fromUserId: 'va', toGroupId: 'gv', objectName: 'RC:TxtMsg', content: '{"content":"x"}' },
    required: ['fromUserId', 'toGroupId', 'objectName', 'content'],
  },
  '/group/create.json': { valid: { userId: 'fz', groupId: 'gv' }, required: ['userId', 'groupId'] },
  '/group/join.json': { valid: { userId: 'fz', groupId: 'gv' }, required: ['userId', 'groupId'] },
  '/group/quit.json': { valid: { userId: 'va', groupId: 'gv' }, required: ['userId', 'groupId'] },
  '/group/dismiss.json': { valid: { userId: 'va', groupId: 'gv' }, required: ['userId', 'groupId'] },
};

/** Values no parameter accepts (for ids, names and content alike). */
const INVALID = ['', 'bad id!', 'x'.repeat(65), '{"a"', '[1,2]', 'a b', '<script>', '../../etc'];

function encodeForm(params: Record<string, unknown>): string {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const item of Array.isArray(v) ? v : [v])
      body.append(k, typeof item === 'string' ? item : (JSON.stringify(item) ?? ''));
  }
  return body.toString();
}

/**
 * One Server API case. A correctly signed request always carries at least one invalid required
 * parameter, so every case must be refused and nothing may change.
 */
export function apiCase(r: Rng): ApiCase {
  const known = Object.keys(ENDPOINTS);
  const path =
    r() < 0.9
      ? oneOf(r, known)
      : oneOf(r, [
          '/',
          '/user/getToken',
          '/USER/getToken.json',
          '/x.json',
          '/user/getToken.json/..',
          `/${randomString(r, 20)}`,
        ]);
  const spec = ENDPOINTS[path] ?? ENDPOINTS['/user/getToken.json']!;
  const headers = oneOf(r, [
    'none',
    'signed',
    'signed',
    'signed',
    'bad-signature',
    'wrong-key',
    'stale',
    'malformed-timestamp',
    'long-nonce',
    'replay',
  ] as const);
  const params: Record<string, unknown> = { ...spec.valid };
  for (let i = 0, n = pick(r, 3); i < n; i++)
    params[oneOf(r, [...Object.keys(params), randomString(r, 8)])] = randomValue(r);
  const mustFail = headers === 'signed' || headers === 'replay';
  // Only strings no field accepts: an object would become valid JSON content, a number a valid id.
  if (mustFail) params[oneOf(r, spec.required)] = oneOf(r, INVALID);
  const json = r() < 0.4;
  let body = json ? JSON.stringify(params) : encodeForm(params);
  let kind = json ? 'json' : 'form';
  const twist = r();
  if (twist < 0.05) [body, kind] = ['x'.repeat(300_000), 'huge'];
  // Text mutations can repair the invalid value, so correctly signed requests keep their body.
  else if (twist < 0.1 && !mustFail) [body, kind] = [mutateText(r, JSON.stringify(params)), 'broken-json'];
  else if (twist < 0.13) [body, kind] = [JSON.stringify([params]), 'json-array'];
  return {
    kind: `${kind}/${headers}`,
    path,
    method: r() < 0.95 ? 'POST' : oneOf(r, ['GET', 'PUT', 'DELETE']),
    headers,
    contentType:
      json || kind === 'json-array' || kind === 'broken-json'
        ? 'application/json'
        : 'application/x-www-form-urlencoded',
    body,
  };
}
