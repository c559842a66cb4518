/**
 * Device platforms of the seeds' multi-device rules (多端登录限制: mobile, desktop, Web, mini
 * program). A client names its platform on `connect`; the server can limit a user's sessions per
 * platform (`maxDevicesPerPlatform`), ending the oldest one of that platform with 31010.
 */
export const DevicePlatform = {
  WEB: 'web',
  DESKTOP: 'desktop',
  MOBILE: 'mobile',
  MINIPROGRAM: 'miniprogram',
} as const;
export type DevicePlatform = (typeof DevicePlatform)[keyof typeof DevicePlatform];

/** Every platform, for schemas and option checks. */
export const DEVICE_PLATFORMS: readonly DevicePlatform[] = Object.values(DevicePlatform);
