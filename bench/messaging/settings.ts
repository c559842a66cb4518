/**
 * The messaging benchmark's settings (from the environment) and the names its parts share: who
 * is measured (`Candidate`) and what one phase on one server measured (`PhaseResult`).
 */
import { fileURLToPath } from 'node:url';
import type { Histogram } from '../lib/histogram.js';

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
export const HISTORY_MESSAGES = Number(process.env.BENCH_HISTORY_MESSAGES ?? 1_000_000);
/** BENCH_PHASES=2 (or 1,3, ...) runs only those phases (1:1 latency, 1:1 throughput, group latency, group throughput), e.g. to profile one. */
export const PHASES = process.env.BENCH_PHASES?.split(',').map(Number) ?? null;
/** How many times the 1:1 throughput phase runs on each server, alternating (the ratio is the median of the rounds'). */
export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
export const GROUP_SIZE = 500;
export const PAIRS = 20;
export const GENERATORS = 2;
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
export const RELAY = here('../lib/relay-server.ts');
export const GENERATOR = here('./generator.ts');
export const POSTGRES_ADMIN = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** How the load generators speak: Parley's protocol, or the bare relay's. */
export type Mode = 'parley' | 'relay';
/** Which server a row measured: the relay, or Parley on one engine. */
export type Candidate = 'relay' | 'sqlite' | 'postgres';

/** What one phase measured on one server. */
export interface PhaseResult {
  name: string;
  mode: Mode;
  candidate?: Candidate;
  sent: number;
  errors: number;
  deliveries: number;
  perSecond: number;
  deliveriesPerSecond: number;
  lat: Histogram;
  /** Time until every recipient had a group message ("whole group reached"). */
  groupLat?: Histogram;
  cpu: number;
  /** Server CPU per acknowledged message, µs: all threads, and the busiest thread alone. */
  cpuUsPerMsg: number;
  busiestUsPerMsg: number;
  rssMb: number;
}
