// safeHtml before the sanitiser has loaded (a fresh page: nothing asked for it yet): the part fills in
// when it arrives, sanitised, and a part that shows something else by then keeps it.
import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import { loadedSanitizer, loadSanitizer } from '../../services/sanitize-loader.js';
import { safeHtml } from './safe-html.js';

describe('safeHtml while the sanitiser loads', () => {
  it('fills in the sanitised HTML when the sanitiser arrives, and leaves a part that moved on alone', async () => {
    expect(loadedSanitizer(), 'not loaded in a fresh page').to.equal(undefined);
    const waiting = document.createElement('div');
    const replaced = document.createElement('div');
    document.body.append(waiting, replaced);
    const show = (host: HTMLElement, value: unknown) => render(html`<p>${value}</p>`, host);
    show(waiting, safeHtml('<b>bold</b><img src=x onerror="window.__hit = 1">'));
    show(replaced, safeHtml('<i>old</i>'));
    expect(waiting.querySelector('p')!.textContent).to.equal('');
    // The message changed before the sanitiser came: the newer content stays.
    show(replaced, 'new text');

    await loadSanitizer();
    await Promise.resolve();
    const p = waiting.querySelector('p')!;
    expect(p.querySelector('b')?.textContent).to.equal('bold');
    expect(p.querySelector('img')?.getAttribute('onerror')).to.equal(null);
    expect(replaced.querySelector('p')!.textContent).to.equal('new text');
    expect(replaced.querySelector('i')).to.equal(null);

    // Loaded now: the next render is direct.
    show(replaced, safeHtml('<i>now</i>'));
    expect(replaced.querySelector('i')?.textContent).to.equal('now');
    waiting.remove();
    replaced.remove();
  });
});
