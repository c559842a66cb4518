import { css } from 'lit';

/** The dark values of the private colour tokens. */
const darkTokens = css`
  --_background: #16181c;
  --_surface: #1f2227;
  --_text: #e6e8eb;
  --_text-secondary: #a3abb6;
  --_border: #343840;
  --_hover: #2a2e35;
  --_selected: #25344d;
  --_primary: #6ea8fe;
  --_on-primary: #0b1220;
  --_focus: #8ab8ff;
  --_danger: #ff8a80;
  --_on-danger: #1b0b0a;
  --_disabled: #3a3f47;
  --_on-disabled: #c3c8cf;
  --_shadow: rgb(0 0 0 / 0.6);
  color-scheme: dark;
`;

/**
 * Styles every kit element starts from. Lengths in em so `base-size` scales everything. Colours are
 * private `--_*` tokens behind the public `--parley-color-*` properties: light by default, dark when
 * the system prefers it (unless `theme="light"`), or always with `theme="dark"`.
 */
export const hostStyles = css`
  :host {
    --_background: #ffffff;
    --_surface: #f5f6f8;
    --_text: #1f2328;
    --_text-secondary: #5c636e;
    --_border: #e3e5e8;
    --_hover: #eceef1;
    --_selected: #e1e8f5;
    --_primary: #1a73e8;
    --_on-primary: #ffffff;
    --_focus: #1a73e8;
    --_danger: #c5221f;
    --_on-danger: #ffffff;
    --_disabled: #c6cad1;
    --_on-disabled: #3c4043;
    --_shadow: rgb(0 0 0 / 0.18);
    color-scheme: light;
    display: block;
    box-sizing: border-box;
    /* Fill the wrapper the app sizes (the seeds' div), and scroll inside it. */
    width: 100%;
    height: 100%;
    min-height: 0;
    overflow: hidden;
    font-family: var(--parley-font-family, system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif);
    line-height: 1.4;
    color: var(--parley-color-text, var(--_text));
    background: var(--parley-color-background, var(--_background));
    -webkit-font-smoothing: antialiased;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokens}
    }
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  :focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
    outline-offset: -0.125em;
  }
`;
