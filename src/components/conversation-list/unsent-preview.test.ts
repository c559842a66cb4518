// The conversation list after a reload: a restored unsent message is the conversation's latest, as a send
// that just failed is, so the row previews it (not the message before it).
import { expect } from '@open-wc/testing';
import { ConversationType } from '../../protocol/enums.js';
import { openOutboxDb } from '../../services/store/outbox-db.js';
import {
  bubbleTexts,
  connectUser,
  conversationItem,
  disconnectAll,
  messageRows,
  mountChat,
  uniqueId,
  waitFor,
} from '../shared/test-utils.js';

const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });

describe('<conversation-list> and unsent messages', () => {
  afterEach(disconnectAll);

  it('after a reload, previews the restored unsent message of a conversation', async () => {
    const aliceId = uniqueId('alice');
    const first = await connectUser(aliceId);
    const bob = await connectUser(uniqueId('bob'));
    await first.kit.selectConversation(privateWith(bob.userId));
    const delivered = await first.kit.sendText('delivered before');
    expect(delivered?.sendState).to.equal('sent');
    await first.client.disconnect();
    void first.kit.sendText('typed offline');
    const db = openOutboxDb(first.client.getAppKey(), aliceId);
    for (let tries = 0; (await db.all()).length !== 1; tries++) {
      if (tries > 150) throw new Error('timed out waiting for the message to be kept in IndexedDB');
      await new Promise((r) => setTimeout(r, 20));
    }
    // The page goes away: only IndexedDB remains.
    first.kit.destroy();

    const second = await connectUser(aliceId);
    const view = await mountChat(second);
    const preview = () =>
      conversationItem(view.list, bob.userId)?.querySelector('[part~="preview"]')?.textContent?.trim() ?? '';
    await waitFor(() => preview() === 'typed offline', 3000, 'the row previews the unsent message');

    // The chat agrees: it ends with that message, not sent.
    await second.kit.selectConversation(privateWith(bob.userId));
    await waitFor(() => bubbleTexts(view.messages).at(-1) === 'typed offline', 3000, 'chat ends with it');
    expect(messageRows(view.messages).at(-1)!.dataset.sendState).to.equal('failed');
  });
});
