/**
 * The Server API's per-app rate: requests per second per App Key, counted after the signature is
 * verified (an anonymous client cannot spend the app's budget) through the shared limiter, so it
 * holds for the whole cluster with Redis. Over it: HTTP 429 with code 1008 (`RATE_LIMITED`).
 */
import type { Limiter, LimitRule } from '../limits/limiter.js';

/** Default Server API requests per second per App Key (a backend's burst; 0 disables it). */
export const DEFAULT_API_REQUESTS_PER_SECOND = 1000;

export interface AppRate {
  /** Takes one request of the app's budget; false when over. */
  take(appKey: string): Promise<boolean>;
  /** The configured rate (for the error message). */
  perSecond: number;
}

/** The per-app rate over `limiter` (a token bucket: `perSecond` at once, refilled per second). */
export function appRate(limiter: Limiter, perSecond = DEFAULT_API_REQUESTS_PER_SECOND): AppRate {
  const rule: LimitRule = { name: 'api', limit: perSecond, windowMs: 1000, smooth: true };
  return { perSecond, take: (appKey) => limiter.take(rule, appKey) };
}
