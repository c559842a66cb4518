/**
 * The benchmark page: builds a big store over the in-memory client, mounts one list on it (windowed
 * or with `no-virtualize`), and measures what the runner (run.ts) asks for. Exposed as `window.kitBench`.
 */
import type { ConversationList } from '../../src/components/conversation-list/conversation-list.js';
import { defineCustomElements } from '../../src/components/define.js';
import type { MessageList } from '../../src/components/message-list/message-list.js';
import { bigStore, type BigStore } from '../../test/fixtures/big-store.js';
import { textMessage } from '../../test/fixtures/memory-client.js';

defineCustomElements();

export type ListKind = 'conversations' | 'messages';

export interface Setup {
  list: ListKind;
  count: number;
  virtual: boolean;
}

let data: BigStore | undefined;
let element: ConversationList | MessageList | undefined;
let longFrames: number[] = [];

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

function scroller(): HTMLElement {
  return element!.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
}

function rowCount(): number {
  return element!.shadowRoot!.querySelectorAll('[role="option"], [role="listitem"]').length;
}

/** Long animation frames (over 50 ms) while the page runs, where the browser reports them. */
function watchLongFrames(): void {
  for (const type of ['long-animation-frame', 'longtask']) {
    if (!PerformanceObserver.supportedEntryTypes?.includes(type)) continue;
    new PerformanceObserver((list) => longFrames.push(...list.getEntries().map((e) => e.duration))).observe({
      type,
      buffered: false,
    });
    return;
  }
}

/** Builds the store (not timed; the runner collects its garbage before `mount`). */
async function build(options: Setup): Promise<void> {
  data = await bigStore(
    options.list === 'conversations'
      ? { conversations: options.count, messages: 0 }
      : { conversations: 0, messages: options.count },
  );
}

/** Mounts the list on the built store and times it until a frame has shown it. */
async function mount(options: Setup): Promise<{ firstRenderMs: number; rows: number; longFrameType: string }> {
  const box = document.createElement('div');
  box.className = 'box';
  element = document.createElement(options.list === 'conversations' ? 'conversation-list' : 'message-list');
  element.store = data!.store;
  element.noVirtualize = !options.virtual;
  await frame();
  const started = performance.now();
  box.append(element);
  document.body.append(box);
  await element.updateComplete;
  await frame();
  await frame();
  const firstRenderMs = performance.now() - started;
  watchLongFrames();
  const longFrameType = PerformanceObserver.supportedEntryTypes?.includes('long-animation-frame')
    ? 'long-animation-frame'
    : 'longtask';
  return { firstRenderMs, rows: rowCount(), longFrameType };
}

/** Scrolls by `px` per animation frame for `steps` frames; returns the frame intervals (ms). */
async function scrollSteps(steps: number, px: number): Promise<number[]> {
  const el = scroller();
  const times: number[] = [];
  let last = await frame();
  for (let i = 0; i < steps; i++) {
    el.scrollTop += px;
    const now = await frame();
    times.push(now - last);
    last = now;
  }
  return times;
}

/** Jumps to `count` spread-out positions (as dragging the scrollbar does); returns the frame intervals. */
async function jumps(count: number): Promise<number[]> {
  const el = scroller();
  const times: number[] = [];
  let last = await frame();
  for (let i = 0; i < count; i++) {
    // A fixed, scattered order of positions between 5% and 95% of the way.
    el.scrollTop = (el.scrollHeight - el.clientHeight) * (0.05 + ((i * 0.37) % 0.9));
    const now = await frame();
    times.push(now - last);
    last = now;
  }
  return times;
}

/** A new message arrives `count` times; returns ms from arrival to the next frame after the list updated. */
async function arrivals(count: number): Promise<number[]> {
  const { client, open } = data!;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    await frame();
    // Messages: into the open conversation. Conversations: into one far down, which moves to the top.
    const target =
      element!.localName === 'message-list'
        ? open
        : { conversationType: open.conversationType, targetId: `peer-${2000 + i}` };
    const started = performance.now();
    client.receive({ ...textMessage(target, 20_000 + i, target.targetId, client.userId), sentTime: Date.now() + i });
    await element!.updateComplete;
    await frame();
    out.push(performance.now() - started);
  }
  return out;
}

function takeLongFrames(): number[] {
  const out = longFrames;
  longFrames = [];
  return out;
}

Object.assign(window, { kitBench: { build, mount, scrollSteps, jumps, arrivals, takeLongFrames, rowCount } });
