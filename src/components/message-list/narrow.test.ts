// <message-list> adapts to its own width (container queries): in a phone-wide box the avatars are smaller and a
// long message may take more of the row than in a wide box. Against the real server.
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { ConversationType } from '../../protocol/enums.js';
import { connectUser, disconnectAll, publishText, serverApi, shadow, uniqueId, waitFor } from '../shared/test-utils.js';

const LONG = 'A long message that wraps over several lines, so its bubble is as wide as the list lets it be. '.repeat(
  3,
);

/** The sender's avatar and bubble of the one message, in a list `width` px wide (base-size 16px). */
async function geometry(width: number): Promise<{ avatar: number; bubble: number; row: number }> {
  const [me, peer] = [uniqueId('me'), uniqueId('peer')];
  await publishText(peer, me, LONG);
  const user = await connectUser(me);
  const root = await fixture<HTMLElement>(
    html`<div style="width:${width}px;height:500px"><message-list .store=${user.kit.store}></message-list></div>`,
  );
  await user.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: peer });
  const list = root.querySelector('message-list')!;
  const message = await waitFor(() => shadow(list).querySelector<HTMLElement>('.message'), 3000, 'the message');
  const bubble = message.querySelector<HTMLElement>('[part~=bubble]')!;
  const avatar = message.querySelector<HTMLElement>('[part~=avatar]')!;
  return {
    avatar: avatar.getBoundingClientRect().width,
    bubble: bubble.getBoundingClientRect().width,
    row: message.getBoundingClientRect().width,
  };
}

describe('<message-list> in a narrow box', () => {
  afterEach(disconnectAll);

  it('shrinks avatars and widens bubbles below 32em of its own width', async () => {
    const wide = await geometry(900);
    const phone = await geometry(390);
    expect(wide.avatar).to.equal(40);
    expect(phone.avatar).to.equal(32);
    expect(wide.bubble / wide.row).to.be.at.most(0.76);
    expect(phone.bubble / phone.row).to.be.greaterThan(0.8);
    expect(phone.bubble).to.be.at.most(phone.row);
  });

  it('cuts a long sender name in a group with an ellipsis, inside the list', async () => {
    const [me, group] = [uniqueId('me'), uniqueId('group')];
    const sender = uniqueId('maximilian_alexander_von_hohenzollern_sigmaringen');
    expect(
      (await serverApi('/group/create.json', { userId: [me, sender], groupId: group, groupName: 'Long names' })).code,
    ).to.equal(200);
    const published = await serverApi('/message/group/publish.json', {
      fromUserId: sender,
      toGroupId: [group],
      objectName: 'RC:TxtMsg',
      content: JSON.stringify({ content: 'Hi' }),
    });
    expect(published.code).to.equal(200);
    const user = await connectUser(me);
    const root = await fixture<HTMLElement>(
      html`<div style="width:390px;height:500px"><message-list .store=${user.kit.store}></message-list></div>`,
    );
    await user.kit.selectConversation({ conversationType: ConversationType.GROUP, targetId: group });
    const list = root.querySelector('message-list')!;
    const name = await waitFor(
      () => shadow(list).querySelector<HTMLElement>('[part~=sender]'),
      3000,
      'the sender name',
    );
    const box = name.getBoundingClientRect();
    const content = name.parentElement!.getBoundingClientRect();
    expect(name.textContent).to.equal(`Name of ${sender}`);
    expect(box.right, 'inside the list').to.be.at.most(list.getBoundingClientRect().right);
    expect(box.right, 'inside its message column').to.be.at.most(content.right + 0.5);
    expect(box.height, 'one line').to.be.below(parseFloat(getComputedStyle(name).lineHeight) * 1.5);
    expect(name.scrollWidth, 'cut').to.be.greaterThan(name.clientWidth);
    expect(getComputedStyle(name).textOverflow).to.equal('ellipsis');
    expect(name.title, 'the whole name on hover').to.equal(`Name of ${sender}`);
  });
});
