/**
 * A client for the Server API that signs every request as the server expects, for an app's backend
 * (Node 18+ or any runtime with `fetch`). Exported from `parley/server`.
 */
import { randomBytes } from 'node:crypto';
import type { Endpoint } from './api/api-context.js';
import type { endpoints } from './api/endpoints.js';
import { signRequest } from './api/signature.js';

/** Loose params for {@link ServerApiClient.call}: arrays become repeated form fields. */
export type ApiParams = Record<string, string | number | boolean | string[]>;

type Table = typeof endpoints;

/** Every Server API path this server answers, e.g. `/user/getToken.json`. */
export type ServerApiPath = keyof Table & string;

/** The params an endpoint takes, as its schema reads them (form strings or JSON values). */
export type ServerApiParams<P extends ServerApiPath> =
  Table[P] extends Endpoint<infer In, Record<string, unknown>> ? (unknown extends In ? ApiParams : In) : ApiParams;

/** The body of an endpoint's success reply (its `code` is 200). */
export type ServerApiReply<P extends ServerApiPath> = { code: 200 } & Awaited<ReturnType<Table[P]>>;

/** A refusal from the Server API: the reply's `code` and `errorMessage`, and the HTTP status. */
export class ServerApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ServerApiError';
  }
}

export interface ServerApiClientOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  appKey: string;
  appSecret: string;
  /** Time for the Timestamp header (default `Date.now`); match the server's injected clock in tests. */
  now?: () => number;
}

export interface ServerApiClient {
  /**
   * Calls an endpoint with params checked at compile time against the endpoint's schema, and
   * resolves with its success reply; rejects with a {@link ServerApiError} for any other `code`
   * (and with the network error when the server cannot be reached).
   *
   * @example
   * const { token } = await api.request('/user/getToken.json', { userId: 'alice', name: 'Alice' });
   */
  request<P extends ServerApiPath>(path: P, params: ServerApiParams<P>): Promise<ServerApiReply<P>>;
  /**
   * POSTs form-encoded params (arrays become repeated fields) to any `path` and resolves with the
   * parsed JSON body, whatever its `code`; rejects only on network errors. For paths and params
   * the types do not know (a newer server, deliberate bad input in tests).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each endpoint answers its own JSON shape
  call(path: string, params: ApiParams): Promise<any>;
}

function formBody(params: Record<string, unknown>): URLSearchParams {
  const body = new URLSearchParams();
  const add = (key: string, value: unknown) =>
    body.append(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) add(key, item);
    else add(key, value);
  }
  return body;
}

/** Creates a signing Server API client. */
export function createServerApiClient(options: ServerApiClientOptions): ServerApiClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  async function post(path: string, params: Record<string, unknown>): Promise<Response> {
    const nonce = randomBytes(12).toString('hex');
    const timestamp = String(now());
    return fetch(base + path, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'App-Key': options.appKey,
        Nonce: nonce,
        Timestamp: timestamp,
        Signature: signRequest(options.appSecret, nonce, timestamp),
      },
      body: formBody(params),
    });
  }
  return {
    async call(path, params) {
      return (await post(path, params)).json();
    },
    async request(path, params) {
      const res = await post(path, params as Record<string, unknown>);
      const reply = (await res.json()) as { code: number; errorMessage?: string };
      if (reply.code !== 200)
        throw new ServerApiError(res.status, reply.code, reply.errorMessage ?? `code ${reply.code}`);
      return reply as ServerApiReply<typeof path>;
    },
  };
}
