/** Tokens for benchmark users, issued locally with the benchmark app's secret (no HTTP round trip). */
import { issueToken } from '../../server/auth/token.js';
import { BENCH_APP } from './children.js';

export function benchToken(userId: string): string {
  return issueToken({ userId, appKey: BENCH_APP.appKey, issuedAt: Date.now() }, BENCH_APP.appSecret);
}
