/** Opening ioredis connections the way every cluster part needs them. */
import { Redis } from 'ioredis';

export interface RedisConnectOptions {
  url: string;
  /** Shown in `CLIENT LIST` (tests find a node's subscriber by it). */
  name: string;
  log(line: string): void;
}

/**
 * Connects and resolves once ready, or rejects with a message naming the URL. After that the
 * connection reconnects by itself (backoff up to 2 s) and commands fail fast while it is down
 * instead of piling up in memory.
 */
export async function connectRedis(options: RedisConnectOptions): Promise<Redis> {
  const redis = new Redis(options.url, {
    lazyConnect: true,
    connectionName: options.name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 3000,
    retryStrategy: (times) => Math.min(times * 100, 2000),
  });
  let down = false;
  let ready = false;
  let lastError = '';
  redis.on('error', (error: Error) => {
    lastError = error.message;
    // Before the first connect the caller reports the failure itself.
    if (down || !ready) return;
    down = true;
    options.log(`redis ${options.name}: ${error.message} (${options.url}); reconnecting`);
  });
  redis.on('ready', () => {
    ready = true;
    if (!down) return;
    down = false;
    options.log(`redis ${options.name}: reconnected to ${options.url}`);
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`cannot reach Redis at ${options.url}: ${lastError || (error as Error).message}`, { cause: error });
  }
  return redis;
}
