// The kit's translator and the on-demand loading of languages other than zh_CN.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changeLanguage, currentLanguage, i18n, localeReady, t } from '../../src/i18n/index.js';
import { Translator } from '../../src/i18n/translator.js';

test('t interpolates, falls back to the fallback language, and returns the key or defaultValue when missing', () => {
  const tr = new Translator('zh_CN', {
    zh_CN: { a: { hello: '你好 {{name}}', only: '只有中文' } },
    en: { a: { hello: 'Hello {{ name }}, {{name}}!' } },
  });
  tr.changeLanguage('en');
  assert.equal(tr.t('a.hello', { name: 'Ann' }), 'Hello Ann, Ann!');
  assert.equal(tr.t('a.only'), '只有中文');
  assert.equal(tr.t('a.missing'), 'a.missing');
  assert.equal(tr.t('a.missing', { defaultValue: '' }), '');
  assert.equal(tr.t('a', {}), 'a', 'a branch is not a string');
  assert.equal(tr.t('a.hello.deeper'), 'a.hello.deeper');
  assert.equal(tr.t('__proto__.toString'), '__proto__.toString');
  assert.equal(tr.t('a.hello', { name: '{{name}}' }), 'Hello {{name}}, {{name}}!', 'inserted values are not read again');
  assert.equal(tr.t('a.hello'), 'Hello {{ name }}, {{name}}!', 'a value not given stays as written');
  assert.equal(tr.t('a.hello', { name: undefined }), 'Hello , !');
  assert.equal(tr.t('a.hello', {}, 'zh_CN'), '你好 {{name}}');
});

test('a count picks the plural key of the language (Intl.PluralRules), then _zero for 0, then the plain key', () => {
  const tr = new Translator('en', {
    en: { n: { files_one: '{{count}} file', files_other: '{{count}} files', files_zero: 'no files', plain: '{{count}} items' } },
  });
  assert.equal(tr.t('n.files', { count: 1 }), '1 file');
  assert.equal(tr.t('n.files', { count: 3 }), '3 files');
  assert.equal(tr.t('n.files', { count: 0 }), 'no files');
  assert.equal(tr.t('n.plain', { count: 1 }), '1 items');
});

test('changeLanguage tells every listener until it is detached, and not when nothing changes', () => {
  const tr = new Translator('zh_CN', { zh_CN: {}, en: {} });
  const heard: string[] = [];
  const detach = tr.onChange((lang) => heard.push(lang));
  tr.changeLanguage('en');
  tr.changeLanguage('en');
  detach();
  tr.changeLanguage('zh_CN');
  assert.deepEqual(heard, ['en']);
});

test('en and ja load on first use; the kit switches only once their strings are there', async () => {
  assert.equal(i18n.resources('en'), undefined, 'en is not in the initial load');
  assert.equal(i18n.resources('ja'), undefined, 'ja is not in the initial load');
  assert.equal(t('messageList.empty'), '暂无消息，发送第一条消息吧');

  const switching = changeLanguage('en-US');
  assert.ok(localeReady(), 'elements have a load to wait for');
  assert.equal(currentLanguage(), 'zh_CN', 'no half-switched state');
  assert.equal(await switching, 'en');
  assert.equal(localeReady(), undefined);
  assert.equal(t('messageList.empty'), 'No messages yet. Say hello!');

  // A later choice wins over a slower earlier one.
  const ja = changeLanguage('ja');
  assert.equal(await changeLanguage('zh_CN'), 'zh_CN');
  assert.equal(await ja, 'zh_CN', 'resolves with the language in use');
  assert.equal(currentLanguage(), 'zh_CN');
  assert.ok(i18n.resources('ja'), 'ja stays loaded');
  assert.equal(await changeLanguage('ja'), 'ja');
  assert.equal(localeReady(), undefined, 'a loaded language switches at once');
  assert.equal(t('messageEditor.send'), '送信');
  await changeLanguage('zh_CN');
});
