/**
 * The messaging benchmark's report: the phase and history tables, the 1:1 throughput ratios per
 * round, and the ratio lines the bench README records.
 */
import { printRatios, printTable, ratio, type Cell } from '../lib/table.js';
import type { HistoryResult } from './history.js';
import { PHASE_RUNS } from './phases.js';
import { GENERATORS, HISTORY_MESSAGES, PHASES, SECONDS, type Candidate, type PhaseResult } from './settings.js';

const median = (values: number[]) => {
  const v = [...values].sort((x, y) => x - y);
  const mid = (v.length - 1) / 2;
  return v.length === 0 ? NaN : (v[Math.floor(mid)]! + v[Math.ceil(mid)]!) / 2;
};

/** Prints a run's tables and ratios. */
export function report(results: Map<Candidate, PhaseResult[][]>, history: HistoryResult, seedSeconds: number): void {
  const sqlite = results.get('sqlite')!;
  const rows: Cell[][] = [];
  for (let i = 0; i < sqlite.length; i++) {
    for (let r = 0; r < sqlite[i]!.length; r++) {
      for (const candidate of ['sqlite', 'postgres', 'relay'] as const) {
        const x = results.get(candidate)?.[i]?.[r];
        if (!x) continue;
        rows.push([
          sqlite[i]!.length > 1 ? `${x.name} · round ${r + 1}` : x.name,
          candidate === 'relay' ? 'relay' : `parley/${candidate}`,
          x.sent,
          x.errors,
          Math.round(x.perSecond),
          Math.round(x.deliveriesPerSecond),
          x.lat.p50,
          x.lat.p99,
          x.lat.max,
          x.groupLat ? x.groupLat.p99 : '–',
          x.cpu,
          Math.round(x.cpuUsPerMsg),
          Math.round(x.busiestUsPerMsg),
          x.rssMb,
        ]);
      }
    }
  }
  printTable(
    `Messaging: Parley on SQLite (WAL, synchronous=NORMAL) and on PostgreSQL (fsync on) vs bare ws relay, ${SECONDS} s per phase, ${GENERATORS} load generators each`,
    [
      'phase',
      'server',
      'sent',
      'errors',
      'msg/s',
      'deliveries/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'all-500 p99 ms',
      'server CPU',
      'CPU µs/msg',
      'busiest thread µs/msg',
      'server RSS MB',
    ],
    rows,
  );
  printTable(
    `History: ${history.n} getHistoryMessages (count 20) at random times over ${HISTORY_MESSAGES.toLocaleString('en-US')} stored messages (seeded in ${seedSeconds.toFixed(1)} s)`,
    ['path', 'p50 ms', 'p99 ms', 'max ms', 'empty pages'],
    [
      ['Parley gateway (ws round trip)', history.wire.p50, history.wire.p99, history.wire.max, history.wireErrors],
      ['storage layer in-process', history.direct.p50, history.direct.p99, history.direct.max, history.directErrors],
    ],
  );
  /** Per round, `f` of one candidate ÷ `f` of another in the same round; the median over the rounds. */
  const rounds = (c: Candidate, base: Candidate, i: number, f: (x: PhaseResult) => number) => {
    const mine = results.get(c)?.[i] ?? [];
    const theirs = results.get(base)?.[i] ?? [];
    return mine.map((x, r) => (theirs[r] ? f(x) / f(theirs[r]!) : NaN));
  };
  const med = (c: Candidate, base: Candidate, i: number, f: (x: PhaseResult) => number) => {
    const m = median(rounds(c, base, i, f));
    return Number.isFinite(m) ? `${m.toFixed(2)}×` : '–';
  };
  const throughputIndex = PHASE_RUNS.filter(([n]) => !PHASES || PHASES.includes(n)).findIndex(([n]) => n === 2);
  if (throughputIndex >= 0) {
    for (const c of ['sqlite', 'postgres'] as const) {
      const each = rounds(c, 'relay', throughputIndex, (x) => x.perSecond);
      if (each.length === 0) continue;
      console.log(
        `\n1:1 throughput, ${c} ÷ relay in each round: ${each.map((v) => `${v.toFixed(2)}×`).join(' ')} (median ${median(each).toFixed(2)}×)`,
      );
      // What the ratio would be with a core per busy thread: relay CPU per message ÷ Parley's busiest thread's.
      const capacity = rounds('relay', c, throughputIndex, (x) => x.busiestUsPerMsg);
      console.log(
        `  relay µs/msg ÷ ${c}'s busiest thread µs/msg in each round: ${capacity.map((v) => `${v.toFixed(2)}×`).join(' ')} (median ${median(capacity).toFixed(2)}×)`,
      );
    }
  }
  // The ratios compare the four phases; a run of some phases (BENCH_PHASES) has only its tables.
  if (sqlite.length < 4) return;
  const hasPg = (results.get('postgres')?.length ?? 0) === 4;
  const p50 = (x: PhaseResult) => x.lat.p50;
  const p99 = (x: PhaseResult) => x.lat.p99;
  const msgps = (x: PhaseResult) => x.perSecond;
  const dps = (x: PhaseResult) => x.deliveriesPerSecond;
  /** The ratio lines of one Parley engine against the relay (`prefix` names the engine in each key). */
  const versusRelay = (c: Candidate, prefix: string): Array<[string, string]> => [
    [`${prefix}p2p_p50_vs_relay`, med(c, 'relay', 0, p50)],
    [`${prefix}p2p_p99_vs_relay`, med(c, 'relay', 0, p99)],
    [`${prefix}p2p_msgps_vs_relay`, med(c, 'relay', 1, msgps)],
    [`${prefix}p2p_busiest_thread_capacity_vs_relay`, med('relay', c, 1, (x) => x.busiestUsPerMsg)],
    [`${prefix}group_p99_vs_relay`, med(c, 'relay', 2, p99)],
    [`${prefix}group_deliveriesps_vs_relay`, med(c, 'relay', 3, dps)],
  ];
  printRatios([
    ...versusRelay('sqlite', ''),
    ['history_p99_vs_storage', ratio(history.wire.p99, history.direct.p99)],
    ...(hasPg
      ? [
          ...versusRelay('postgres', 'pg_'),
          ['pg_p2p_msgps_vs_sqlite', med('postgres', 'sqlite', 1, msgps)] as [string, string],
        ]
      : []),
  ]);
}
