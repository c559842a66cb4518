export * from './types.js';
export { ProfileCache, type ProfileUpdate } from './profile-cache.js';
export { safeImageUrl, safeName } from './safe-url.js';
