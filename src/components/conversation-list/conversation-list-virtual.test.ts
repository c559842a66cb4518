import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { bigStore } from '../../../test/fixtures/big-store.js';
import { focusedIn, frames, mountConversationList, onScreen, scrollerOf } from '../shared/big-list-utils.js';
import { answerConfirm, describeViolations, items, seriousViolations, shadow, waitFor } from '../shared/test-utils.js';

const COUNT = 5000;

describe('<conversation-list> with 5,000 conversations', function () {
  this.timeout(40_000);

  it('renders every row with no-virtualize (the debugging and benchmark switch), a window without', async () => {
    const { store } = await bigStore({ conversations: 300, messages: 0 });
    const list = await mountConversationList(store);
    await waitFor(() => items(list).length > 0, 3000, 'rows');
    expect(items(list).length).to.be.below(60);
    list.noVirtualize = true;
    await waitFor(() => items(list).length === 300, 3000, 'every row');
    expect(items(list).at(-1)!.getAttribute('aria-posinset')).to.equal('300');
    list.noVirtualize = false;
    await waitFor(() => items(list).length < 60, 3000, 'a window again');
  });

  it('renders only a window of rows, and says the full size to assistive technology', async () => {
    const { store } = await bigStore({ conversations: COUNT, messages: 0 });
    const list = await mountConversationList(store);
    await waitFor(() => items(list).length > 0, 3000, 'rows');
    await frames();
    const rows = items(list);
    expect(rows.length).to.be.above(5).and.below(100);
    expect(rows[0]!.getAttribute('aria-posinset')).to.equal('1');
    expect(rows.every((r) => r.getAttribute('aria-setsize') === String(COUNT))).to.equal(true);
    expect(rows[0]!.querySelector('.name')!.textContent).to.equal('Chat with peer-1');
    expect(rows.filter((r) => r.tabIndex === 0)).to.have.length(1);
    const violations = await seriousViolations(list);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
  });

  it('shows the right rows when scrolled to the middle, with the DOM still bounded', async () => {
    const { store } = await bigStore({ conversations: COUNT, messages: 0 });
    const list = await mountConversationList(store);
    const scroller = scrollerOf(list);
    await waitFor(() => items(list).length > 0, 3000, 'rows');
    await frames();
    const rowHeight = items(list)[0]!.getBoundingClientRect().height;
    scroller.scrollTop = scroller.scrollHeight / 2;
    await frames(3);
    const shown = items(list).filter((r) => onScreen(r, scroller));
    expect(shown.length).to.be.above(3);
    // Rows all have the same height here, so the row at the top follows from the scroll offset.
    const expected = Math.floor(scroller.scrollTop / rowHeight) + 1;
    expect(Math.abs(Number(shown[0]!.getAttribute('aria-posinset')) - expected)).to.be.at.most(1);
    expect(items(list).length).to.be.below(100);
  });

  it('reaches the last and first conversation with End and Home, and rows beyond the window with arrows', async () => {
    const { store } = await bigStore({ conversations: COUNT, messages: 0 });
    const list = await mountConversationList(store);
    const scroller = scrollerOf(list);
    await waitFor(() => items(list).length > 0, 3000, 'rows');
    items(list)[0]!.focus();

    await sendKeys({ press: 'End' });
    const last = await waitFor(
      () => focusedIn(list)?.getAttribute('aria-posinset') === String(COUNT) && focusedIn(list),
      2000,
      'last focused',
    );
    await frames();
    expect(onScreen(last, scroller)).to.equal(true);
    expect(last.querySelector('.name')!.textContent).to.equal(`Chat with peer-${COUNT}`);
    expect(last.tabIndex).to.equal(0);
    expect(items(list).length).to.be.below(100);

    await sendKeys({ press: 'ArrowUp' });
    await waitFor(() => focusedIn(list)?.getAttribute('aria-posinset') === String(COUNT - 1), 2000, 'one up');

    await sendKeys({ press: 'Home' });
    const first = await waitFor(
      () => focusedIn(list)?.getAttribute('aria-posinset') === '1' && focusedIn(list),
      2000,
      'first focused',
    );
    await frames();
    expect(onScreen(first, scroller)).to.equal(true);
    expect(scroller.scrollTop).to.equal(0);

    // Arrow down past the window's edge: each step stays on screen.
    for (let i = 0; i < 30; i++) await sendKeys({ press: 'ArrowDown' });
    const thirtyFirst = await waitFor(
      () => focusedIn(list)?.getAttribute('aria-posinset') === '31' && focusedIn(list),
      2000,
      'row 31',
    );
    await frames();
    expect(onScreen(thirtyFirst, scroller)).to.equal(true);
  });

  it('opens the context menu on a row far down and deletes it, keeping focus in the list', async () => {
    const { store } = await bigStore({ conversations: COUNT, messages: 0 });
    const list = await mountConversationList(store);
    await waitFor(() => items(list).length > 0, 3000, 'rows');
    items(list)[0]!.focus();
    await sendKeys({ press: 'End' });
    await waitFor(() => focusedIn(list)?.getAttribute('aria-posinset') === String(COUNT), 2000, 'last focused');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'F10' });
    await sendKeys({ up: 'Shift' });
    const menu = await waitFor(() => shadow(list).querySelector('[role="menu"]'), 2000, 'menu');
    expect(focusedIn(list)?.getAttribute('role')).to.equal('menuitem');
    (menu.querySelector('[role="menuitem"][data-id="delete"]') as HTMLElement).click();
    await answerConfirm(list, true);
    await waitFor(() => store.state.conversationList.length === COUNT - 1, 2000, 'deleted');
    const focused = await waitFor(
      () => focusedIn(list)?.getAttribute('role') === 'option' && focusedIn(list),
      2000,
      'focus back on a row',
    );
    expect(focused.getAttribute('aria-posinset')).to.equal(String(COUNT - 1));
    expect(focused.getAttribute('aria-setsize')).to.equal(String(COUNT - 1));
  });
});
