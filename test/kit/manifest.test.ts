// The custom elements manifest `npm run build` generates: the three elements with what editors and
// frameworks need (attributes, properties, events, parts, CSS properties).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

interface Declaration {
  name: string;
  tagName?: string;
  attributes?: { name: string }[];
  members?: { name: string; kind: string; privacy?: string }[];
  events?: { name: string; type?: { text: string } }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string; default?: string }[];
}

test('cem analyze describes the kit elements', { timeout: 60_000 }, () => {
  // The analyzer resolves --outdir against the working directory; test-results/ is git-ignored.
  const out = join('test-results', `cem-${process.pid}`);
  try {
    execFileSync(
      process.execPath,
      ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--outdir', out],
      { stdio: 'pipe' },
    );
    const manifest = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8')) as {
      modules: { path: string; declarations?: Declaration[]; exports?: { kind: string; name: string }[] }[];
    };
    const elements = new Map(
      manifest.modules
        .flatMap((m) => m.declarations ?? [])
        .filter((d) => d.tagName)
        .map((d) => [d.tagName!, d]),
    );
    assert.deepEqual([...elements.keys()].sort(), [
      'chatroom-queue',
      'connection-banner',
      'conversation-list',
      'message-editor',
      'message-list',
    ]);
    const definitions = manifest.modules
      .flatMap((m) => m.exports ?? [])
      .filter((e) => e.kind === 'custom-element-definition');
    assert.deepEqual(definitions.map((d) => d.name).sort(), [
      'chatroom-queue',
      'connection-banner',
      'conversation-list',
      'message-editor',
      'message-list',
    ]);

    const list = elements.get('conversation-list')!;
    const names = (items?: { name: string }[]) => (items ?? []).map((i) => i.name);
    const queue = elements.get('chatroom-queue')!;
    for (const part of ['entry', 'name', 'join-button', 'leave-button'])
      assert.ok(names(queue.cssParts).includes(part), part);
    assert.ok(names(queue.cssProperties).includes('--chatroom-queue-mine-background'));
    for (const attr of ['base-size', 'hide-notific-unread-count', 'theme'])
      assert.ok(names(list.attributes).includes(attr), attr);
    for (const member of ['customMenu', 'disableMenu', 'hideNotificUnreadCount', 'baseSize', 'store'])
      assert.ok(names(list.members).includes(member), member);
    assert.deepEqual(names(list.events).sort(), [
      'deleteConversation',
      'tagFilterChange',
      'tapConversation',
      'updateConversation',
    ]);
    assert.equal(list.events!.find((e) => e.name === 'tagFilterChange')!.type!.text, 'TagFilterChangeEvent');
    assert.ok(names(list.attributes).includes('tag-filter'));
    assert.equal(list.events!.find((e) => e.name === 'tapConversation')!.type!.text, 'TapConversationEvent');
    for (const part of ['item', 'avatar', 'badge', 'menu', 'menu-item'])
      assert.ok(names(list.cssParts).includes(part), part);
    assert.ok(names(list.cssProperties).includes('--parley-color-primary'));
    assert.equal(list.cssProperties!.find((p) => p.name === '--parley-color-background')!.default, '#ffffff');

    const messages = elements.get('message-list')!;
    for (const member of ['customMenu', 'disableMenu', 'forwardList', 'maxRecallDuration'])
      assert.ok(names(messages.members).includes(member), member);
    assert.ok(names(messages.attributes).includes('max-recall-duration'));
    assert.ok(names(messages.attributes).includes('hide-member-notices'));
    for (const part of ['member-count', 'room-notice', 'member-notice'])
      assert.ok(names(messages.cssParts).includes(part), part);
    assert.deepEqual(names(messages.events), ['tapMessage']);
    for (const part of ['bubble', 'custom-bubble', 'log', 'menu'])
      assert.ok(names(messages.cssParts).includes(part), part);

    const editor = elements.get('message-editor')!;
    assert.ok(names(editor.attributes).includes('base-size'));
    for (const part of ['input', 'send-button']) assert.ok(names(editor.cssParts).includes(part), part);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
