/**
 * Media uploads and downloads over HTTP, beside the gateway and the Server API.
 *
 * - `POST /upload?kind=image|audio|video|file&name=<file name>`, header `Authorization: Bearer
 *   <user token>`, body = the raw file bytes, `Content-Type` = its type. Images, audio and video
 *   must have a type from the allowlist; `file` takes anything. Bodies over the limit are cut off.
 * - `GET /media/<id>` serves it back with safe headers: the stored type only when allowlisted
 *   (else `application/octet-stream`), `nosniff`, a sandbox CSP, and `attachment` for non-media.
 * - `DELETE /media/<id>` with the uploader's token removes it (others get 404).
 * Uploads are token-authenticated (not cookies), so CORS may allow every origin. Abuse bounds: a
 * per-user storage quota, a per-user upload rate (the shared limiter), and an idle timeout that
 * frees the socket of a stalled upload long before Node's 300 s request timeout.
 */
import { createWriteStream, rmSync, statSync, createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { MEDIA_PATH_PREFIX, UPLOAD_PATH, type UploadReply } from '../../src/protocol/messaging.js';
import { verifyToken, type TokenClaims } from '../auth/token.js';
import type { TokenGuard } from '../auth/token-guard.js';
import type { Clock } from '../clock.js';
import { newId } from '../domain/ids.js';
import type { Limiter } from '../limits/limiter.js';
import type { UserRules } from '../limits/user-limits.js';
import type { MediaStore } from './media-store.js';

/** Types served as themselves (inline); everything else is an `application/octet-stream` download. */
export const MEDIA_TYPES: Record<'image' | 'audio' | 'video', readonly string[]> = {
  image: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'],
  audio: ['audio/aac', 'audio/mpeg', 'audio/mp4', 'audio/ogg', 'audio/webm', 'audio/wav', 'audio/x-m4a'],
  video: ['video/mp4', 'video/webm', 'video/quicktime'],
};
const INLINE = new Set(Object.values(MEDIA_TYPES).flat());

/** Default per-user storage quota: 1 GiB. */
export const DEFAULT_MEDIA_QUOTA_BYTES = 1024 * 1024 * 1024;
/** Default idle timeout of an upload (no body bytes for this long ends it): 30 s. */
export const DEFAULT_UPLOAD_IDLE_MS = 30_000;

export interface MediaOptions {
  appKey: string;
  appSecret: string;
  clock: Clock;
  store: MediaStore;
  tokens: TokenGuard;
  limiter: Limiter;
  rules: UserRules;
  /** Largest upload in bytes (default 20 MB). */
  maxUploadBytes: number;
  /** Bytes one user may keep stored (default 1 GiB); 0 = no quota. */
  quotaBytes: number;
  /** An upload that sends no bytes for this long is dropped and its socket closed, ms. */
  idleTimeoutMs: number;
  log(line: string): void;
}

function reply(res: ServerResponse, status: number, body: UploadReply): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...CORS,
  });
  res.end(text);
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Allow-Methods': 'POST, GET, DELETE, OPTIONS',
};

/** Answers a refusal without reading the body: the connection closes after the answer. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, body: UploadReply): void {
  res.setHeader('Connection', 'close');
  res.on('finish', () => req.destroy());
  reply(res, status, body);
}

/**
 * Writes the body to `path`; stops (and pauses the request) once it passes `max` bytes. A body that
 * stalls for `idleMs` is dropped with its socket (`aborted`).
 */
function receive(
  req: IncomingMessage,
  path: string,
  max: number,
  idleMs: number,
): Promise<number | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    req.setTimeout(idleMs, () => {
      req.destroy();
      finish('aborted');
    });
    const file = createWriteStream(path);
    let size = 0;
    let done = false;
    const finish = (result: number | 'too-large' | 'aborted') => {
      if (done) return;
      done = true;
      if (typeof result === 'number') return void file.end(() => resolve(result));
      // The file may still be opening: resolve once it is closed, so the caller's removal comes after its creation.
      if (file.closed) return resolve(result);
      file.once('close', () => resolve(result));
      file.destroy();
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > max) {
        req.pause();
        return finish('too-large');
      }
      if (!file.write(chunk)) {
        req.pause();
        file.once('drain', () => req.resume());
      }
    });
    req.on('end', () => {
      req.setTimeout(0);
      finish(size);
    });
    req.on('aborted', () => finish('aborted'));
    req.on('error', () => finish('aborted'));
    file.on('error', () => finish('aborted'));
  });
}

