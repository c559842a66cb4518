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
    assert.equal(
      (
        await t.api.call('/group/create.json', {
          groupId: 'open',
          groupName: 'Open',
          userId: ['ha'],
          historyBeforeJoin: 1,
        })
      ).code,
      200,
    );
    const a = await connect('ha');
    await a.client.sendMessage({ conversationType: GROUP, targetId: 'open' }, new TextMessage({ content: 'welcome' }));
    await t.api.call('/group/join.json', { groupId: 'open', groupName: 'Open', userId: ['hc'] });
    const c = await connect('hc');
    assert.deepEqual(await texts(c.client, 'open'), ['welcome']);
  });

  it('historyBeforeJoin=0 keeps the default, and a bad value is refused without creating the group', async () => {
    assert.equal(
      (
        await t.api.call('/group/create.json', {
          groupId: 'shut',
          groupName: 'Shut',
          userId: ['ha'],
          historyBeforeJoin: 0,
        })
      ).code,
      200,
    );
    const a = await connect('ha');
    await a.client.sendMessage({ conversationType: GROUP, targetId: 'shut' }, new TextMessage({ content: 'old' }));
    await t.api.call('/group/join.json', { groupId: 'shut', groupName: 'Shut', userId: ['hd'] });
    const d = await connect('hd');
    assert.deepEqual(await texts(d.client, 'shut'), []);
    assert.equal(
      (
        await t.api.call('/group/create.json', {
          groupId: 'bad',
          groupName: 'Bad',
          userId: ['ha'],
          historyBeforeJoin: 'yes',
        })
      ).code,
      1002,
    );
    assert.equal((await t.api.call('/group/quit.json', { groupId: 'bad', userId: ['ha'] })).code, 22410);
  });
});

describe("client: /group/refresh.json changes a group's history setting", () => {
  const { t, connect } = useTestServer();

  it('historyBeforeJoin=1 on refresh opens earlier history to the next member; 0 closes it again; absent keeps it', async () => {
    await t.api.call('/group/create.json', { groupId: 'later', groupName: 'Later', userId: ['ra'] });
    const a = await connect('ra');
    await a.client.sendMessage({ conversationType: GROUP, targetId: 'later' }, new TextMessage({ content: 'early' }));
    assert.equal(
      (await t.api.call('/group/refresh.json', { groupId: 'later', groupName: 'Later on', historyBeforeJoin: 1 })).code,
      200,
    );
    // A rename without the flag leaves the setting as it is.
    assert.equal((await t.api.call('/group/refresh.json', { groupId: 'later', groupName: 'Later again' })).code, 200);
    await t.api.call('/group/join.json', { groupId: 'later', groupName: '', userId: ['rb'] });
    const b = await connect('rb');
    assert.deepEqual(await texts(b.client, 'later'), ['early']);
    const groups = await t.api.call('/user/group/query.json', { userId: 'rb' });
    assert.deepEqual(groups.groups, [{ id: 'later', name: 'Later again' }]);

    assert.equal(
      (await t.api.call('/group/refresh.json', { groupId: 'later', groupName: 'Later', historyBeforeJoin: '0' })).code,
      200,
    );
    await t.api.call('/group/join.json', { groupId: 'later', groupName: '', userId: ['rc'] });
    const c = await connect('rc');
    assert.deepEqual(await texts(c.client, 'later'), []);
  });

  it('a bad historyBeforeJoin on refresh is 1002 and renames nothing; an unknown group is 22410', async () => {
    await t.api.call('/group/create.json', { groupId: 'kept', groupName: 'Kept', userId: ['ra'] });
    assert.equal(
      (await t.api.call('/group/refresh.json', { groupId: 'kept', groupName: 'Renamed', historyBeforeJoin: 'maybe' }))
        .code,
      1002,
    );
    const groups = await t.api.call('/user/group/query.json', { userId: 'ra' });
    assert.ok((groups.groups as Array<{ id: string; name: string }>).some((g) => g.id === 'kept' && g.name === 'Kept'));
    assert.equal(
      (await t.api.call('/group/refresh.json', { groupId: 'nowhere', groupName: 'X', historyBeforeJoin: 1 })).code,
      22410,
    );
  });
});
