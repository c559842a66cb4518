import { expect } from '@open-wc/testing';
import { ConversationType } from '../../protocol/enums.js';
import { createKit } from '../../kit/kit.js';
import { ParleyClient } from '../../services/client/index.js';
import { connectUser, disconnectAll, items, mountChat, publishText, uniqueId, waitFor } from './test-utils.js';

describe('imkit.removeConversation and init defaults', () => {
  afterEach(() => disconnectAll());

  it('removeConversation deletes on the server as the menu does: gone after a reload too', async () => {
    const user = await connectUser(uniqueId('me'));
    const [keep, drop] = [uniqueId('keep'), uniqueId('drop')];
    await publishText(keep, user.userId, 'stay');
    await publishText(drop, user.userId, 'go');
    const view = await mountChat(user);
    await waitFor(() => items(view.list).length === 2, 3000, 'two conversations');
    const res = await user.kit.removeConversation({ conversationType: ConversationType.PRIVATE, targetId: drop });
    expect(res.code).to.equal(0);
    expect(items(view.list).map((i) => i.dataset.key)).to.deep.equal([`1:${keep}`]);
    const listed = await user.client.getConversationList();
    expect(listed.data!.map((c) => c.targetId)).to.deep.equal([keep]);
    await user.kit.store.loadConversations();
    expect(items(view.list).length).to.equal(1);
  });

  it('init without libOption sets up the client with the appkey (the page origin serves as navi)', () => {
    const client = new ParleyClient();
    const kit = createKit({ client });
    kit.init({ appkey: 'app-key', provideOn: null });
    expect(client.isInitialized()).to.equal(true);
    expect(client.getAppKey()).to.equal('app-key');
    kit.destroy();
  });
});
