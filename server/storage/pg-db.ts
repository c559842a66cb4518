/**
 * The PostgreSQL connection layer under `PgStorage`: a `pg` pool whose integers come back as
 * numbers, transactions that retry on deadlock or serialization failure, and the database's
 * reachability (logged when it is lost and when it is back; while lost, calls fail fast with
 * `StorageUnavailableError` and a probe reconnects in the background). Every statement is bounded
 * (`queryTimeoutMs`): a connection whose peer vanished without a reset (a firewall dropping packets)
 * would otherwise hang its next statement, and the send waiting on it, for good.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { PgPoolLike } from './pg-migrations.js';
import { StorageUnavailableError, redactUrl } from './unavailable.js';

/** A client or the pool: anything that can run a query. */
export type Queryable = pg.Pool | pg.PoolClient;

/** BIGINT (20) and NUMERIC (1700) as JS numbers: ids, seqs and ms times stay far below 2^53. */
const TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** SQLSTATE classes and codes that mean "the database is not there", not "the statement is wrong". */
function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  const code = e?.code ?? '';
  if (/^(08|53|57P)/.test(code) || code === '3D000' || code === '28000' || code === '28P01') return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE'].includes(code)) return true;
  // 55000 with this text: the database exists but takes no connections (ALLOW_CONNECTIONS false).
  // "Query read timeout": no answer within `queryTimeoutMs` (pg then drops that connection).
  return /Connection terminated|connection timeout|Client has encountered a connection error|not currently accepting connections|Query read timeout/i.test(
    e?.message ?? '',
  );
}

const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Every SQL text here is a constant, so each runs as a named prepared statement: PostgreSQL parses
 * and plans it once per connection instead of on every send.
 */
const names = new Map<string, string>();
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) names.set(sql, (name = `parley_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`));
  return name;
}

export interface PgDbOptions {
  /** Pool size (default 10). */
  max?: number;
  log?: (line: string) => void;
  /** How often to probe while the database is unreachable, ms (default 1000). */
  probeMs?: number;
  /**
   * How long one statement may go unanswered before it fails as `storage unavailable`, ms (default
   * 30000: far above any statement of a running node, which are indexed and paged). Migrations run
   * on a connection without this bound (`connectionConfig`).
   */
  queryTimeoutMs?: number;
}

/** The default of `PgDbOptions.queryTimeoutMs`. */
export const QUERY_TIMEOUT_MS = 30_000;

/**
 * What every connection to the database gets. TCP keepalive keeps firewalls and NATs from dropping
 * an idle pooled connection and lets the OS notice one whose peer is gone; the connect timeout
 * bounds a connection attempt into a blackhole.
 */
export function connectionConfig(url: string): pg.ClientConfig {
  return { connectionString: url, connectionTimeoutMillis: 5000, keepAlive: true, keepAliveInitialDelayMillis: 10_000 };
}

export class PgDb {
  readonly pool: pg.Pool;
  readonly safeUrl: string;
  private reachable = true;
  private probe: NodeJS.Timeout | null = null;
  private lastError = '';
  private closed = false;
  private readonly log: (line: string) => void;
  /**
   * The pool for the node's other PostgreSQL components (chatroom state, directory): the same
   * connections, and the same rule that nothing waits for a database known to be away.
   */
  readonly gatedPool: PgPoolLike;

  constructor(
    url: string,
    private readonly options: PgDbOptions = {},
  ) {
    this.safeUrl = redactUrl(url);
    this.log = options.log ?? (() => {});
    this.pool = new pg.Pool({
      ...connectionConfig(url),
      max: options.max ?? 10,
      types: TYPES,
      query_timeout: options.queryTimeoutMs ?? QUERY_TIMEOUT_MS,
    });
    // An idle client whose server went away emits 'error'; without a listener that would crash the process.
    this.pool.on('error', (error) => this.lost(error));
    this.gatedPool = {
      query: (text, values) => this.guard(() => this.pool.query(text, values)),
      connect: async () => {
        const client = await this.guard(() => this.pool.connect());
        let broken: Error | undefined;
        // Inside a transaction nothing is refused up front: its ROLLBACK must still reach the server.
        return {
          query: (text: string, values?: unknown[]) =>
            this.guard(() => client.query(text, values), false).catch((error: unknown) => {
              if (error instanceof StorageUnavailableError) broken = error;
              throw error;
            }),
          // A connection that failed (or timed out mid-statement) is closed, never handed out again.
          release: (error?: Error | boolean) => client.release(error ?? broken),
        };
      },
    };
  }

  /** Whether the last statement reached the database. */
  get isReachable(): boolean {
    return this.reachable;
  }

  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params: unknown[] = [],
    on: Queryable = this.pool,
  ): Promise<R[]> {
    return (await this.guard(() => on.query<R>({ name: statementName(sql), text: sql, values: params }))).rows;
  }

  /** Runs `fn` in one READ COMMITTED transaction on one client; retries deadlocks and serialization failures. */
  async tx<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.guard(() => this.once(fn));
      } catch (error) {
        if (attempt < 5 && RETRYABLE.has((error as { code?: string }).code ?? '')) continue;
        throw error;
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.probe) clearTimeout(this.probe);
    this.probe = null;
    await this.pool.end();
  }

  private async once<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // On a connection that failed or timed out a ROLLBACK would only wait out the bound again;
      // closing the connection rolls the transaction back on the server.
      if (isConnectionError(error)) broken = error as Error;
      else {
        try {
          await client.query('ROLLBACK');
        } catch (rollback) {
          broken = rollback as Error;
        }
      }
      throw error;
    } finally {
      // A client whose connection failed is destroyed, not returned to the pool.
      client.release(broken);
    }
  }

  /**
   * Turns connection failures into `StorageUnavailableError` and tracks reachability. While the
   * database is known to be away, `failFast` calls are refused at once instead of each waiting out
   * the connect timeout; the probe (below) notices when it is back.
   */
  private async guard<T>(run: () => Promise<T>, failFast = true): Promise<T> {
    if (failFast && !this.reachable) throw new StorageUnavailableError(new Error(this.lastError));
    try {
      const result = await run();
      if (!this.reachable) this.back();
      return result;
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      this.lost(error);
      throw new StorageUnavailableError(error);
    }
  }

  private lost(error: unknown): void {
    if (!this.reachable) return;
    this.reachable = false;
    this.lastError = `PostgreSQL at ${this.safeUrl} unreachable: ${(error as Error).message}`;
    this.log(
      `storage: PostgreSQL at ${this.safeUrl} unreachable (${(error as Error).message}); refusing writes until it is back`,
    );
    this.scheduleProbe();
  }

  /** One probe at a time (a blackholed database makes each wait out the connect timeout). */
  private scheduleProbe(): void {
    if (this.closed || this.reachable) return;
    this.probe = setTimeout(() => {
      this.pool.query('SELECT 1').then(
        () => this.back(),
        () => this.scheduleProbe(),
      );
    }, this.options.probeMs ?? 1000);
    this.probe.unref();
  }

  private back(): void {
    if (this.reachable) return;
    this.reachable = true;
    if (this.probe) clearTimeout(this.probe);
    this.probe = null;
    this.log(`storage: PostgreSQL at ${this.safeUrl} reachable again`);
  }
}
