/**
 * A menu asked for before its items' code arrived: shown when the code arrives, unless the user has moved on
 * meanwhile (pressed elsewhere, Escape, Tab); a second request while waiting replaces the first.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { LateMenuItems } from './late-items.js';
import type { BuiltInMenuItem } from './menu.js';

class LateItemsHost extends LitElement {}
customElements.define('late-items-host', LateItemsHost);

const ITEMS: BuiltInMenuItem<string>[] = [{ id: 'one', label: 'one', run: () => undefined }];

/** A host whose items arrive when the test says so. */
async function slowItems(): Promise<{ late: LateMenuItems<string>; arrive: () => Promise<void> }> {
  const host = await fixture<LateItemsHost>(html`<late-items-host></late-items-host>`);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const late = new LateMenuItems<string>(host, async () => {
    await gate;
    return ITEMS;
  });
  return {
    late,
    arrive: async () => {
      release();
      await late.waiting;
    },
  };
}

describe('LateMenuItems', () => {
  it('shows a menu asked for before its items arrived once they do', async () => {
    const { late, arrive } = await slowItems();
    const shown: string[] = [];
    expect(late.open((items) => (shown.push(`bob:${items.length}`), true))).to.equal(true);
    expect(shown).to.deep.equal([]);
    await arrive();
    expect(shown).to.deep.equal(['bob:1']);
    // From now on the items are there: the menu opens at once.
    late.open(() => (shown.push('carol'), true));
    expect(shown).to.deep.equal(['bob:1', 'carol']);
  });

  for (const [move, act] of [
    ['Escape', () => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))],
    ['Tab', () => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }))],
    ['a press elsewhere', () => document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }))],
  ] as const) {
    it(`drops the menu when the user moves on (${move}) before the items arrive`, async () => {
      const { late, arrive } = await slowItems();
      const shown: string[] = [];
      late.open(() => (shown.push('bob'), true));
      act();
      await arrive();
      expect(shown).to.deep.equal([]);
    });
  }

  it('shows only the last of two menus asked for while waiting (a second right-click)', async () => {
    const { late, arrive } = await slowItems();
    const shown: string[] = [];
    late.open(() => (shown.push('bob'), true));
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, button: 2 }));
    expect(late.open(() => (shown.push('carol'), true))).to.equal(true);
    await arrive();
    expect(shown).to.deep.equal(['carol']);
  });

  it('ignores other keys while waiting (typing Shift for Shift+F10 does not cancel)', async () => {
    const { late, arrive } = await slowItems();
    const shown: string[] = [];
    late.open(() => (shown.push('bob'), true));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift', bubbles: true }));
    await arrive();
    expect(shown).to.deep.equal(['bob']);
  });
});
