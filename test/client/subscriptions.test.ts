/**
 * Online status subscriptions and hosted profiles (seeds 5.9.8 / 5.10.1), as an app uses them, against
 * a real server: follow, hear comings and goings, read statuses, the limits, profiles and their events.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ErrorCode,
  Events,
  ParleyClient,
  SubscribeType,
  UserGender,
  type ISubscribeUserStatusInfo,
  type IUserProfileInfo,
} from '../../src/services/client/index.js';
import { sleep, useTestServer, waitFor } from './helpers.js';

const { ONLINE_STATUS, USER_PROFILE } = SubscribeType;

/** Records SUBSCRIBED_USER_STATUS_CHANGE items and SYNC_..._FINISHED types of a client. */
function watch(client: ParleyClient) {
  const changes: ISubscribeUserStatusInfo[] = [];
  const finished: number[] = [];
  client.addEventListener(Events.SUBSCRIBED_USER_STATUS_CHANGE, (list) => changes.push(...list));
  client.addEventListener(Events.SYNC_SUBSCRIBED_USER_STATUS_FINISHED, (type) => finished.push(type));
  return { changes, finished };
}

describe('client: online status subscriptions', () => {
  const { t, connect, track } = useTestServer();

  it('a follower hears the user come online and go offline, with her platforms', async () => {
    const fan = await connect('fan');
    const seen = watch(fan.client);
    assert.equal((await fan.client.subscribeUserStatus(['star'], ONLINE_STATUS, 600)).code, ErrorCode.SUCCESS);
    const status = await fan.client.getSubscribeUserStatus(ONLINE_STATUS, ['star']);
    assert.equal(status.data![0]!.details[0]!.eventValue, 0);
    assert.ok(status.data![0]!.expiry! > Date.now() + 590_000);

    const star = await connect('star', { platform: 'desktop' });
    await waitFor(
      () => seen.changes.some((c) => c.userId === 'star' && c.details[0]!.eventValue === 1),
      'online change',
    );
    const online = seen.changes.find((c) => c.details[0]!.eventValue === 1)!;
    assert.equal(online.subscribeType, ONLINE_STATUS);
    assert.deepEqual(online.details[0]!.platforms, ['desktop']);
    assert.equal(
      (await fan.client.getSubscribeUserStatus(ONLINE_STATUS, ['star'])).data![0]!.details[0]!.eventValue,
      1,
    );

    await star.client.disconnect();
    await waitFor(() => seen.changes.at(-1)?.details[0]!.eventValue === 0, 'offline change');

    // Unsubscribed: no more news.
    assert.equal((await fan.client.unSubscribeUserStatus(['star'], ONLINE_STATUS)).code, ErrorCode.SUCCESS);
    const before = seen.changes.length;
    const again = await connect('star');
    await sleep(300);
    assert.equal(seen.changes.length, before);
    await again.client.disconnect();
  });

  it('after a connect the client syncs what it follows, then says the sync is done', async () => {
    const first = await connect('syncer');
    await first.client.subscribeUserStatus(['buddy'], ONLINE_STATUS, 600);
    const buddy = await connect('buddy');
    const client = new ParleyClient(t.options());
    track(client);
    const seen = watch(client);
    assert.equal((await client.connect(await t.token('syncer'))).code, 0);
    await waitFor(() => seen.finished.length === 2, 'both types synced');
    assert.deepEqual(seen.finished, [ONLINE_STATUS, USER_PROFILE]);
    assert.equal(seen.changes.length, 1);
    assert.equal(seen.changes[0]!.userId, 'buddy');
    assert.equal(seen.changes[0]!.details[0]!.eventValue, 1);
    const page = await client.getSubscribeUserList(ONLINE_STATUS, 20, 0);
    assert.deepEqual(
      page.data!.map((s) => s.userId),
      ['buddy'],
    );
    await buddy.client.disconnect();
  });

  it('refuses bad arguments and more than 1000 followed users', async () => {
    const c = await connect('counter');
    assert.equal(
      (await c.client.subscribeUserStatus(['x'], ONLINE_STATUS, 59)).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    assert.equal(
      (await c.client.subscribeUserStatus(['x'], ONLINE_STATUS, 2_592_001)).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    assert.equal(
      (await c.client.subscribeUserStatus([], ONLINE_STATUS, 60)).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    const ids = (from: number) => Array.from({ length: 200 }, (_, i) => `u${from + i}`);
    assert.equal((await c.client.subscribeUserStatus(ids(200 * 5), ONLINE_STATUS, 60)).code, ErrorCode.SUCCESS);
    const tooMany = Array.from({ length: 201 }, (_, i) => `v${i}`);
    assert.equal(
      (await c.client.subscribeUserStatus(tooMany, ONLINE_STATUS, 60)).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    for (const from of [0, 200, 400, 600])
      assert.equal((await c.client.subscribeUserStatus(ids(from), ONLINE_STATUS, 60)).code, ErrorCode.SUCCESS);
    const over = await c.client.subscribeUserStatus(['one-more'], ONLINE_STATUS, 60);
    assert.equal(over.code, ErrorCode.RC_SUBSCRIBED_USERIDS_EXCEED_LIMIT);
    // Renewing ones already followed is fine; profiles count apart.
    assert.equal((await c.client.subscribeUserStatus(['u0'], ONLINE_STATUS, 120)).code, ErrorCode.SUCCESS);
    assert.equal((await c.client.subscribeUserStatus(['one-more'], USER_PROFILE, 60)).code, ErrorCode.SUCCESS);
  });
});

describe('client: hosted profiles', () => {
  const { connect } = useTestServer();

  it('updateMyUserProfile merges, reaches the other devices and the profile followers; others see name and portrait', async () => {
    const me = await connect('prof');
    const myOtherDevice = await connect('prof');
    const follower = await connect('follower');
    const seen = watch(follower.client);
    const own: IUserProfileInfo[] = [];
    const mine: IUserProfileInfo[] = [];
    myOtherDevice.client.addEventListener(Events.OWN_USER_PROFILE_CHANGED, (p) => own.push(p));
    me.client.addEventListener(Events.OWN_USER_PROFILE_CHANGED, (p) => mine.push(p));
    await follower.client.subscribeUserStatus(['prof'], USER_PROFILE, 600);

    const res = await me.client.updateMyUserProfile({
      name: 'Pat',
      email: 'pat@example.com',
      gender: UserGender.FEMALE,
      extraProfile: { team: 'blue' },
    });
    assert.equal(res.code, ErrorCode.SUCCESS);
    assert.equal(
      (await me.client.updateMyUserProfile({ portraitUri: 'https://example.com/p.png', level: 3 })).code,
      ErrorCode.SUCCESS,
    );
    const full = (await me.client.getMyUserProfile()).data!;
    assert.equal(full.name, 'Pat');
    assert.equal(full.email, 'pat@example.com');
    assert.equal(full.level, 3);
    assert.deepEqual(full.userExtProfile, { team: 'blue' });

    await waitFor(() => own.length === 2, 'the other device hears both changes');
    assert.equal(own[1]!.portraitUri, 'https://example.com/p.png');
    assert.equal(mine.length, 0, 'the device that made the change is not told again');
    await waitFor(() => seen.changes.length === 2, 'the follower hears both changes');
    const last = seen.changes[1]!;
    assert.equal(last.subscribeType, USER_PROFILE);
    assert.equal(last.details[0]!.userProfile!.name, 'Pat');
    assert.equal(last.details[0]!.userProfile!.email, undefined, 'email is not for others by default');

    const others = await follower.client.getUserProfiles(['prof', 'nobody']);
    assert.deepEqual(
      others.data!.map((p) => [p.userId, p.name, p.portraitUri, p.email]),
      [
        ['prof', 'Pat', 'https://example.com/p.png', undefined],
        ['nobody', '', '', undefined],
      ],
    );
  });

  it('refuses what the seeds do not allow: uniqueId, long fields, more than 20 users', async () => {
    const me = await connect('strict');
    assert.equal(
      (await me.client.updateMyUserProfile({ name: 'x'.repeat(33) })).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    assert.equal((await me.client.updateMyUserProfile({ level: 101 })).code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
    assert.equal(
      (await me.client.updateMyUserProfile({ uniqueId: 'me' } as never)).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    const ext = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v']));
    assert.equal(
      (await me.client.updateMyUserProfile({ userExtProfile: ext })).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    assert.equal(
      (await me.client.getUserProfiles(Array.from({ length: 21 }, (_, i) => `p${i}`))).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    assert.equal((await me.client.getMyUserProfile()).data!.name, '');
  });
});

describe('client: public hosted profiles', () => {
  const { connect } = useTestServer({ userProfileVisibility: 'everyone' });

  it('with userProfileVisibility everyone, others see every field', async () => {
    const me = await connect('open');
    await me.client.updateMyUserProfile({ name: 'O', location: 'Paris' });
    const other = await connect('reader');
    assert.equal((await other.client.getUserProfiles(['open'])).data![0]!.location, 'Paris');
  });
});
