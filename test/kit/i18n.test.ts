// The kit's strings on i18next: plurals, on-demand languages, and an app's own i18next instance.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import i18next from 'i18next';
import {
  changeLanguage,
  currentLanguage,
  KIT_NAMESPACE,
  kitI18next,
  kitResources,
  localeReady,
  onLanguageChanged,
  t,
  useI18next,
} from '../../src/i18n/index.js';

test('en and ja load on first use; the kit switches only once their strings are there', async () => {
  assert.equal(kitResources('en'), undefined, 'en is not in the initial load');
  assert.equal(kitResources('ja'), undefined, 'ja is not in the initial load');
  assert.equal(t('messageList.empty'), '暂无消息，发送第一条消息吧');

  const switching = changeLanguage('en-US');
  assert.ok(localeReady(), 'elements have a load to wait for');
  assert.equal(currentLanguage(), 'zh_CN', 'no half-switched state');
  assert.equal(await switching, 'en');
  assert.equal(localeReady(), undefined);
  assert.equal(t('messageList.empty'), 'No messages yet. Say hello!');
  assert.equal(kitI18next().language, 'en', "the kit's own instance follows");

  // A later choice wins over a slower earlier one.
  const ja = changeLanguage('ja');
  assert.equal(await changeLanguage('zh_CN'), 'zh_CN');
  assert.equal(await ja, 'zh_CN', 'resolves with the language in use');
  assert.equal(currentLanguage(), 'zh_CN');
  assert.ok(kitResources('ja'), 'ja stays loaded');
  assert.equal(await changeLanguage('ja'), 'ja');
  assert.equal(localeReady(), undefined, 'a loaded language switches at once');
  assert.equal(t('messageEditor.send'), '送信');
  await changeLanguage('zh_CN');
});

test("a feature's strings come with its module, in every language, under the app's overrides", async () => {
  const app = i18next.createInstance();
  await app.init({
    lng: 'en',
    fallbackLng: 'en',
    resources: { en: { [KIT_NAMESPACE]: { tags: { save: 'Keep' } } } },
  });
  const heard: string[] = [];
  const detach = onLanguageChanged(() => heard.push(currentLanguage()));
  try {
    useI18next(app);
    await localeReady();
    assert.equal(t('tags.create'), 'tags.create', 'the tag dialog is not in the initial load, nor its strings');
    heard.length = 0;
    // What `tag-edits.ts` does when the tag dialog first loads.
    await import('../../src/i18n/features/tags.js');
    assert.ok(heard.length > 0, 'the elements hear of the new strings');
    assert.equal(t('tags.create'), 'Create');
    assert.equal(t('tags.save'), 'Keep', "the app's override stays");
    assert.equal(t('tags.create', {}, 'ja'), '作成', 'every language comes at once');
    assert.equal(t('tags.save', {}, 'zh_CN'), '保存');
    assert.equal(t('messageEditor.send'), 'Send', 'the rest of the namespace stays');
  } finally {
    detach();
    useI18next(undefined);
  }
  // An instance the kit uses later gets every feature's strings loaded so far.
  assert.equal(t('tags.create', {}, 'zh_CN'), '创建');
  assert.equal(t('tags.save', {}, 'en'), 'Save', "the app's override stayed in the app's instance");
  await changeLanguage('zh_CN');
});

test('counts pick the plural form of each language: never "1 unread messages"', async () => {
  // The forward count belongs to the message menu's items, which bring their strings.
  await import('../../src/i18n/features/message-menu.js');
  const cases: Array<[string, string, number, string]> = [
    ['en', 'conversationList.unread', 1, '1 unread message'],
    ['en', 'conversationList.unread', 5, '5 unread messages'],
    ['en', 'message.newMessages', 1, '1 new message'],
    ['en', 'message.newMessages', 5, '5 new messages'],
    ['en', 'message.jumpToUnread', 1, '1 unread message'],
    ['en', 'menu.forwarded', 1, 'Forwarded to 1 conversation'],
    ['en', 'menu.forwarded', 3, 'Forwarded to 3 conversations'],
    ['zh_CN', 'conversationList.unread', 1, '1 条未读消息'],
    ['zh_CN', 'message.newMessages', 5, '5 条新消息'],
    ['zh_CN', 'menu.forwarded', 1, '已转发到 1 个会话'],
    ['ja', 'conversationList.unread', 1, '未読メッセージ 1 件'],
    ['ja', 'message.newMessages', 5, '新着メッセージ 5 件'],
    ['ja', 'menu.forwarded', 1, '1 件のトークに転送しました'],
  ];
  for (const [lang, key, count, want] of cases) {
    await changeLanguage(lang);
    assert.equal(t(key, { count }), want, `${lang} ${key} ${count}`);
  }
  await changeLanguage('zh_CN');
});

