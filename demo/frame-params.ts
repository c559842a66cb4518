// The pages that put demo pages in frames (index.html, live.html) hand their own `?lang=` down to the frames,
// so `index.html?lang=ja` opens both chats in Japanese. The theme needs no passing: it lives in localStorage,
// which the frames share (theme.ts).

/** The page's address parameters its frames inherit. */
const INHERITED = ['lang'] as const;

/** Adds this page's inherited parameters to the address of every `<iframe>` in it (only those it has). */
export function passParamsToFrames(): void {
  const own = new URLSearchParams(location.search);
  const given = INHERITED.filter((name) => own.has(name));
  if (given.length === 0) return;
  for (const frame of document.querySelectorAll('iframe')) {
    const url = new URL(frame.getAttribute('src') ?? '', location.href);
    for (const name of given) url.searchParams.set(name, own.get(name)!);
    frame.src = url.href;
  }
}
