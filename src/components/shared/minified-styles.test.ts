import { expect } from '@open-wc/testing';
import type { CSSResult } from 'lit';
import { minifyCss } from '../../../scripts/css-literals.js';
import { chatroomQueueStyles } from '../chatroom-queue/chatroom-queue.styles.js';
import { kitElements, defineCustomElements } from '../define.js';

defineCustomElements();

/** The browser's own reading of a style sheet: every rule as the CSSOM serialises it. */
function parsed(cssText: string): string[] {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(cssText);
  return [...sheet.cssRules].map((rule) => rule.cssText);
}

describe('styles minified by the package build', () => {
  it('every style sheet of every element reads the same to the browser after minifying', () => {
    let before = 0;
    let after = 0;
    // The queue's own sheet is added when its panel loads, not at define time.
    const late: Record<string, CSSResult[]> = { 'chatroom-queue': [chatroomQueueStyles] };
    for (const [tag, element] of Object.entries(kitElements)) {
      const styles = [...(element.elementStyles as CSSResult[]), ...(late[tag] ?? [])];
      expect(styles.length, tag).to.be.greaterThan(0);
      for (const style of styles) {
        const minified = minifyCss(style.cssText);
        before += style.cssText.length;
        after += minified.length;
        expect(parsed(minified), `${tag}: ${style.cssText.slice(0, 60)}`).to.deep.equal(parsed(style.cssText));
      }
    }
    expect(after, 'the build removes whitespace and comments').to.be.lessThan(before * 0.9);
  });
});
