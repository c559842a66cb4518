import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ConversationType } from '../../protocol/enums.js';
import { changeLanguage } from '../../i18n/index.js';
import type { TapConversationEvent } from '../shared/events.js';
import {
  connectUser,
  describeViolations,
  disconnectAll,
  items,
  mountChat,
  publishText,
  seriousViolations,
  serverApi,
  session,
  shadow,
  testService,
  uniqueId,
  waitFor,
} from '../shared/test-utils.js';

describe('<conversation-list>', () => {
  afterEach(async () => {
    await changeLanguage('zh_CN');
    await disconnectAll();
  });

  it('lists conversations newest first with preview, time and unread badge; click selects and fires tapConversation', async () => {
    const me = await connectUser(uniqueId('me'));
    const [ann, ben] = [uniqueId('ann'), uniqueId('ben')];
    await publishText(ann, me.userId, 'from ann');
    await publishText(ben, me.userId, 'from ben 1');
    await publishText(ben, me.userId, 'from ben 2');
    const view = await mountChat(me);
    await waitFor(() => items(view.list).length === 2, 3000, 'two conversations');
    const [first, second] = items(view.list);
    expect(first!.querySelector('.name')!.textContent).to.equal(`Name of ${ben}`);
    expect(first!.querySelector('.preview')!.textContent).to.equal('from ben 2');
    expect(first!.querySelector('.badge')!.textContent).to.equal('2');
    expect(first!.querySelector('.time')!.textContent).to.match(/^\d\d:\d\d$/);
    expect(second!.querySelector('.preview')!.textContent).to.equal('from ann');

    const tapped = oneEvent(view.root, 'tapConversation') as Promise<TapConversationEvent>;
    second!.click();
    const event = await tapped;
    expect(event.detail.targetId).to.equal(ann);
    expect(event.bubbles && event.composed).to.equal(true);
    await waitFor(
      () =>
        items(view.list)
          .find((i) => i.getAttribute('aria-selected') === 'true')
          ?.textContent?.includes('from ann'),
      2000,
      'selected',
    );
    await waitFor(
      () =>
        !items(view.list)
          .find((i) => i.textContent?.includes('from ann'))!
          .querySelector('.badge'),
      2000,
      'badge cleared',
    );
  });

  it('shows 99+ for large unread counts and a localized label for non-text messages', async () => {
    const me = await connectUser(uniqueId('me'));
    const other = uniqueId('other');
    for (let i = 0; i < 100; i++) await publishText(other, me.userId, `n${i}`);
    const view = await mountChat(me);
    await waitFor(() => items(view.list)[0]?.querySelector('.badge')?.textContent === '99+', 5000, '99+');
    await me.kit.store.loadConversations();

    await serverApi('/message/private/publish.json', {
      fromUserId: other,
      toUserId: me.userId,
      objectName: 'RC:ImgMsg',
      content: JSON.stringify({ imageUri: 'https://example.com/a.png', content: '' }),
    });
    await waitFor(() => items(view.list)[0]?.querySelector('.preview')?.textContent === '[图片]', 3000, '[图片]');
    await changeLanguage('en');
    await view.list.updateComplete;
    expect(items(view.list)[0]!.querySelector('.preview')!.textContent).to.equal('[Image]');
  });

  it('moves with arrow keys, Home and End (roving tabindex) and selects with Enter', async () => {
    const me = await connectUser(uniqueId('me'));
    const peers = [uniqueId('p1'), uniqueId('p2'), uniqueId('p3')];
    for (const peer of peers) await publishText(peer, me.userId, `hi from ${peer}`);
    const view = await mountChat(me);
    await waitFor(() => items(view.list).length === 3, 3000, 'three conversations');
    const tabStops = () => items(view.list).filter((i) => i.tabIndex === 0);
    expect(tabStops()).to.have.length(1);

    items(view.list)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await view.list.updateComplete;
    const focused = () => shadow(view.list).activeElement as HTMLElement | null;
    expect(focused()).to.equal(items(view.list)[1]);
    expect(tabStops()).to.deep.equal([items(view.list)[1]]);
    await sendKeys({ press: 'End' });
    await view.list.updateComplete;
    expect(focused()).to.equal(items(view.list)[2]);
    await sendKeys({ press: 'Home' });
    await view.list.updateComplete;
    expect(focused()).to.equal(items(view.list)[0]);
    await sendKeys({ press: 'ArrowUp' });
    await view.list.updateComplete;
    expect(focused()).to.equal(items(view.list)[0]);
    await sendKeys({ press: 'ArrowDown' });
    await view.list.updateComplete;

    const tapped = oneEvent(view.list, 'tapConversation') as Promise<TapConversationEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await tapped).detail.targetId).to.equal(peers[1]);
    await waitFor(() => me.kit.store.state.selected === `1:${peers[1]}`, 2000, 'selected');
    expect(items(view.list)[1]!.getAttribute('aria-selected')).to.equal('true');
  });

  it('shows an empty state, switches language, and scales with base-size', async () => {
    const me = await connectUser(uniqueId('me'));
    const view = await mountChat(me, '20px');
    expect(shadow(view.list).querySelector('.empty')!.textContent).to.equal('暂无会话');
    expect(getComputedStyle(view.list).fontSize).to.equal('20px');
    expect(getComputedStyle(view.messages).fontSize).to.equal('20px');
    expect(getComputedStyle(shadow(view.editor).querySelector('.send')!).fontSize).to.equal('20px');

    await me.kit.changeLanguage({ lang: 'en' });
    await view.list.updateComplete;
    expect(shadow(view.list).querySelector('.empty')!.textContent).to.equal('No conversations yet');
    expect(shadow(view.messages).textContent).to.contain('Select a conversation');
    expect(shadow(view.editor).querySelector('.send')!.textContent!.trim()).to.equal('Send');
    await me.kit.changeLanguage({ lang: 'xx' });
    await view.list.updateComplete;
    expect(shadow(view.list).querySelector('.empty')!.textContent).to.equal('暂无会话');

    view.list.baseSize = '62.5%';
    await view.list.updateComplete;
    expect(getComputedStyle(view.list).fontSize).to.equal('10px');
  });

  it('treats profile data as hostile: names as text, unsafe avatars as initials', async () => {
    const evil = uniqueId('evil');
    const nice = uniqueId('nice');
    const me = await connectUser(
      uniqueId('me'),
      testService({
        [evil]: { name: '<img src=x onerror="window.__pwnedName=1">Eve', portraitUri: 'javascript:alert(1)' },
        [nice]: { name: 'Nick Nice', portraitUri: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' },
      }),
    );
    await publishText(evil, me.userId, 'x');
    await publishText(nice, me.userId, 'y');
    const view = await mountChat(me);
    await waitFor(
      () =>
        items(view.list).length === 2 &&
        items(view.list).every((i) => i.querySelector('.name')!.textContent!.startsWith('Name of') === false),
      3000,
      'profiles',
    );
    const evilItem = items(view.list).find((i) => i.textContent!.includes('Eve'))!;
    expect(evilItem.querySelector('.name')!.textContent).to.equal('<img src=x onerror="window.__pwnedName=1">Eve');
    expect(evilItem.querySelector('img')).to.equal(null);
    expect(evilItem.querySelector('.avatar-initials')!.textContent).to.equal('<');
    const niceItem = items(view.list).find((i) => i.textContent!.includes('Nick Nice'))!;
    expect(niceItem.querySelector('img')!.getAttribute('src')).to.match(/^data:image\/gif/);
    expect(niceItem.querySelector('.avatar-initials')!.textContent).to.equal('NN');
    expect((window as unknown as { __pwnedName?: number }).__pwnedName).to.equal(undefined);
  });

  it('batches, caches and coalesces profile lookups', async () => {
    const me = uniqueId('me');
    const peers = [uniqueId('a'), uniqueId('b'), uniqueId('c')];
    await session(me);
    for (const peer of peers) await publishText(peer, me, `hi from ${peer}`);
    const requested: string[][] = [];
    const base = testService();
    const user = await connectUser(me, {
      ...base,
      getConversationProfile: async (conversations) => {
        requested.push(conversations.map((c) => c.targetId));
        await new Promise((r) => setTimeout(r, 50));
        return base.getConversationProfile(conversations);
      },
    });
    const view = await mountChat(user);
    await waitFor(
      () => items(view.list).length === 3 && items(view.list).every((i) => i.textContent!.includes('Name of')),
      3000,
      'names',
    );
    await user.kit.store.loadConversations();
    await user.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: peers[0]! });
    expect(requested.flat().sort()).to.deep.equal([...peers].sort());
    expect(requested).to.have.length(1);
  });

  it('prefixes group previews with the sender name', async () => {
    const me = await connectUser(uniqueId('me'));
    const [g1, group] = [uniqueId('g1'), uniqueId('grp')];
    await serverApi('/group/create.json', { userId: [me.userId, g1], groupId: group, groupName: 'Team' });
    await serverApi('/message/group/publish.json', {
      fromUserId: g1,
      toGroupId: group,
      objectName: 'RC:TxtMsg',
      content: JSON.stringify({ content: 'standup now' }),
    });
    const view = await mountChat(me);
    await waitFor(
      () => items(view.list)[0]?.querySelector('.preview')?.textContent === `Name of ${g1}: standup now`,
      3000,
      'group preview',
    );
    expect(items(view.list)[0]!.querySelector('.name')!.textContent).to.equal(`Name of ${group}`);
  });

  it('has no serious or critical axe violations', async () => {
    const me = await connectUser(uniqueId('me'));
    const view = await mountChat(me);
    expect(await seriousViolations(view.list)).to.deep.equal([]);
    await publishText(uniqueId('peer'), me.userId, 'hello');
    await publishText(uniqueId('peer'), me.userId, 'hello again');
    await waitFor(() => items(view.list).length === 2, 3000, 'items');
    await me.kit.selectConversation({
      conversationType: ConversationType.PRIVATE,
      targetId: me.kit.store.state.conversationList[0]!.targetId,
    });
    await view.list.updateComplete;
    const violations = await seriousViolations(view.list);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
  });
});
