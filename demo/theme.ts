// The demo's light / dark / system theme. "System" follows `prefers-color-scheme` (the demo's CSS and the
// kit's elements both do by themselves); light or dark sets `data-theme` on <html> for the demo's CSS and the
// kit's `theme` attribute on its elements (docs/theming.md). The choice is kept in localStorage, so every
// page and frame of the demo shares it, and a change made in one frame reaches the others.

export type DemoTheme = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'parley-demo-theme';
const KIT_ELEMENTS = 'conversation-list, message-list, message-editor, connection-banner';

export function storedTheme(): DemoTheme {
  let value: string | null = null;
  try {
    value = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage blocked (private mode, sandboxed frame): the system theme.
  }
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** Shows the page in `theme` (the demo's CSS and any kit element now in the page). */
export function applyTheme(theme: DemoTheme = storedTheme()): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  for (const element of document.querySelectorAll(KIT_ELEMENTS)) {
    if (theme === 'system') element.removeAttribute('theme');
    else element.setAttribute('theme', theme);
  }
}

/** Picks `theme` for this page and, through storage, for the demo's other pages and frames. */
export function setTheme(theme: DemoTheme): void {
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Not kept: this page still switches.
  }
  applyTheme(theme);
}

/** Applies the stored theme now and whenever another page or frame of the demo changes it. */
export function followTheme(onChange?: (theme: DemoTheme) => void): void {
  applyTheme();
  window.addEventListener('storage', (event) => {
    if (event.key !== STORAGE_KEY) return;
    applyTheme();
    onChange?.(storedTheme());
  });
}
