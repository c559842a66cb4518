/** `--max-devices-per-platform` / `PARLEY_MAX_DEVICES_PER_PLATFORM`: `platform=n` pairs, anything else stops the start. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { abuseOptions } from '../../server/cli-abuse.js';

test('the per-platform device limit parses pairs and refuses bad ones with the flag named', () => {
  assert.deepEqual(abuseOptions({ 'max-devices-per-platform': 'web=1, mobile=2' }, {}).maxDevicesPerPlatform, {
    web: 1,
    mobile: 2,
  });
  assert.deepEqual(abuseOptions({}, { PARLEY_MAX_DEVICES_PER_PLATFORM: 'desktop=1' }).maxDevicesPerPlatform, {
    desktop: 1,
  });
  assert.throws(
    () => abuseOptions({ 'max-devices-per-platform': 'watch=1' }, {}),
    /--max-devices-per-platform: expected one of web, desktop, mobile, miniprogram/,
  );
  assert.throws(
    () => abuseOptions({ 'max-devices-per-platform': 'web=two' }, {}),
    /--max-devices-per-platform \(web\): not a whole number/,
  );
  assert.throws(() => abuseOptions({ 'max-devices-per-platform': 'web=1,web=2' }, {}), /web given twice/);
});
