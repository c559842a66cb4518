import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { DevicePlatform, ParleyClient } from '../../services/client/index.js';
import { createKit } from '../../kit/kit.js';
import { session, shadow, testService, uniqueId, waitFor } from '../shared/test-utils.js';
import type { ConnectionBanner } from './connection-banner.js';

/** A kit of `userId` connected as a mobile device (the test server allows one mobile session per user). */
async function mobileKit(userId: string, language: string) {
  const s = await session(userId);
  const client = new ParleyClient({
    appkey: s.appkey,
    navi: s.navi,
    platform: DevicePlatform.MOBILE,
    reconnectMinDelay: 50,
    reconnectMaxDelay: 200,
  });
  const kit = createKit({ client });
  kit.init({ appkey: s.appkey, service: testService(), provideOn: null, language });
  expect((await client.connect(s.token)).code).to.equal(0);
  return { client, kit };
}

const text = (banner: ConnectionBanner) =>
  shadow(banner).querySelector('.banner')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<connection-banner> when another device takes over', () => {
  const clients: ParleyClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.disconnect();
  });

  it('says the user signed in elsewhere (31010), tells screen readers, and stays put', async () => {
    const userId = uniqueId('phone');
    const older = await mobileKit(userId, 'en');
    clients.push(older.client);
    const banner = await fixture<ConnectionBanner>(
      html`<connection-banner .store=${older.kit.store}></connection-banner>`,
    );
    const newer = await mobileKit(userId, 'en');
    clients.push(newer.client);
    await waitFor(
      () => text(banner) === 'Signed in on another device. This one is disconnected',
      5000,
      'kicked banner',
    );
    expect(shadow(banner).querySelector('[role="status"]')!.textContent).to.equal(
      'Signed in on another device. This one is disconnected',
    );
    expect(older.client.getConnectionStatus()).to.equal(6);
    await new Promise((r) => setTimeout(r, 400));
    expect(older.client.getConnectionStatus()).to.equal(6);
    await expect(banner).to.be.accessible();
  });
});
