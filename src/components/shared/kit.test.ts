import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import * as Parley from '../../services/client/index.js';
import { CoreEvent, imkit } from '../../kit/kit.js';
import { defineCustomElements } from '../define.js';
import {
  bubbleTexts,
  connectUser,
  disconnectAll,
  items,
  publishText,
  session,
  shadow,
  testService,
  uniqueId,
  waitFor,
} from './test-utils.js';

describe('imkit (default kit)', () => {
  after(async () => {
    imkit.destroy();
    await Parley.disconnect();
    await disconnectAll();
  });

  it('defineCustomElements is idempotent', () => {
    defineCustomElements();
    defineCustomElements();
    expect(customElements.get('conversation-list')).to.not.equal(undefined);
    expect(customElements.get('message-list')).to.not.equal(undefined);
    expect(customElements.get('message-editor')).to.not.equal(undefined);
  });

  it('wires sibling elements through context on document.body, as in the docs quick start', async () => {
    // Elements exist before init, each in its own div: they pick the store up when it is provided.
    const root = await fixture<HTMLElement>(html`<div style="height:400px">
      <div class="chat-conversation" style="height:100%;width:30%;float:left"><conversation-list base-size="16px"></conversation-list></div>
      <div class="chat-message" style="height:100%;width:70%;float:left">
        <div style="height:calc(100% - 140px)"><message-list></message-list></div>
        <div style="height:140px"><message-editor></message-editor></div>
      </div>
    </div>`);
    const me = uniqueId('me');
    const peer = await connectUser(uniqueId('peer'));
    const s = await session(me);
    const libOption = { appkey: s.appkey, navi: s.navi };
    Parley.init(libOption);
    imkit.init({ appkey: s.appkey, service: testService(), libOption, conversationPullCount: 1000 });
    expect((await Parley.connect(s.token)).code).to.equal(0);
    await imkit.emit(CoreEvent.CONVERSATION, true);

    const list = root.querySelector('conversation-list')!;
    const messages = root.querySelector('message-list')!;
    await publishText(peer.userId, me, 'via server api');
    await waitFor(() => items(list)[0]?.textContent?.includes('via server api'), 3000, 'conversation via context');

    await imkit.selectConversation({ conversationType: Parley.ConversationType.PRIVATE, targetId: peer.userId });
    await waitFor(() => bubbleTexts(messages).includes('via server api'), 3000, 'messages via context');
    const editor = root.querySelector('message-editor')!;
    await editor.updateComplete;
    expect(shadow(editor).querySelector('textarea')!.disabled).to.equal(false);

    // A second init is ignored; the store stays the same.
    const store = imkit.store;
    imkit.init({ appkey: s.appkey });
    expect(imkit.store).to.equal(store);
  });

  it('selectConversation adds an in-memory conversation at the top', async () => {
    const stranger = uniqueId('stranger');
    await imkit.selectConversation({ conversationType: Parley.ConversationType.PRIVATE, targetId: stranger });
    const first = imkit.store.state.conversationList[0]!;
    expect(first.targetId).to.equal(stranger);
    expect(first.local).to.equal(true);
    expect(imkit.store.state.selected).to.equal(`1:${stranger}`);
  });
});
