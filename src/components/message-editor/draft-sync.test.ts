import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ConversationType } from '../../protocol/enums.js';
import { conversationKey } from '../../services/store/types.js';
import { DRAFT_IDLE_MS } from './draft-controller.js';
import {
  bubbleTexts,
  disconnectAll,
  publishText,
  shadow,
  userOnTwoDevices,
  waitFor,
  type TestUser,
} from '../shared/test-utils.js';

const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });
const listedDraft = (user: TestUser, targetId: string) =>
  user.kit.store.state.conversationList.find((c) => c.key === conversationKey(privateWith(targetId)))?.draft;

describe('<message-editor> drafts from another device', () => {
  afterEach(disconnectAll);

  it('an open, untouched editor takes the draft saved on another device and clears when that device sends; typing here is never replaced', async () => {
    const {
      userId,
      one: a,
      two: b,
      peer: { userId: peer },
      view: viewA,
      view2: viewB,
    } = await userOnTwoDevices('me', 'peer');
    await publishText(peer, userId, 'hello');
    await waitFor(
      () => listedDraft(a, peer) !== undefined && listedDraft(b, peer) !== undefined,
      3000,
      'listed on both devices',
    );
    const [areaA, areaB] = [
      shadow(viewA.editor).querySelector('textarea')!,
      shadow(viewB.editor).querySelector('textarea')!,
    ];
    await waitFor(() => !areaA.disabled && !areaB.disabled, 2000, 'both editors open');

    // Device A writes a draft (saved after a pause); B's open editor shows it without reopening.
    areaA.focus();
    await sendKeys({ type: 'see you at 5' });
    await waitFor(() => areaB.value === 'see you at 5', DRAFT_IDLE_MS + 3000, 'draft taken on B');

    // A sends it: the draft is cleared on the server, and B's untouched editor follows.
    await sendKeys({ press: 'Enter' });
    await waitFor(() => bubbleTexts(viewB.messages).includes('see you at 5'), 3000, 'sent');
    await waitFor(() => areaB.value === '', 3000, 'draft cleared on B');

    // The user is in B's editor, about to type: another device's draft does not replace it, nor what they type.
    areaB.focus();
    expect((await a.client.saveTextMessageDraft(privateWith(peer), 'from the phone')).code).to.equal(0);
    await waitFor(() => listedDraft(b, peer) === 'from the phone', 3000, 'B heard of the draft');
    await viewB.editor.updateComplete;
    expect(areaB.value).to.equal('');
    await sendKeys({ type: 'my own words' });
    expect((await a.client.saveTextMessageDraft(privateWith(peer), 'from the tablet')).code).to.equal(0);
    await waitFor(() => listedDraft(b, peer) === 'from the tablet', 3000, 'B heard of the next draft');
    await viewB.editor.updateComplete;
    expect(areaB.value).to.equal('my own words');
  });
});
