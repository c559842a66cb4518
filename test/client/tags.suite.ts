import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConversationType, ErrorCode, Events } from '../../src/services/client/index.js';
import { connectedClient, waitFor, useTestServer } from './helpers.js';

const PRIVATE = ConversationType.PRIVATE;

describe('client: conversation tags', () => {
  const { t, track } = useTestServer();

  it('tag calls with the seeds’ names; TAG / CONVERSATION_TAG on the other device', async () => {
    const a = await connectedClient(t, 'ga');
    const a2 = await connectedClient(t, 'ga');
    track(a.client, a2.client);
    let tagEvents = 0;
    let convTagEvents = 0;
    a2.client.addEventListener(Events.TAG, () => tagEvents++);
    a2.client.addEventListener(Events.CONVERSATION_TAG, () => convTagEvents++);
    await t.api.call('/message/private/publish.json', {
      fromUserId: 'gb',
      toUserId: 'ga',
      objectName: 'RC:TxtMsg',
      content: '{"content":"x"}',
    });
    assert.equal((await a.client.addTag({ tagId: 'fam', tagName: 'Family' })).code, 0);
    const conv = { conversationType: PRIVATE, targetId: 'gb' };
    assert.equal((await a.client.addConversationsToTag('fam', [conv])).code, 0);
    await waitFor(() => tagEvents === 1 && convTagEvents === 1, 'events on the other device');
    assert.deepEqual(
      (await a2.client.getTags()).data!.map((x) => x.tagName),
      ['Family'],
    );
    assert.deepEqual(
      (await a2.client.getTagsFromConversation(conv)).data!.map((x) => x.tagId),
      ['fam'],
    );
    const page = await a2.client.getConversationsFromTagByPage('fam', 10, 0);
    assert.equal(page.data![0]!.targetId, 'gb');
    assert.equal(page.data![0]!.unreadMessageCount, 1);
    assert.equal((await a2.client.getUnreadCountByTag('fam', false)).data, 1);
    assert.equal((await a.client.removeConversationsFromTag('fam', [conv])).code, 0);
    assert.equal((await a.client.removeTag('nope')).code, ErrorCode.TAG_NOT_EXIST);
    await waitFor(() => convTagEvents === 2, 'untagged on the other device');
    assert.equal((await a.client.updateTag({ tagId: 'fam', tagName: 'Kin' })).code, 0);
    assert.equal(
      (await a.client.updateTag({ tagId: 'fam', tagName: 'x'.repeat(16) })).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    assert.equal((await a.client.updateTag({ tagId: 'nope', tagName: 'Kin' })).code, ErrorCode.TAG_NOT_EXIST);
    await waitFor(() => tagEvents === 2, 'rename on the other device');
    assert.deepEqual(
      (await a2.client.getTags()).data!.map((x) => x.tagName),
      ['Kin'],
    );
    assert.equal((await a.client.addConversationsToTag('fam', [conv])).code, 0);
    assert.equal((await a.client.removeTag('fam')).code, 0);
    await waitFor(() => tagEvents === 3, 'removal on the other device');
    // The tag is gone everywhere; its conversation stays listed and holds no tag.
    assert.deepEqual((await a2.client.getTags()).data, []);
    assert.deepEqual((await a2.client.getTagsFromConversation(conv)).data, []);
    assert.deepEqual(
      (await a2.client.getConversationList()).data!.map((c) => c.targetId),
      ['gb'],
    );
  });
});
