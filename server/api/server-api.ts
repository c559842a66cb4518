/**
 * The HTTP Server API for the app's own backend: POST, signed headers, form or JSON body.
 * Refusals change nothing and answer `{ code, errorMessage }`; success answers `{ code: 200, ... }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, ServerApiCode } from '../../src/protocol/error-codes.js';
import { StorageUnavailableError } from '../storage/unavailable.js';
import { BUS_UNAVAILABLE, isRedisUnavailable } from '../failure-log.js';
import { DomainError } from '../domain/errors.js';
import type { ApiContext, EndpointTable } from './api-context.js';
import { endpoints } from './endpoints.js';
import { ApiError } from './params.js';
import { NonceCache, checkSignature } from './signature.js';
import type { AppRate } from './app-rate.js';
import { rateLimitedLog, type LogLimitOptions } from '../limits/log-limiter.js';

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 256 * 1024;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The client went away before its body was read: nothing to answer, one brief log line. */
class RequestAborted extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(header(req, 'content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) {
    return Promise.reject(new ApiError(413, ServerApiCode.PARAM_TOO_LONG, `body exceeds ${MAX_BODY_BYTES} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, ServerApiCode.PARAM_TOO_LONG, `body exceeds ${MAX_BODY_BYTES} bytes`));
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('aborted', () => reject(new RequestAborted('aborted mid-body')));
    req.on('error', (error) => reject(new RequestAborted(`aborted: ${error.message}`)));
  });
}

/** JSON object, or form fields where a repeated name becomes an array. */
function parseBody(req: IncomingMessage, body: Buffer): Record<string, unknown> {
  const type = (header(req, 'content-type') ?? '').toLowerCase();
  if (type.includes('application/json')) {
    let value: unknown;
    try {
      value = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      throw new ApiError(400, ServerApiCode.PARAM_ERROR, 'body is not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ApiError(400, ServerApiCode.PARAM_ERROR, 'body must be a JSON object');
    }
    return value as Record<string, unknown>;
  }
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) {
    const existing = params[key];
    params[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return params;
}

function send(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Creates the request handler for the Server API. */
export function createServerApi(
  ctx: ApiContext,
  log: (line: string) => void,
  logLimits: Omit<LogLimitOptions, 'clock'> = {},
  rate?: AppRate,
) {
  const nonces = new NonceCache(ctx.clock);
  // What any client can cause (aborted, malformed, unsigned requests) is logged briefly and rate-limited.
  const refusals = rateLimitedLog(log, 'server-api', { ...logLimits, clock: ctx.clock });
  const who = (req: IncomingMessage) => `${req.socket.remoteAddress ?? '?'}`;
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0]!;
    try {
      const endpoint = Object.prototype.hasOwnProperty.call(endpoints, path)
        ? (endpoints as EndpointTable)[path]
        : undefined;
      if (!endpoint) throw new ApiError(404, ServerApiCode.NOT_FOUND, `no endpoint ${path.slice(0, 100)}`);
      if (req.method !== 'POST') throw new ApiError(405, ServerApiCode.NOT_FOUND, 'use POST');
      // Read (and bound) the body first so a refused request never leaves unread data behind.
      const body = await readBody(req);
      const refusal = checkSignature(
        {
          appKey: header(req, 'app-key'),
          nonce: header(req, 'nonce'),
          timestamp: header(req, 'timestamp'),
          signature: header(req, 'signature'),
        },
        ctx,
        ctx.clock,
        nonces,
      );
      if (refusal) throw new ApiError(401, ServerApiCode.SIGNATURE_ERROR, refusal);
      if (rate && !(await rate.take(ctx.appKey)))
        throw new ApiError(429, ServerApiCode.RATE_LIMITED, `more than ${rate.perSecond} requests per second`);
      const result = await endpoint(parseBody(req, body), ctx);
      send(res, 200, { code: ServerApiCode.OK, ...result });
    } catch (error) {
      if (error instanceof RequestAborted) {
        refusals(`${path.slice(0, 100)} from ${who(req)}: ${error.message}`);
        return void res.destroy();
      }
      if (error instanceof ApiError) {
        refusals(`${path.slice(0, 100)} from ${who(req)}: ${error.status} ${error.message.slice(0, 120)}`);
        return send(res, error.status, { code: error.code, errorMessage: error.message });
      }
      // The database is away: 503 so a load balancer or retrying backend knows to try again.
      if (error instanceof StorageUnavailableError)
        return send(res, 503, { code: error.code, errorMessage: error.message });
      if (isRedisUnavailable(error))
        return send(res, 503, { code: ErrorCode.BIZ_ERROR_DATABASE_ERROR, errorMessage: BUS_UNAVAILABLE });
      if (error instanceof DomainError) return send(res, 400, { code: error.code, errorMessage: error.message });
      log(`server-api: ${path} failed: ${(error as Error).stack ?? String(error)}`);
      send(res, 500, { code: ServerApiCode.INTERNAL_ERROR, errorMessage: 'internal error' });
    }
  };
}
