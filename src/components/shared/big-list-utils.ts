/** Helpers for the big-list suites (not part of the package): what is on screen, by text or position. */
import { fixture } from '@open-wc/testing';
import { html } from 'lit';
import type { KitStore } from '../../services/store/index.js';
import type { ConversationList } from '../conversation-list/conversation-list.js';
import type { MessageList } from '../message-list/message-list.js';
import { shadow } from './test-utils.js';

/** Whether any part of `el` is inside the scroller's visible box. */
export function onScreen(el: Element | null | undefined, scroller: HTMLElement): boolean {
  if (!el?.isConnected) return false;
  const r = el.getBoundingClientRect();
  const s = scroller.getBoundingClientRect();
  return r.height > 0 && r.bottom > s.top && r.top < s.bottom;
}

/** The scrolling element of a list. */
export function scrollerOf(el: Element): HTMLElement {
  return shadow(el).querySelector<HTMLElement>('.scroller')!;
}

/** The rendered bubble of generated message `n` (`Message <n> …`), if it is in the DOM. */
export function messageBubble(list: MessageList, n: number): HTMLElement | undefined {
  const pattern = new RegExp(`^Message ${n}( |$)`);
  return [...shadow(list).querySelectorAll<HTMLElement>('.bubble')].find((b) => pattern.test(b.textContent ?? ''));
}

/** The focused element inside a kit element's shadow root. */
export function focusedIn(el: Element): HTMLElement | null {
  return shadow(el).activeElement as HTMLElement | null;
}

/** Mounts a conversation list in a 300×420 box, on `store`. */
export async function mountConversationList(store: KitStore): Promise<ConversationList> {
  const root = await fixture<HTMLElement>(
    html`<div style="height:420px;width:300px"><conversation-list .store=${store}></conversation-list></div>`,
  );
  const list = root.querySelector('conversation-list')!;
  await list.updateComplete;
  return list;
}

/** Mounts a message list in a 600×420 box, on `store`. */
export async function mountMessageList(store: KitStore): Promise<MessageList> {
  const root = await fixture<HTMLElement>(
    html`<div style="height:420px;width:600px"><message-list .store=${store}></message-list></div>`,
  );
  const list = root.querySelector('message-list')!;
  await list.updateComplete;
  return list;
}

/** Waits two animation frames: scroll events, resize observations and the renders they cause. */
export function frames(count = 2): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(count);
  });
}
