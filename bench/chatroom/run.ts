/**
 * Chatroom fan-out, side by side in one run: one room, N member sockets spread over load-generator
 * processes, a few senders at a fixed total rate, against (a) Parley (its real CLI), (b) a bare `ws`
 * broadcaster and (c) Socket.IO rooms. Then a burst to find each server's delivery capacity.
 *
 * Usage: tsx bench/chatroom/run.ts [--members 1000,5000,10000] [--seconds 8] [--rate 20] [--senders 4]
 *        [--generators 4] [--servers parley,ws,sio] [--cpu-prof DIR]
 */
import { parseArgs } from 'node:util';
import { printRatios } from '../lib/table.js';
import { forkGenerators, runOne, type Options, type Outcome } from './scenario.js';
import { printSize, ratioEntries } from './report.js';
import type { Kind } from './dialects.js';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '1000,5000,10000' },
    seconds: { type: 'string', default: '4' },
    rate: { type: 'string', default: '20' },
    senders: { type: 'string', default: '4' },
    generators: { type: 'string', default: '4' },
    servers: { type: 'string', default: 'parley,ws,sio' },
    'burst-deliveries': { type: 'string', default: '200000' },
    'cpu-prof': { type: 'string' },
  },
});

const sizes = values.members.split(',').map(Number);
const kinds = values.servers.split(',') as Kind[];
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--members: ${values.members}`);
if (kinds.some((k) => !['parley', 'ws', 'sio'].includes(k))) throw new Error(`--servers: ${values.servers}`);

// The run stops itself: every benchmark must finish within 10 minutes. Past SOFT_LIMIT_MS no new
// server is started (what ran is still reported); HARD_LIMIT_MS is the backstop.
const SOFT_LIMIT_MS = 8 * 60_000;
const HARD_LIMIT_MS = 10 * 60_000;
setTimeout(() => {
  console.error('chatroom bench: 10-minute limit reached, stopping');
  process.exit(2);
}, HARD_LIMIT_MS).unref();

const started = performance.now();
const base: Omit<Options, 'members'> = {
  seconds: Number(values.seconds),
  rate: Number(values.rate),
  senders: Number(values.senders),
  generators: Number(values.generators),
  burstDeliveries: Number(values['burst-deliveries']),
  cpuProfDir: values['cpu-prof'],
};
console.log(
  `chatroom fan-out: members ${sizes.join(', ')}; ${base.senders} senders at ${base.rate} msg/s total for ${base.seconds} s; ` +
    `${base.generators} generators; burst ≈ ${base.burstDeliveries.toLocaleString('en-US')} deliveries`,
);

const gens = forkGenerators(base.generators);
const all = new Map<number, Map<Kind, Outcome>>();
for (const members of sizes) {
  const results = new Map<Kind, Outcome>();
  for (const kind of kinds) {
    if (performance.now() - started > SOFT_LIMIT_MS) {
      console.log(`  ${members} members, ${kind}: skipped, past the ${SOFT_LIMIT_MS / 60_000}-minute budget`);
      continue;
    }
    process.stdout.write(`  ${members} members, ${kind}... `);
    const outcome = await runOne(kind, { ...base, members }, gens);
    console.log(
      `ramp ${(outcome.rampMs / 1000).toFixed(1)} s, ${Math.round(outcome.rate.perSecond).toLocaleString('en-US')} deliveries/s`,
    );
    results.set(kind, outcome);
  }
  if (results.size === 0) continue;
  all.set(members, results);
  printSize(members, base, results);
}
printRatios([...all].flatMap(([members, results]) => ratioEntries(members, results)));
console.log(`\ntook ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(0);
