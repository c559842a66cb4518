import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ConversationType,
  ErrorCode,
  Events,
  TextMessage,
  type IExpansionEvent,
} from '../../src/services/client/index.js';
import { connectedClient, waitFor, useTestServer } from './helpers.js';

const PRIVATE = ConversationType.PRIVATE;

describe('client: message expansion', () => {
  const { t, track } = useTestServer();

  it('updateMessageExpansion / removeMessageExpansionForKey reach the peer as EXPANSION', async () => {
    const a = await connectedClient(t, 'ea');
    const b = await connectedClient(t, 'eb');
    track(a.client, b.client);
    const events: IExpansionEvent[] = [];
    a.client.addEventListener(Events.EXPANSION, (e) => events.push(e));
    const sent = await a.client.sendMessage(
      { conversationType: PRIVATE, targetId: 'eb' },
      new TextMessage({ content: 'gift' }),
      {
        canIncludeExpansion: true,
        expansion: { claimed: 'no' },
      },
    );
    assert.equal(sent.data!.canIncludeExpansion, true);
    await waitFor(() => b.recorder.messages().length === 1, 'B receives');
    const received = b.recorder.messages()[0]!;
    assert.deepEqual(received.expansion, { claimed: 'no' });
    assert.equal((await b.client.updateMessageExpansion({ claimed: 'yes' }, received)).code, 0);
    await waitFor(() => events.length === 1, 'update');
    assert.deepEqual(events[0]!.updatedExpansion, {
      conversation: { conversationType: PRIVATE, targetId: 'eb', channelId: '' },
      messageUId: received.messageUId,
      expansion: { claimed: 'yes' },
    });
    assert.equal((await b.client.removeMessageExpansionForKey(['claimed'], received)).code, 0);
    await waitFor(() => events.length === 2, 'removal');
    assert.deepEqual(events[1]!.deletedExpansion!.deletedKeys, ['claimed']);
    assert.equal(
      (await b.client.updateMessageExpansion({ ['x'.repeat(33)]: '1' }, received)).code,
      ErrorCode.EXPANSION_LIMIT_EXCEET,
    );
  });
});
