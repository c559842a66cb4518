/**
 * Sends the server refuses for moderation — the recipient's blacklist (405), a private-chat mute
 * (20106), a blocked sensitive word (21501) — stay in the list as failed, with a sentence saying why
 * in the kit's language (zh_CN, en, ja), and Retry and Delete beside it.
 */
import { expect } from '@open-wc/testing';
import { ConversationType } from '../../protocol/enums.js';
import { ErrorCode } from '../../protocol/error-codes.js';
import {
  connectUser,
  disconnectAll,
  messageRows,
  mountChat,
  serverApi,
  uniqueId,
  type ChatView,
  type TestUser,
} from '../shared/test-utils.js';

const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });

/** The failed row's reason in each language, switching the kit's language and back to zh_CN. */
async function reasons(user: TestUser, view: ChatView): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const lang of ['en', 'ja', 'zh_CN']) {
    await user.kit.changeLanguage({ lang });
    await view.messages.updateComplete;
    out[lang] = messageRows(view.messages)[0]!.querySelector('.state')!.textContent!;
  }
  return out;
}

describe('message-list: sends refused by moderation', () => {
  afterEach(disconnectAll);

  it('a blacklisted sender sees the message failed: "you are blocked", Retry and Delete', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = uniqueId('bob');
    expect((await serverApi('/user/blacklist/add.json', { userId: bob, blackUserId: alice.userId })).code).to.equal(
      200,
    );
    const view = await mountChat(alice);
    await alice.kit.selectConversation(privateWith(bob));
    const result = await alice.kit.sendText('hello?');
    expect(result?.sendState).to.equal('failed');
    expect(result?.failCode).to.equal(ErrorCode.REJECTED_BY_BLACKLIST);
    await view.messages.updateComplete;
    const row = messageRows(view.messages)[0]!;
    expect(row.dataset.sendState).to.equal('failed');
    expect([...row.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.deep.equal(['重发', '删除']);
    expect(await reasons(alice, view)).to.deep.equal({
      en: 'Not sent: this user has blocked you',
      ja: '送信できませんでした：相手にブロックされています',
      zh_CN: '发送失败：你已被对方加入黑名单',
    });
  });

  it('a sender muted in private chats sees "you are muted"', async () => {
    const carol = await connectUser(uniqueId('carol'));
    expect((await serverApi('/user/ban/add.json', { userId: carol.userId, minute: 5 })).code).to.equal(200);
    const view = await mountChat(carol);
    await carol.kit.selectConversation(privateWith(uniqueId('dave')));
    const result = await carol.kit.sendText('anyone?');
    expect(result?.failCode).to.equal(ErrorCode.FORBIDDEN_IN_PRIVATE);
    expect(await reasons(carol, view)).to.deep.equal({
      en: 'Not sent: you are muted here',
      ja: '送信できませんでした：発言が禁止されています',
      zh_CN: '发送失败：你已被禁言',
    });
  });

  it('a text with a blocked sensitive word shows "contains a blocked word"', async () => {
    const word = uniqueId('zzword').toLowerCase();
    expect((await serverApi('/sensitiveword/add.json', { word })).code).to.equal(200);
    try {
      const erin = await connectUser(uniqueId('erin'));
      const view = await mountChat(erin);
      await erin.kit.selectConversation(privateWith(uniqueId('frank')));
      const result = await erin.kit.sendText(`say ${word} now`);
      expect(result?.failCode).to.equal(ErrorCode.SENSITIVE_SHIELD);
      expect(await reasons(erin, view)).to.deep.equal({
        en: 'Not sent: the message contains a blocked word',
        ja: '送信できませんでした：禁止されている語句が含まれています',
        zh_CN: '发送失败：消息包含敏感词',
      });
    } finally {
      await serverApi('/sensitiveword/delete.json', { word });
    }
  });
});
