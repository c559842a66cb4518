/**
 * A new group member reads only what was sent after she joined (the seeds' default); a group created
 * with `historyBeforeJoin=1` shows her the earlier messages too. Through the client, as an app reads it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConversationType, ErrorCode, TextMessage, type ParleyClient } from '../../src/services/client/index.js';
import { useTestServer } from './helpers.js';

const { GROUP } = ConversationType;

async function texts(client: ParleyClient, groupId: string): Promise<string[]> {
  const res = await client.getRemoteHistoryMessages({ conversationType: GROUP, targetId: groupId }, { count: 50 });
  assert.equal(res.code, ErrorCode.SUCCESS);
  return res.data!.list.map((m) => (m.content as { content: string }).content);
}

describe('client: group history starts at the join unless the group says otherwise', () => {
  const { t, connect } = useTestServer();

  it('a member who joins later reads only the messages after her join', async () => {
    await t.api.call('/group/create.json', { groupId: 'late', groupName: 'Late', userId: ['ha'] });
    const a = await connect('ha');
    await a.client.sendMessage({ conversationType: GROUP, targetId: 'late' }, new TextMessage({ content: 'before' }));
    await t.api.call('/group/join.json', { groupId: 'late', groupName: 'Late', userId: ['hb'] });
    await a.client.sendMessage({ conversationType: GROUP, targetId: 'late' }, new TextMessage({ content: 'after' }));
    const b = await connect('hb');
    assert.deepEqual(await texts(b.client, 'late'), ['after']);
    assert.deepEqual(await texts(a.client, 'late'), ['before', 'after']);
  });

  it('a group created with historyBeforeJoin=1 shows new members what came before', async () => {
    assert.equal((await t.api.call('/group/create.json', { groupId: 'open', groupName: 'Open', userId: ['ha'], historyBeforeJoin: 1 })).code, 200);
    const a = await connect('ha');
    await a.client.sendMessage({ conversationType: GROUP, targetId: 'open' }, new TextMessage({ content: 'welcome' }));
    await t.api.call('/group/join.json', { groupId: 'open', groupName: 'Open', userId: ['hc'] });
    const c = await connect('hc');
    assert.deepEqual(await texts(c.client, 'open'), ['welcome']);
  });

  it('historyBeforeJoin=0 keeps the default, and a bad value is refused without creating the group', async () => {
    assert.equal((await t.api.call('/group/create.json', { groupId: 'shut', groupName: 'Shut', userId: ['ha'], historyBeforeJoin: 0 })).code, 200);
    const a = await connect('ha');
    await a.client.sendMessage({ conversationType: GROUP, targetId: 'shut' }, new TextMessage({ content: 'old' }));
    await t.api.call('/group/join.json', { groupId: 'shut', groupName: 'Shut', userId: ['hd'] });
    const d = await connect('hd');
    assert.deepEqual(await texts(d.client, 'shut'), []);
    assert.equal((await t.api.call('/group/create.json', { groupId: 'bad', groupName: 'Bad', userId: ['ha'], historyBeforeJoin: 'yes' })).code, 1002);
    assert.equal((await t.api.call('/group/quit.json', { groupId: 'bad', userId: ['ha'] })).code, 22410);
  });
});
