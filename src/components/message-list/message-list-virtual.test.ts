import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { bigStore } from '../../../test/fixtures/big-store.js';
import { textMessage } from '../../../test/fixtures/memory-client.js';
import { focusedIn, frames, messageBubble, mountMessageList, onScreen, scrollerOf } from '../shared/big-list-utils.js';
import { describeViolations, seriousViolations, shadow, waitFor } from '../shared/test-utils.js';

const LOADED = 10_000;
const OLDER = 100;
/** The newest generated message: `Message <NEWEST>`. */
const NEWEST = LOADED + OLDER;
const rows = (el: Element) => [...shadow(el).querySelectorAll<HTMLElement>('[role="listitem"]')];
const atBottom = (scroller: HTMLElement) => scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop < 2;

describe('<message-list> with 10,000 messages', function () {
  this.timeout(40_000);

  it('opens at the newest message with a bounded number of rows in the DOM', async () => {
    const { store } = await bigStore({ conversations: 0, messages: LOADED, olderOnServer: OLDER });
    expect(store.state.messages['1:peer-1']!.list).to.have.length(LOADED);
    const list = await mountMessageList(store);
    const scroller = scrollerOf(list);
    await waitFor(
      () => onScreen(messageBubble(list, NEWEST), scroller) && atBottom(scroller),
      3000,
      'newest on screen',
    );
    await frames();
    expect(atBottom(scroller)).to.equal(true);
    expect(rows(list).length).to.be.above(2).and.below(60);
    const last = rows(list).at(-1)!;
    expect(last.getAttribute('aria-posinset')).to.equal(String(LOADED));
    // Older history remains on the server: the full size is not known yet.
    expect(last.getAttribute('aria-setsize')).to.equal('-1');
    const violations = await seriousViolations(list);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
  });

  it('shows a new message to a reader at the bottom, and leaves a reader further up where they are', async () => {
    const { store, client, open } = await bigStore({ conversations: 0, messages: LOADED });
    const list = await mountMessageList(store);
    const scroller = scrollerOf(list);
    await waitFor(
      () => onScreen(messageBubble(list, LOADED), scroller) && atBottom(scroller),
      3000,
      'newest on screen',
    );

    client.receive(textMessage(open, LOADED + 1, open.targetId, client.userId));
    await waitFor(() => onScreen(messageBubble(list, LOADED + 1), scroller), 3000, 'new message on screen');
    await frames();
    expect(atBottom(scroller)).to.equal(true);
    expect(onScreen(messageBubble(list, LOADED + 1), scroller)).to.equal(true);

    scroller.scrollTop -= 600;
    await frames();
    // What the reader sees stays put. (scrollTop itself may move: rows that come into the window are
    // measured, and the spacer above takes the difference from the estimate.)
    const seen = rows(list).find((r) => r.getBoundingClientRect().top >= scroller.getBoundingClientRect().top)!;
    const seenTop = () => seen.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    const reading = seenTop();
    client.receive(textMessage(open, LOADED + 2, open.targetId, client.userId));
    await waitFor(() => store.state.messages['1:peer-1']!.list.length === LOADED + 2, 2000, 'stored');
    await frames();
    expect(seen.isConnected).to.equal(true);
    expect(Math.abs(seenTop() - reading)).to.be.below(1.5);
    expect(onScreen(messageBubble(list, LOADED + 2), scroller)).to.equal(false);
    expect(rows(list).length).to.be.below(60);
  });

  it('loads older messages at the top and keeps the message in view where it was', async () => {
    const { store } = await bigStore({ conversations: 0, messages: LOADED, olderOnServer: OLDER });
    const list = await mountMessageList(store);
    const scroller = scrollerOf(list);
    await waitFor(() => onScreen(messageBubble(list, NEWEST), scroller), 3000, 'newest on screen');

    // Jump to the top of what is loaded: Message 101 is the oldest loaded; scrolling there loads the rest.
    scroller.scrollTop = 0;
    const oldestLoaded = await waitFor(
      () => onScreen(messageBubble(list, OLDER + 1), scroller) && messageBubble(list, OLDER + 1),
      3000,
      'top of the loaded history',
    );
    const before = oldestLoaded.getBoundingClientRect().top;
    await waitFor(() => store.state.messages['1:peer-1']!.list.length === NEWEST, 3000, 'older page loaded');
    await frames();
    const after = messageBubble(list, OLDER + 1)!;
    expect(onScreen(after, scroller)).to.equal(true);
    expect(Math.abs(after.getBoundingClientRect().top - before)).to.be.below(4);
    expect(scroller.scrollTop).to.be.above(1000);

    scroller.scrollTop = 0;
    await waitFor(() => onScreen(messageBubble(list, 1), scroller), 3000, 'Message 1 on screen');
    expect(rows(list)[0]!.getAttribute('aria-posinset')).to.equal('1');
    expect(rows(list)[0]!.getAttribute('aria-setsize')).to.equal(String(NEWEST));
    await waitFor(
      () => shadow(list).querySelector('.status')?.textContent?.trim() === '没有更早的消息了',
      2000,
      'no more',
    );
    expect(rows(list).length).to.be.below(60);
  });

  it('lets a reader scrolling up through a prepended page go where they scroll while its rows change height', async () => {
    const { store } = await bigStore({ conversations: 0, messages: 200, olderOnServer: OLDER });
    const list = await mountMessageList(store);
    const scroller = scrollerOf(list);
    await waitFor(() => onScreen(messageBubble(list, 200 + OLDER), scroller), 3000, 'newest on screen');
    scroller.scrollTop = 0;
    await waitFor(() => store.state.messages['1:peer-1']!.list.length === 200 + OLDER, 3000, 'older page loaded');
    await waitFor(() => scroller.scrollTop > 2000, 3000, 'the view kept where it was');
    await frames();

    const STEP = 150;
    const topOf = (el: Element) => el.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    for (let step = 0; step < 8; step++) {
      const tracked = rows(list).find((r) => topOf(r) >= 0)!;
      const before = topOf(tracked);
      // Within one frame: the reader scrolls up, and a row above the view grows (an image that just
      // loaded, a row measured late). The scroll event comes in the next frame, the size change in this one.
      await new Promise<void>((resolve) =>
        requestAnimationFrame(() => {
          scroller.scrollTop -= STEP;
          const above = rows(list).filter(
            (r) => r.getBoundingClientRect().bottom < scroller.getBoundingClientRect().top,
          );
          above.at(-2)?.style.setProperty('padding-block-start', '48px');
          resolve();
        }),
      );
      await frames();
      expect(tracked.isConnected).to.equal(true);
      // What the reader saw moved down by what they scrolled: never back up against their scroll.
      expect(topOf(tracked) - before, `step ${step}`).to.be.within(STEP - 2, STEP + 2);
    }
  });

  it('moves with Home and End across the whole loaded history', async () => {
    const { store } = await bigStore({ conversations: 0, messages: LOADED });
    const list = await mountMessageList(store);
    const scroller = scrollerOf(list);
    await waitFor(() => onScreen(messageBubble(list, LOADED), scroller), 3000, 'newest on screen');
    scroller.focus();
    await sendKeys({ press: 'ArrowUp' });
    await waitFor(
      () => focusedIn(list)?.closest('.row')?.getAttribute('aria-posinset') === String(LOADED),
      2000,
      'last message focused',
    );

    await sendKeys({ press: 'Home' });
    const first = await waitFor(
      () => focusedIn(list)?.closest('.row')?.getAttribute('aria-posinset') === '1' && focusedIn(list),
      2000,
      'first focused',
    );
    await frames();
    expect(onScreen(first, scroller)).to.equal(true);
    expect(first.textContent).to.match(/Message 1( |$)/);

    await sendKeys({ press: 'End' });
    const last = await waitFor(
      () => focusedIn(list)?.closest('.row')?.getAttribute('aria-posinset') === String(LOADED) && focusedIn(list),
      2000,
      'last focused',
    );
    await frames();
    expect(onScreen(last, scroller)).to.equal(true);
    expect(atBottom(scroller)).to.equal(true);
  });
});
