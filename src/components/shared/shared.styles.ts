import { css } from 'lit';

/** Styles every kit element starts from. Lengths in em so `base-size` scales everything. */
export const hostStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    height: 100%;
    font-family: var(--parley-font-family, system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif);
    line-height: 1.4;
    color: var(--parley-color-text, #1f2328);
    background: var(--parley-color-background, #ffffff);
    -webkit-font-smoothing: antialiased;
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
    outline: 0.125em solid var(--parley-color-focus, #1a73e8);
    outline-offset: -0.125em;
  }
`;
