import { expect } from '@open-wc/testing';
import i18next from 'i18next';
import { changeLanguage, kitI18next } from '../../i18n/index.js';
import { connectUser, disconnectAll, items, mountChat, publishText, shadow, uniqueId, waitFor } from './test-utils.js';

/** The screen-reader text of the first conversation's unread badge. */
const badgeLabel = (view: Awaited<ReturnType<typeof mountChat>>) =>
  items(view.list)[0]?.querySelector('.badge + .visually-hidden')?.textContent;

describe("the kit's strings on i18next", () => {
  afterEach(async () => {
    await disconnectAll();
    await changeLanguage('zh_CN');
  });

  it("an app's own i18next instance: the kit's strings go into its imkit namespace, the app's override shows, the app's settings stay", async () => {
    const app = i18next.createInstance();
    await app.init({
      lng: 'en',
      fallbackLng: 'en',
      defaultNS: 'app',
      keySeparator: false,
      resources: { en: { app: { title: 'My app' }, imkit: { conversationList: { empty: 'Nothing to read yet' } } } },
    });
    const me = await connectUser(uniqueId('me'), undefined, { i18next: app });
    const view = await mountChat(me);
    expect(kitI18next()).to.equal(app);
    // The app is in English: the kit follows, and the app's string replaces the kit's own.
    await waitFor(
      () => shadow(view.list).querySelector('.empty')?.textContent === 'Nothing to read yet',
      3000,
      'override shown',
    );
    expect(shadow(view.editor).querySelector('.send')?.textContent?.trim()).to.equal('Send');
    expect(app.hasResourceBundle('zh-CN', 'imkit')).to.equal(true);

    // An override added later re-renders the element.
    app.addResourceBundle('en', 'imkit', { messageEditor: { send: 'Post' } }, true, true);
    await waitFor(
      () => shadow(view.editor).querySelector('.send')?.textContent?.trim() === 'Post',
      2000,
      'late override',
    );

    // The kit switches alone; the app keeps its language, options and namespaces.
    await me.kit.changeLanguage({ lang: 'ja' });
    await view.editor.updateComplete;
    expect(shadow(view.editor).querySelector('.send')?.textContent?.trim()).to.equal('送信');
    expect(app.language).to.equal('en');
    expect(app.options.keySeparator).to.equal(false);
    expect(app.options.defaultNS).to.equal('app');
    expect(app.t('title')).to.equal('My app');
    expect(app.getResourceBundle('en', 'app')).to.deep.equal({ title: 'My app' });

    await disconnectAll();
    expect(kitI18next()).not.to.equal(app, "destroy goes back to the kit's own instance");
  });

  it('the unread badge says 1 unread message and 5 unread messages, in every language', async () => {
    const me = await connectUser(uniqueId('me'));
    const [one, five] = [uniqueId('one'), uniqueId('five')];
    for (let i = 0; i < 5; i++) await publishText(five, me.userId, `n${i}`);
    const view = await mountChat(me);
    await waitFor(() => badgeLabel(view) === '5 条未读消息', 3000, 'zh_CN 5');
    await publishText(one, me.userId, 'hi');
    await waitFor(() => badgeLabel(view) === '1 条未读消息', 3000, 'zh_CN 1');
    const expected = {
      en: ['1 unread message', '5 unread messages'],
      ja: ['未読メッセージ 1 件', '未読メッセージ 5 件'],
    };
    for (const [lang, [single, many]] of Object.entries(expected)) {
      await changeLanguage(lang);
      await view.list.updateComplete;
      const labels = items(view.list).map((item) => item.querySelector('.badge + .visually-hidden')?.textContent);
      expect(labels, lang).to.deep.equal([single, many]);
    }
  });
});
