export * from './enums.js';
export * from './error-codes.js';
export * from './limits.js';
export * from './frames.js';
export * from './messaging.js';
export * from './messaging-codes.js';
export * from './moderation.js';
