import { expect } from '@open-wc/testing';
import { ConversationType } from '../../protocol/enums.js';
import { changeLanguage, kitResources, SUPPORTED_LANGUAGES, t } from '../../i18n/index.js';
import { createKit } from '../../kit/kit.js';
import { ParleyClient } from '../../services/client/index.js';
import {
  bubbleTexts,
  connectUser,
  disconnectAll,
  items,
  messageRows,
  mountChat,
  publishText,
  serverApi,
  shadow,
  testService,
  uniqueId,
  waitFor,
} from './test-utils.js';

const names = (list: HTMLElement) => items(list as never).map((i) => i.querySelector('.name')!.textContent);

describe('imkit API: init options, conversations, profiles, language', () => {
  afterEach(async () => {
    await changeLanguage('zh_CN');
    await disconnectAll();
  });

  it('refuses chatroomJoinCount outside −1–50 with a clear error', () => {
    for (const bad of [51, -2, 1.5, Number.NaN, '10' as unknown as number]) {
      expect(
        () => createKit({ client: new ParleyClient() }).init({ chatroomJoinCount: bad, provideOn: null }),
        String(bad),
      ).to.throw(RangeError, /chatroomJoinCount must be an integer from -1 to 50/);
    }
    for (const good of [-1, 0, 1, 50]) {
      const kit = createKit({ client: new ParleyClient() });
      expect(() => kit.init({ chatroomJoinCount: good, provideOn: null })).to.not.throw();
      kit.destroy();
    }
  });

  it('refuses conversationPullCount outside 1–1000 with a clear error', () => {
    for (const bad of [0, 1001, 1.5, -3, Number.NaN, '30' as unknown as number]) {
      expect(
        () => createKit({ client: new ParleyClient() }).init({ conversationPullCount: bad, provideOn: null }),
        String(bad),
      ).to.throw(RangeError, /conversationPullCount must be an integer from 1 to 1000/);
    }
    for (const good of [1, 30, 1000]) {
      const kit = createKit({ client: new ParleyClient() });
      expect(() => kit.init({ conversationPullCount: good, provideOn: null })).to.not.throw();
      kit.destroy();
    }
    expect(() =>
      createKit({ client: new ParleyClient() }).init({
        customIntercept: { interceptConversation: 1 as never },
        provideOn: null,
      }),
    ).to.throw(TypeError, /customIntercept.interceptConversation must be a function/);
    expect(() =>
      createKit({ client: new ParleyClient() }).init({
        customMessage: { userMessage: { 'x:y': 'no' as never } },
        provideOn: null,
      }),
    ).to.throw(TypeError, /customMessage.userMessage\['x:y'\] must be a function/);
  });

  it('conversationPullCount limits the conversations listed; the default is 30', async () => {
    const me = uniqueId('me');
    for (let i = 0; i < 31; i++) await publishText(uniqueId(`p${i}`), me, `hello ${i}`);
    const two = await connectUser(me, testService(), { conversationPullCount: 2 });
    const view = await mountChat(two);
    await waitFor(() => items(view.list).length === 2, 3000, 'two conversations');
    expect(names(view.list)[0]).to.match(/^Name of p30-/);
    await disconnectAll();
    const byDefault = await connectUser(me);
    const view2 = await mountChat(byDefault);
    await waitFor(() => items(view2.list).length === 30, 3000, 'thirty conversations');
  });

  it('customIntercept hides conversations it returns true for, listed or arriving live', async () => {
    const me = uniqueId('me');
    const [shown, hidden, later] = [uniqueId('shown'), uniqueId('hidden'), uniqueId('hidden')];
    await publishText(shown, me, 'visible');
    await publishText(hidden, me, 'secret');
    const user = await connectUser(me, testService(), {
      customIntercept: { interceptConversation: (c) => c.targetId.startsWith('hidden-') },
    });
    const view = await mountChat(user);
    await waitFor(() => items(view.list).length === 1, 3000, 'one conversation');
    await publishText(later, me, 'live secret');
    await publishText(shown, me, 'still visible');
    await waitFor(() => items(view.list)[0]?.textContent?.includes('still visible'), 3000, 'live update');
    expect(items(view.list).length).to.equal(1);
    expect(view.list.shadowRoot!.textContent).to.not.include('secret');
  });

  it('selectConversation opens a conversation not in the list; removeConversation takes it away', async () => {
    const user = await connectUser(uniqueId('me'));
    const view = await mountChat(user);
    const stranger = uniqueId('stranger');
    await user.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: stranger });
    await waitFor(() => items(view.list)[0]?.getAttribute('aria-selected') === 'true', 2000, 'selected item');
    expect(names(view.list)[0]).to.equal(`Name of ${stranger}`);
    await waitFor(
      () => shadow(view.messages).querySelector('.title')?.textContent === `Name of ${stranger}`,
      2000,
      'header',
    );
    await view.editor.updateComplete;
    expect(shadow(view.editor).querySelector('textarea')!.disabled).to.equal(false);

    user.kit.removeConversation({ conversationType: ConversationType.PRIVATE, targetId: stranger });
    await waitFor(() => items(view.list).length === 0, 2000, 'removed');
    await waitFor(() => shadow(view.messages).querySelector('.placeholder'), 2000, 'message list placeholder');
    await view.editor.updateComplete;
    expect(shadow(view.editor).querySelector('textarea')!.disabled).to.equal(true);
  });

  it('updateUserProfile, updateConversationProfile and updateGroupMembers update the page at once', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = uniqueId('bob');
    const group = uniqueId('grp');
    await serverApi('/group/create.json', { userId: [alice.userId, bob], groupId: group, groupName: 'G' });
    await publishText(bob, alice.userId, 'hi alice');
    const view = await mountChat(alice);
    await waitFor(() => items(view.list).length === 1, 3000, 'conversation');
    await alice.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: bob });
    // One-to-one chats name the sender for screen readers only (the header shows the peer).
    await waitFor(
      () => messageRows(view.messages)[0]?.querySelector('.sender-label')?.textContent === `Name of ${bob}`,
      2000,
      'sender',
    );

    alice.kit.updateUserProfile({ id: bob, name: 'Bobby Tables' });
    await waitFor(
      () => messageRows(view.messages)[0]?.querySelector('.sender-label')?.textContent === 'Bobby Tables',
      1000,
      'new sender name',
    );

    alice.kit.updateConversationProfile(
      { conversationType: ConversationType.PRIVATE, targetId: bob },
      { name: 'Chat with Bobby' },
    );
    await waitFor(() => names(view.list)[0] === 'Chat with Bobby', 1000, 'new conversation name');
    await waitFor(
      () => shadow(view.messages).querySelector('.title')?.textContent === 'Chat with Bobby',
      1000,
      'new header',
    );

    await serverApi('/message/group/publish.json', {
      fromUserId: bob,
      toGroupId: [group],
      objectName: 'RC:TxtMsg',
      content: JSON.stringify({ content: 'group hi' }),
    });
    await alice.kit.selectConversation({ conversationType: ConversationType.GROUP, targetId: group });
    await waitFor(() => bubbleTexts(view.messages).includes('group hi'), 3000, 'group message');
    alice.kit.updateGroupMembers({ conversationType: ConversationType.GROUP, targetId: group }, [
      { id: bob, name: 'Bob in the group' },
      { id: alice.userId, name: 'Alice' },
    ]);
    await waitFor(
      () => messageRows(view.messages)[0]?.querySelector('.sender')?.textContent === 'Bob in the group',
      1000,
      'member name',
    );
  });

  it('changeLanguage re-renders every element in zh_CN, en and ja; unknown falls back to zh_CN', async () => {
    const user = await connectUser(uniqueId('me'));
    const view = await mountChat(user);
    const texts = () => [
      shadow(view.list).querySelector('.empty')?.textContent,
      shadow(view.messages).querySelector('.placeholder')?.textContent,
      shadow(view.editor).querySelector('.send')?.textContent?.trim(),
    ];
    const expected = {
      zh_CN: ['暂无会话', '请在左侧选择一个会话', '发送'],
      en: ['No conversations yet', 'Select a conversation to start chatting', 'Send'],
      ja: ['トークはまだありません', 'トークを選択してチャットを始めましょう', '送信'],
    };
    expect(texts()).to.deep.equal(expected.zh_CN);
    for (const lang of ['en', 'ja', 'xx-YY', 'en'] as const) {
      const used = await user.kit.changeLanguage({ lang });
      await Promise.all([view.list.updateComplete, view.messages.updateComplete, view.editor.updateComplete]);
      const want = lang === 'xx-YY' ? 'zh_CN' : lang;
      expect(used).to.equal(want);
      expect(texts(), lang).to.deep.equal(expected[want]);
    }
  });

  it('every language has every string of zh_CN (plural keys by their base)', async () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      typeof value === 'object' && value
        ? Object.entries(value).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
        : [prefix.slice(0, -1)];
    const PLURAL = /_(zero|one|two|few|many|other)$/;
    const bases = (list: string[]) => [...new Set(list.map((key) => key.replace(PLURAL, '')))];
    const base = bases(keys(kitResources('zh_CN')));
    for (const lang of SUPPORTED_LANGUAGES) {
      await changeLanguage(lang);
      const own = keys(kitResources(lang));
      expect(bases(own), lang).to.have.members(base);
      for (const key of own) {
        const plural = key.match(PLURAL);
        const name = key.replace(PLURAL, '');
        const text = t(name, plural ? { count: plural[1] === 'one' ? 1 : 5 } : {}, lang);
        expect(text, `${lang} ${key}`).to.be.a('string').and.not.equal('');
        expect(text, `${lang} ${key} is missing`).not.to.equal(name);
      }
    }
  });
});
