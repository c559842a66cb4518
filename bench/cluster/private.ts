/** Private-message latency: a sender and a receiver on the wire protocol, one message at a time. */
import { Histogram, monoMs } from '../lib/histogram.js';
import { BENCH_APP } from '../lib/children.js';
import { benchToken } from '../lib/tokens.js';
import { WireClient } from '../lib/wire-client.js';

/** Sends `count` messages from a user on `senderUrl` to one on `receiverUrl`; send→push latency, ms. */
export async function privateLatency(
  senderUrl: string,
  receiverUrl: string,
  tag: string,
  count: number,
): Promise<Histogram> {
  const from = `pm-${tag}-from`;
  const to = `pm-${tag}-to`;
  const sender = await WireClient.connect(senderUrl, benchToken(from), BENCH_APP.appKey);
  const receiver = await WireClient.connect(receiverUrl, benchToken(to), BENCH_APP.appKey);
  const latency = new Histogram();
  let waiting: { body: string; start: number; done(): void } | undefined;
  receiver.onPush = (push) => {
    for (const item of push.data.items) {
      const content = item.type === 'message' ? (item.message.content as { content?: string }).content : undefined;
      if (waiting && content === waiting.body) {
        latency.record(monoMs() - waiting.start);
        waiting.done();
      }
    }
  };
  try {
    for (let i = 0; i < count; i++) {
      const body = `${tag}-${i}`;
      const arrived = new Promise<void>((done) => (waiting = { body, start: monoMs(), done }));
      const timeout = new Promise<never>((_, fail) =>
        setTimeout(() => fail(new Error(`private message ${body} did not arrive`)), 10_000).unref(),
      );
      void sender.request('sendMessage', {
        conversationType: 1,
        targetId: to,
        messageType: 'RC:TxtMsg',
        content: { content: body },
        clientMessageId: `pm-${tag}-${i}`,
      });
      await Promise.race([arrived, timeout]);
    }
  } finally {
    sender.close();
    receiver.close();
  }
  return latency;
}