test('keys with a colon and values with markup come out as written', () => {
  assert.equal(t('messageType.RC:ImgMsg'), '[图片]');
  assert.equal(t('message.recalledBy', { name: '<b>Ann</b>' }), '<b>Ann</b> 撤回了一条消息');
  assert.equal(t('messageType.kit:none', { defaultValue: '' }), '');
});

test("an app's own instance gets the imkit namespace; its overrides win; its language and other namespaces stay", async () => {
  const app = i18next.createInstance();
  await app.init({
    lng: 'en-US',
    fallbackLng: 'en',
    defaultNS: 'app',
    resources: {
      en: { app: { title: 'My app' }, [KIT_NAMESPACE]: { messageList: { empty: 'Nothing here yet' } } },
      ja: { app: { title: '私のアプリ' } },
    },
  });
  const heard: string[] = [];
  const detach = onLanguageChanged(() => heard.push(currentLanguage()));
  try {
    useI18next(app);
    // The app is in en-US: the kit follows, once its English strings are in.
    await localeReady();
    assert.equal(currentLanguage(), 'en');
    assert.ok(heard.includes('en'), 'elements are told to re-render');
    assert.ok(app.hasResourceBundle('zh-CN', KIT_NAMESPACE), 'the kit added its namespace');
    assert.ok(app.hasResourceBundle('en', KIT_NAMESPACE));
    assert.equal(t('messageList.empty'), 'Nothing here yet', "the app's string wins");
    assert.equal(t('messageEditor.send'), 'Send', 'the kit fills in the rest');
    assert.equal(t('conversationList.unread', { count: 1 }), '1 unread message');

    // An override added later shows too (the elements hear of it).
    heard.length = 0;
    app.addResourceBundle('en', KIT_NAMESPACE, { messageEditor: { send: 'Post' } }, true, true);
    assert.equal(t('messageEditor.send'), 'Post');
    assert.equal(heard.length > 0, true, 'an override makes the elements render again');

    // The app switches language: the kit follows.
    await app.changeLanguage('ja');
    await localeReady();
    assert.equal(currentLanguage(), 'ja');
    assert.equal(t('messageEditor.send'), '送信');

    // The kit picks its own language: the app's language, options and namespaces stay as they were.
    assert.equal(await changeLanguage('zh_CN'), 'zh_CN');
    assert.equal(t('messageEditor.send'), '发送');
    assert.equal(app.language, 'ja');
    assert.equal(app.options.defaultNS, 'app');
    assert.equal(app.options.fallbackLng && String(app.options.fallbackLng), 'en');
    assert.equal(app.t('title'), '私のアプリ');
    assert.equal(app.t('title', { lng: 'en' }), 'My app');
    assert.deepEqual(app.getResourceBundle('en', 'app'), { title: 'My app' });
  } finally {
    detach();
    useI18next(undefined);
  }
  assert.notEqual(kitI18next(), app, 'back on the kit’s own instance');
  assert.equal(currentLanguage(), 'zh_CN', 'the language in use stays');
  assert.equal(t('messageList.empty'), '暂无消息，发送第一条消息吧');
});

test("an app's instance passed before its init finishes gets the kit's strings once it is initialised", async () => {
  const app = i18next.createInstance();
  try {
    useI18next(app);
    await app.init({
      lng: 'zh-CN',
      fallbackLng: 'zh-CN',
      resources: { 'zh-CN': { imkit: { messageEditor: { send: '发出' } } } },
    });
    assert.ok(app.hasResourceBundle('zh-CN', KIT_NAMESPACE));
    assert.equal(t('messageEditor.send'), '发出', "the app's string wins");
    assert.equal(t('messageList.empty'), '暂无消息，发送第一条消息吧');
  } finally {
    useI18next(undefined);
  }
});

test("every feature's strings are in every language, with no key of its own", async () => {
  const dir = new URL('../../src/i18n/features/', import.meta.url);
  for (const file of readdirSync(dir)) await import(new URL(file, dir).href);
  const keys = (value: unknown, prefix = ''): string[] =>
    typeof value === 'object' && value
      ? Object.entries(value).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
      : [prefix.slice(0, -1)];
  const bases = (list: string[]) => [...new Set(list.map((key) => key.replace(/_(zero|one|two|few|many|other)$/, '')))];
  const base = bases(keys(kitResources('zh_CN')));
  assert.ok(base.includes('chatroomQueue.title') && base.includes('tags.errorGone'), 'the features are in');
  for (const language of ['en', 'ja'] as const) {
    await changeLanguage(language);
    assert.deepEqual(bases(keys(kitResources(language))).sort(), [...base].sort(), language);
  }
  await changeLanguage('zh_CN');
});
