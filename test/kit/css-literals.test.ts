// The build step that minifies Lit `css` templates (scripts/css-literals.ts); the browser suite checks
// that every element's styles read the same after it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minifyCss, minifyCssLiterals } from '../../scripts/css-literals.js';

test('minifyCss drops comments and spare whitespace, keeping strings, descendant pseudo-classes, calc() spaces and whatever is inside parentheses', () => {
  const css = `
    /* a comment */
    :host  ::slotted(*) ,
    .a :is(.b, .c) > .d {
      width : calc(1em + 2px);
      content: ' a  b ';
      font-family: "x  y", sans-serif;
    }
  `;
  assert.equal(
    minifyCss(css).trim(),
    `:host ::slotted(*),.a :is(.b, .c) > .d{width :calc(1em + 2px);content:' a  b ';font-family:"x  y",sans-serif}`,
  );
});

test('minifyCssLiterals rewrites only css templates and keeps their interpolations as written', () => {
  const source = [
    'const tokens = css`\n  --x: 1px;\n`;',
    'export const styles = css`\n  :host {\n    ${tokens}\n    color: red;\n  }\n  @media (prefers-color-scheme: dark) { :host { ${tokens} } }\n`;',
    'const view = html`\n  <p>  keep  </p>\n`;',
  ].join('\n');
  assert.equal(
    minifyCssLiterals(source),
    [
      'const tokens = css`--x:1px;`;',
      'export const styles = css`:host{${tokens} color:red}@media (prefers-color-scheme:dark){:host{${tokens}}}`;',
      'const view = html`\n  <p>  keep  </p>\n`;',
    ].join('\n'),
  );
});
