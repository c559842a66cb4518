/**
 * docs/parity.md cannot rot: every name it marks as working must exist — an IMLib function as an
 * export of the client module, an `imkit.*` call on the kit, an element property or attribute in the
 * element's source, an element event in the kit's typed event map, a Server API endpoint in the
 * server's table — and every endpoint the server answers must be listed. Names marked "not provided"
 * must really be absent, so a row is updated when one arrives.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as Client from '../../src/services/client/index.js';
import { IMKit, CoreEvent } from '../../src/kit/kit.js';
import { endpoints } from '../../server/api/endpoints.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface Row {
  name: string;
  status: 'works' | 'differs' | 'missing';
  line: number;
}

/** The rows of the table under the heading line `heading` (down to the next heading), by their first two cells. */
function rows(markdown: string, heading: string): Row[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  assert.notEqual(start, -1, `docs/parity.md has no "${heading}" section`);
  const out: Row[] = [];
  for (let i = start + 1; i < lines.length && !lines[i]!.startsWith('#'); i++) {
    const cells = lines[i]!.split('|').map((c) => c.trim());
    const name = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
    if (!name) continue;
    const status = cells[2] ?? '';
    const kind =
      status === 'works'
        ? 'works'
        : status === 'works, with a difference'
          ? 'differs'
          : status === 'not provided'
            ? 'missing'
            : null;
    assert.ok(
      kind,
      `docs/parity.md line ${i + 1}: status "${status}" is not works / works, with a difference / not provided`,
    );
    out.push({ name, status: kind, line: i + 1 });
  }
  return out;
}

const doc = read('docs/parity.md');
const where = (r: Row) => `docs/parity.md line ${r.line}: ${r.name}`;

describe('docs/parity.md', () => {
  it('every IMLib function marked as working is exported by parley/client; those not provided are absent', () => {
    const list = rows(doc, '## IMLib functions (`RongIMLib.*`)');
    assert.ok(list.length >= 110, `the table lists the seeds' ${list.length} names, expected all of them`);
    const exports = Client as unknown as Record<string, unknown>;
    for (const r of list) {
      if (r.status === 'missing')
        assert.equal(exports[r.name], undefined, `${where(r)} is marked not provided, but parley/client exports it`);
      else
        assert.equal(
          typeof exports[r.name],
          'function',
          `${where(r)} is marked as working, but parley/client does not export it`,
        );
    }
    assert.equal(new Set(list.map((r) => r.name)).size, list.length, 'a name is listed twice');
  });

  it('every imkit call, element property and attribute marked as working exists in the kit', () => {
    const list = rows(doc, '## IMKit (`imkit`, the elements)');
    const base = read('src/components/shared/kit-element.ts');
    for (const r of list) {
      const call = /^imkit\.(\w+)$/.exec(r.name);
      const coreEvent = /^CoreEvent\.(\w+)$/.exec(r.name);
      const property = /^<([a-z-]+)>\.(\w+)$/.exec(r.name);
      const attribute = /^<([a-z-]+) ([a-z-]+)>$/.exec(r.name);
      const present = call
        ? typeof (IMKit.prototype as unknown as Record<string, unknown>)[call[1]!] === 'function'
        : coreEvent
          ? coreEvent[1]! in CoreEvent
          : property
            ? new RegExp(`@property\\([^)]*\\)\\s+(?:override\\s+)?${property[2]}\\b`).test(
                read(`src/components/${property[1]}/${property[1]}.ts`) + base,
              )
            : attribute
              ? (read(`src/components/${attribute[1]}/${attribute[1]}.ts`) + base).includes(
                  `attribute: '${attribute[2]}'`,
                )
              : assert.fail(
                  `${where(r)}: not a name the test can look up (imkit.x, CoreEvent.X, <tag>.prop, <tag attr>)`,
                );
      if (r.status === 'missing')
        assert.equal(present, false, `${where(r)} is marked not provided, but the kit has it`);
      else assert.equal(present, true, `${where(r)} is marked as working, but the kit does not have it`);
    }
  });

  it("every element event marked as working is one of the kit's typed events", () => {
    const list = rows(doc, '## IMKit (`imkit`, the elements)');
    const events = rows(doc, '### Element events');
    assert.ok(events.length >= 4 && list.length >= 20);
    const map = /interface GlobalEventHandlersEventMap \{([^}]*)\}/.exec(read('src/components/shared/events.ts'))![1]!;
    for (const r of events) {
      assert.equal(
        new RegExp(`\\b${r.name}:`).test(map),
        r.status !== 'missing',
        `${where(r)} does not match the kit's event map`,
      );
    }
  });

  it('every Server API endpoint is listed, and every listed one is answered', () => {
    const list = rows(doc, '## Server API endpoints');
    const answered = Object.keys(endpoints);
    const listed = new Set(list.map((r) => r.name));
    for (const r of list)
      assert.ok(
        r.status === 'missing' || answered.includes(r.name),
        `${where(r)} is marked as working, but the server has no such endpoint`,
      );
    assert.deepEqual(
      answered.filter((path) => !listed.has(path)),
      [],
      'endpoints the server answers that docs/parity.md does not list',
    );
  });
});
