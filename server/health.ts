/**
 * `GET /health`: liveness (the process answers) and readiness (storage and bus reachable), with
 * the node id and its connection count. 200 when ready, 503 when not, so a load balancer can
 * take a node out while its database or Redis is away and put it back when they return.
 */
import type { ServerResponse } from 'node:http';
import type { BusHealth } from './bus/bus.js';

export interface HealthSources {
  nodeId: string;
  bus(): BusHealth;
  /** Resolves when storage answers a read. */
  probeStorage(): Promise<unknown>;
  connections(): number;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  nodeId: string;
  storage: { ready: boolean; error?: string };
  bus: BusHealth;
  connections: number;
}

const PROBE_TIMEOUT_MS = 2000;

export async function healthReport(sources: HealthSources): Promise<HealthReport> {
  let storage: HealthReport['storage'];
  try {
    await Promise.race([
      sources.probeStorage(),
      new Promise((_, fail) =>
        setTimeout(() => fail(new Error('storage did not answer in time')), PROBE_TIMEOUT_MS).unref(),
      ),
    ]);
    storage = { ready: true };
  } catch (error) {
    storage = { ready: false, error: (error as Error).message };
  }
  const bus = sources.bus();
  return {
    status: storage.ready && bus.ready ? 'ok' : 'degraded',
    nodeId: sources.nodeId,
    storage,
    bus,
    connections: sources.connections(),
  };
}

export async function answerHealth(res: ServerResponse, sources: HealthSources): Promise<void> {
  const report = await healthReport(sources);
  res.writeHead(report.status === 'ok' ? 200 : 503, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(report));
}
