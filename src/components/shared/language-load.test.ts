import { expect } from '@open-wc/testing';
import { kitResources } from '../../i18n/index.js';
import { ParleyClient } from '../../services/client/index.js';
import { createKit } from '../../kit/kit.js';
import { defineCustomElements } from '../define.js';

defineCustomElements();

/** Any Chinese or Japanese character: none may show on a page set to English. */
const CJK = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('languages outside the initial load', () => {
  it('a kit set to en renders English at first paint: nothing Chinese shows while the strings load', async () => {
    // This file runs in a page of its own, so English has not been loaded by another suite.
    expect(kitResources('en'), 'en is loaded on demand').to.equal(undefined);
    const kit = createKit({ client: new ParleyClient({ appkey: 'k', navi: 'http://127.0.0.1:9' }) });
    kit.init({ language: 'en', provideOn: null });

    const root = document.createElement('div');
    const elements = [
      document.createElement('conversation-list'),
      document.createElement('message-list'),
      document.createElement('message-editor'),
    ];
    for (const el of elements) {
      el.store = kit.store;
      root.append(el);
    }
    document.body.append(root);
    // Everything each element's shadow root ever showed, text and attributes (aria-label, placeholder).
    const shown: string[] = [];
    const record = () => shown.push(...elements.map((el) => el.shadowRoot!.innerHTML));
    const observer = new MutationObserver(record);
    for (const el of elements)
      observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
    try {
      await Promise.all(elements.map((el) => el.updateComplete));
      record();
      expect(
        shown.filter((html) => CJK.test(html)),
        'Chinese shown before English',
      ).to.deep.equal([]);
      const [list, messages, editor] = elements.map((el) => el.shadowRoot!);
      expect(list!.querySelector('.empty')?.textContent).to.equal('No conversations yet');
      expect(messages!.querySelector('.placeholder')?.textContent).to.equal('Select a conversation to start chatting');
      expect(editor!.querySelector('.send')?.textContent?.trim()).to.equal('Send');
    } finally {
      observer.disconnect();
      root.remove();
      kit.destroy();
      await kit.changeLanguage({ lang: 'zh_CN' });
    }
  });
});
