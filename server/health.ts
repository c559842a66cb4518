/**
 * `GET /health`: liveness (the process answers) and readiness (storage and bus reachable), with
 * the node id and its connection count. 200 when ready, 503 when not, so a load balancer can
 * take a node out while its database or Redis is away and put it back when they return.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
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

/** Answers `/health`; a HEAD request (what load balancers send) gets the same status and headers, no body. */
export async function answerHealth(res: ServerResponse, sources: HealthSources, head = false): Promise<void> {
  const report = await healthReport(sources);
  const body = JSON.stringify(report);
  res.writeHead(report.status === 'ok' ? 200 : 503, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(head ? undefined : body);
}

/**
 * The monitoring routes: `/health` (GET or HEAD) and `/metrics` (GET; counters only, no user data,
 * for a local scraper). Returns false for any other request (the media routes and the signed Server
 * API take it).
 */
export function monitoringRoute(
  req: IncomingMessage,
  res: ServerResponse,
  sources: HealthSources & { metrics(): object },
): boolean {
  const path = (req.url ?? '').split('?')[0];
  if (path === '/metrics' && req.method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ ...sources.metrics(), bus: sources.bus() }));
    return true;
  }
  if (path === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
    void answerHealth(res, sources, req.method === 'HEAD');
    return true;
  }
  return false;
}