/** Creates the handler; it returns false for paths that are not its own. */
export function createMediaHandler(o: MediaOptions) {
  const { store } = o;

  /** The token's user, or null (after answering 401) when the token is missing, bad, expired or revoked. */
  async function authenticate(req: IncomingMessage, res: ServerResponse): Promise<TokenClaims | null> {
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const check = token ? verifyToken(token, o.appKey, o.appSecret, o.clock.now()) : ({ ok: false } as const);
    if (check.ok && !(await o.tokens.isRevoked(check.claims))) return check.claims;
    refuse(req, res, 401, { code: ErrorCode.RC_CONN_TOKEN_INCORRECT, msg: 'a valid user token is required' });
    return null;
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const claims = await authenticate(req, res);
    if (!claims) return;
    if (!(await o.limiter.take(o.rules.upload, claims.userId))) {
      return refuse(req, res, 429, {
        code: ErrorCode.REQUEST_OVER_FREQUENCY,
        msg: `more than ${o.rules.upload.limit} uploads per minute`,
      });
    }
    const kind = url.searchParams.get('kind') ?? 'file';
    const type = (req.headers['content-type'] ?? 'application/octet-stream')
      .split(';')[0]!
      .trim()
      .toLowerCase()
      .slice(0, 128);
    if (kind !== 'file' && !(MEDIA_TYPES as Record<string, readonly string[]>)[kind]?.includes(type)) {
      return reply(res, 415, {
        code: ErrorCode.UPLOAD_FAIL,
        msg: `type ${type.slice(0, 64)} is not allowed for ${kind.slice(0, 16)}`,
      });
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > o.maxUploadBytes)
      return refuse(req, res, 413, { code: ErrorCode.UPLOAD_FAIL, msg: `larger than ${o.maxUploadBytes} bytes` });
    const room = o.quotaBytes > 0 ? o.quotaBytes - (await store.usage(claims.userId)).bytes : Infinity;
    const quotaFull = { code: ErrorCode.UPLOAD_FAIL, msg: `the storage quota of ${o.quotaBytes} bytes is used up` };
    if (declared > room || room <= 0) return refuse(req, res, 413, quotaFull);
    const max = Math.min(o.maxUploadBytes, room);
    // eslint-disable-next-line no-control-regex -- control characters are what this strips
    const name = (url.searchParams.get('name') ?? 'file').replace(/[\u0000-\u001f/\\]/g, '_').slice(0, 255) || 'file';
    const id = newId(24);
    const path = store.pathOf(id);
    const stored = await receive(req, path, max, o.idleTimeoutMs);
    if (stored === 'too-large') {
      rmSync(path, { force: true });
      return refuse(
        req,
        res,
        413,
        max < o.maxUploadBytes
          ? quotaFull
          : { code: ErrorCode.UPLOAD_FAIL, msg: `larger than ${o.maxUploadBytes} bytes` },
      );
    }
    if (stored === 'aborted') return void rmSync(path, { force: true });
    const size = stored;
    await store.add({ id, userId: claims.userId, name, type, size, createdTime: o.clock.now() });
    reply(res, 200, { code: 0, url: `${MEDIA_PATH_PREFIX}${id}`, name, size, type });
  }

  /** The uploader removes her upload; anyone else (or an unknown id) gets 404. */
  async function remove(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const claims = await authenticate(req, res);
    if (!claims) return;
    const record = await store.get(id);
    if (!record || record.userId !== claims.userId)
      return reply(res, 404, { code: ErrorCode.UPLOAD_FAIL, msg: 'no such upload of yours' });
    await store.remove(id);
    reply(res, 200, { code: 0 });
  }

  async function download(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const record = await store.get(id);
    if (!record) {
      res.writeHead(404, { 'Content-Type': 'text/plain', ...CORS }).end('not found');
      return;
    }
    const inline = INLINE.has(record.type);
    const total = statSync(store.pathOf(id)).size;
    const headers: Record<string, string | number> = {
      'Content-Type': inline ? record.type : 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(record.name)}`,
      'Cache-Control': 'private, max-age=31536000, immutable',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Accept-Ranges': 'bytes',
      ...CORS,
    };
    // One byte range, so audio and video can seek.
    const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ''));
    if (range && (range[1] || range[2])) {
      const start = range[1] ? Number(range[1]) : Math.max(0, total - Number(range[2]));
      const end = range[1] && range[2] ? Math.min(Number(range[2]), total - 1) : total - 1;
      if (start > end || start >= total) {
        res.writeHead(416, { 'Content-Range': `bytes */${total}`, ...CORS }).end();
        return;
      }
      res.writeHead(206, {
        ...headers,
        'Content-Range': `bytes ${start}-${end}/${total}`,
        'Content-Length': end - start + 1,
      });
      if (req.method === 'HEAD') return void res.end();
      await pipeline(createReadStream(store.pathOf(id), { start, end }), res).catch(() => undefined);
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': total });
    if (req.method === 'HEAD') return void res.end();
    await pipeline(createReadStream(store.pathOf(id)), res).catch(() => undefined);
  }

  return function handle(req: IncomingMessage, res: ServerResponse): boolean {
    // A request target such as `//x[:y` is no URL; it is not ours, and must not throw out of the server.
    const url = parseTarget(req.url);
    if (!url) return false;
    const isUpload = url.pathname === UPLOAD_PATH;
    const isMedia = url.pathname.startsWith(MEDIA_PATH_PREFIX);
    if (!isUpload && !isMedia) return false;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...CORS, 'Access-Control-Max-Age': '600' }).end();
      return true;
    }
    const work =
      isUpload && req.method === 'POST'
        ? upload(req, res, url)
        : isMedia && (req.method === 'GET' || req.method === 'HEAD')
          ? download(req, res, url.pathname.slice(MEDIA_PATH_PREFIX.length))
          : isMedia && req.method === 'DELETE'
            ? remove(req, res, url.pathname.slice(MEDIA_PATH_PREFIX.length))
            : Promise.resolve(void res.writeHead(405, CORS).end());
    work.catch((error: unknown) => {
      o.log(`media: ${url.pathname} failed: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) reply(res, 500, { code: ErrorCode.UPLOAD_FAIL, msg: 'internal error' });
      else res.destroy();
    });
    return true;
  };
}

/** The request target as a URL, or undefined when it cannot be parsed. */
function parseTarget(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}
