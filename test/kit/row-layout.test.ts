// RowLayout, the arithmetic behind the virtualised lists: where a row sits, how tall the list is (the length
// of the scrollbar) and which rows a scroll position shows, as measured heights replace the estimate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RowLayout } from '../../src/components/shared/row-layout.js';

const keys = (n: number, prefix = 'm'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

function layoutOf(n: number, estimate = 64): RowLayout {
  const layout = new RowLayout(estimate);
  layout.setKeys(keys(n));
  return layout;
}

test('before any row is measured, the list is as tall as its rows at the estimate', () => {
  const layout = layoutOf(100);
  assert.equal(layout.count, 100);
  assert.equal(layout.total, 6400);
  assert.equal(layout.offset(0), 0);
  assert.equal(layout.offset(10), 640);
  assert.equal(layout.height(99), 64);
});

test('an empty list has no height and shows no rows', () => {
  const layout = layoutOf(0);
  assert.equal(layout.total, 0);
  assert.deepEqual(layout.rangeFor(0, 500), { start: 0, end: 0 });
});

test('a measured row moves every row below it by the difference, and none above', () => {
  const layout = layoutOf(10);
  assert.equal(layout.measure('m2', 200), true);
  assert.equal(layout.offset(2), 128);
  assert.equal(layout.offset(3), 128 + 200);
  assert.equal(layout.offset(9), 128 + 200 + 6 * 64);
  assert.equal(layout.total, 9 * 64 + 200);
  // The same height again changes nothing (no relayout); a new height moves the rows below again.
  assert.equal(layout.measure('m2', 200), false);
  assert.equal(layout.measure('m2', 50), true);
  assert.equal(layout.offset(3), 128 + 50);
  assert.equal(layout.total, 9 * 64 + 50);
});

test('measured heights belong to the message, so loading older history above keeps them', () => {
  const layout = layoutOf(3);
  layout.measure('m0', 100);
  layout.measure('m1', 40);
  layout.measure('m2', 70);
  assert.equal(layout.total, 210);
  // Five older messages arrive above: the measured ones keep their heights, shifted by the new rows.
  layout.setKeys([...keys(5, 'old'), ...keys(3)]);
  assert.equal(layout.indexOf('m0'), 5);
  assert.equal(layout.offset(5), 5 * 64);
  assert.equal(layout.offset(6), 5 * 64 + 100);
  assert.equal(layout.total, 5 * 64 + 210);
  // A message deleted from the middle takes its height with it.
  layout.setKeys([...keys(5, 'old'), 'm0', 'm2']);
  assert.equal(layout.total, 5 * 64 + 170);
  assert.equal(layout.indexOf('m1'), -1);
});

test('the rows in view at a scroll position: the one under the top edge to the one under the bottom edge', () => {
  const layout = layoutOf(100, 50);
  assert.deepEqual(layout.rangeFor(0, 300), { start: 0, end: 6 });
  // A row that only touches the top edge is out; one that starts inside the bottom edge is in.
  assert.deepEqual(layout.rangeFor(100, 401), { start: 2, end: 9 });
  assert.deepEqual(layout.rangeFor(99, 400), { start: 1, end: 8 });
  // Scrolled past the end (the list shrank): the last row still shows, never an empty window.
  assert.deepEqual(layout.rangeFor(10_000, 10_300), { start: 99, end: 100 });
  // Taller rows near the top push the later rows down, and the window follows them.
  layout.measure('m0', 1000);
  assert.deepEqual(layout.rangeFor(0, 300), { start: 0, end: 1 });
  assert.deepEqual(layout.rangeFor(1000, 1100), { start: 1, end: 3 });
});

test('offsets outside the list are clamped to its top and bottom', () => {
  const layout = layoutOf(4, 10);
  assert.equal(layout.offset(-3), 0);
  assert.equal(layout.offset(4), 40);
  assert.equal(layout.offset(99), 40);
  assert.equal(layout.keyAt(4), undefined);
});

test('the estimate settles once at the mean of the first measurements, so unmeasured rows never jump later', () => {
  const layout = layoutOf(10, 64);
  layout.measure('m0', 30);
  layout.measure('m1', 50);
  assert.equal(layout.settleEstimate(), true);
  assert.equal(layout.estimate, 40);
  assert.equal(layout.total, 30 + 50 + 8 * 40);
  // Later, taller measurements do not resize the rows not seen yet.
  layout.measure('m2', 400);
  assert.equal(layout.settleEstimate(), false);
  assert.equal(layout.estimate, 40);
  assert.equal(layout.offset(9) - layout.offset(3), 6 * 40);
});

test('nothing measured leaves the estimate alone; a different list starts its measurements over', () => {
  const layout = layoutOf(5, 64);
  assert.equal(layout.settleEstimate(), false);
  assert.equal(layout.estimate, 64);
  layout.measure('m0', 20);
  layout.settleEstimate();
  layout.clear();
  assert.equal(layout.height(0), 20, 'the settled estimate stays as the next guess');
  assert.equal(layout.total, 5 * 20);
  layout.measure('m0', 60);
  assert.equal(layout.settleEstimate(), true, 'and settles again from the new list');
  assert.equal(layout.estimate, 60);
});

test('ten thousand rows of fractional heights add up, and every scroll position finds its row', () => {
  const n = 10_000;
  const layout = layoutOf(n, 48);
  const heights = Array.from({ length: n }, (_, i) => 20 + ((i * 37) % 90) + 0.25);
  heights.forEach((h, i) => layout.measure(`m${i}`, h));
  const total = heights.reduce((a, b) => a + b, 0);
  assert.equal(layout.total, total);
  for (let i = 0; i < n; i += 997) {
    const top = heights.slice(0, i).reduce((a, b) => a + b, 0);
    assert.equal(layout.offset(i), top);
    // Just below a row's top, that row is the first in view.
    assert.equal(layout.rangeFor(top + 0.5, top + 600).start, i);
  }
});
