/**
 * A client for the Server API that signs requests as the server expects. Used by tests, the demo
 * start script and the browser test runner (all in Node).
 */
import { randomBytes } from 'node:crypto';
import { signRequest } from './api/signature.js';

export type ApiParams = Record<string, string | number | boolean | string[]>;

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
   * POSTs form-encoded params (arrays become repeated fields) to `path` (e.g. `/user/getToken.json`)
   * and resolves with the parsed JSON body, whatever its `code`; rejects only on network errors.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each endpoint answers its own JSON shape
  call(path: string, params: ApiParams): Promise<any>;
}

/** Creates a signing Server API client. */
export function createServerApiClient(options: ServerApiClientOptions): ServerApiClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  return {
    async call(path, params) {
      const body = new URLSearchParams();
      for (const [key, value] of Object.entries(params)) {
        if (Array.isArray(value)) for (const item of value) body.append(key, item);
        else body.append(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
      }
      const nonce = randomBytes(12).toString('hex');
      const timestamp = String(now());
      const res = await fetch(base + path, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'App-Key': options.appKey,
          Nonce: nonce,
          Timestamp: timestamp,
          Signature: signRequest(options.appSecret, nonce, timestamp),
        },
        body,
      });
      return res.json();
    },
  };
}
