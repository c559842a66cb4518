/**
 * The kit's online dots (`imkit.init({ showOnlineStatus: true })`): follows the online status of the
 * peers of the listed private conversations through the client's subscriptions (seeds 5.9.8), and
 * keeps `state.online` up to date for the elements. New peers are followed as they appear; the
 * subscriptions are renewed long before they would lapse. The following itself (`online-follow.ts`)
 * loads when an app turns the dots on: they are off by default.
 */
import type { Slice, StorePort } from './slice.js';

export function createOnlineStatusSlice(port: StorePort, subscribe: (listener: () => void) => () => void) {
  return {
    actions: {
      /**
       * Follows the online status of the peers of the listed private conversations and keeps
       * `state.online` current (what `imkit.init({ showOnlineStatus: true })` turns on); returns the
       * function that stops it and unsubscribes.
       */
      followOnlineStatus(): () => void {
        let stop: (() => void) | undefined;
        let stopped = false;
        void import('./online-follow.js').then(
          (module) => {
            if (!stopped) stop = module.followOnlineStatus(port, subscribe);
          },
          (error: unknown) => console.error('[parley] could not load the online status', error),
        );
        return () => {
          stopped = true;
          stop?.();
          stop = undefined;
        };
      },
    },
  } satisfies Slice;
}

/** The online status slice's actions. */
export type OnlineStatusActions = ReturnType<typeof createOnlineStatusSlice>['actions'];
