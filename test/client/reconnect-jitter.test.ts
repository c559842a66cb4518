import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Events } from '../../src/services/client/index.js';
import { connectedClient, waitFor, useTestServer } from './helpers.js';

// Found by bench:reconnect: the first retry after a drop came exactly `reconnectMinDelay` after it
// for every client (the jitter was clamped away), so thousands of clients came back in one wave.
describe('client: reconnect jitter', () => {
  const { t, track } = useTestServer();

  it('spreads the first retries of clients dropped together between min and 2×min', async () => {
    const MIN = 200;
    const CLIENTS = 16;
    const lost: number[] = [];
    const retried: number[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const { client } = await connectedClient(t, `j${i}`, { reconnectMinDelay: MIN, reconnectMaxDelay: 5000 });
      track(client);
      client.addEventListener(Events.SUSPEND, () => lost.push(performance.now()));
      client.addEventListener(Events.CONNECTING, () => retried.push(performance.now()));
    }
    await t.stop();
    await waitFor(() => retried.length === CLIENTS, 'every client retried once', 3000);
    const delays = retried.map((at) => at - Math.min(...lost));
    assert.ok(Math.min(...delays) >= MIN - 5, `no retry before min (${Math.min(...delays).toFixed(0)} ms)`);
    assert.ok(
      Math.max(...delays) <= 2 * MIN + 100,
      `first retries within 2×min (${Math.max(...delays).toFixed(0)} ms)`,
    );
    assert.ok(
      Math.max(...delays) - Math.min(...delays) > MIN / 4,
      `spread ${(Math.max(...delays) - Math.min(...delays)).toFixed(0)} ms`,
    );
    await t.restart();
  });
});
