/**
 * The tag bar appears above the list when the user's first tag arrives (its code loads then): the rows stay the
 * same elements, so a row the user is on keeps focus and a menu opened on it keeps its place.
 */
import { expect } from '@open-wc/testing';
import {
  connectUser,
  disconnectAll,
  items,
  mountChat,
  publishText,
  tagTabs,
  uniqueId,
  waitFor,
} from '../shared/test-utils.js';

describe('the tag bar arriving', () => {
  afterEach(disconnectAll);

  it('keeps the rows and the focused row when the first tag appears', async () => {
    const userId = uniqueId('me');
    const [me, other] = [await connectUser(userId), await connectUser(userId)];
    await publishText(uniqueId('ann'), userId, 'hello');
    const { list } = await mountChat(me);
    await waitFor(() => items(list).length === 1, 3000, 'the conversation');
    const row = items(list)[0]!;
    row.focus();
    expect(list.shadowRoot!.activeElement).to.equal(row);

    // A tag made on another device: the bar shows up above the list.
    expect((await other.kit.createTag('Work')).code).to.equal(0);
    await waitFor(() => tagTabs(list).length === 2, 3000, 'the tag bar');
    await list.updateComplete;
    expect(row.isConnected, 'the same row element').to.equal(true);
    expect(items(list)[0]).to.equal(row);
    expect(list.shadowRoot!.activeElement, 'focus stays on the row').to.equal(row);
  });
});
