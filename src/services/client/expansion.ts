/** Message expansion (seeds: 消息扩展). */
import { onDefaultClient } from './bind.js';
import { lateTable } from './late-tables.js';

/**
 * The operations of this feature (expansion-calls.ts), loaded with the first call of any of them (late-tables.ts).
 * Kept public (not marked internal): the published `ParleyClient` type refers to it for its methods'
 * signatures and TSDoc.
 */
export const expansionOps = /* @__PURE__ */ lateTable('expansionCalls', {
  updateMessageExpansion: true,
  removeMessageExpansionForKey: true,
});

// The module-level functions (the seeds' `RongIMLib.updateMessageExpansion(...)` style): the same operations on the default
// client, each documented on the `ParleyClient` method of its name. One statement each, so a bundle
// drops the ones an app does not import.
/** `ParleyClient.updateMessageExpansion`, on the default client. */
export const updateMessageExpansion = /* @__PURE__ */ onDefaultClient(expansionOps, 'updateMessageExpansion');
/** `ParleyClient.removeMessageExpansionForKey`, on the default client. */
export const removeMessageExpansionForKey = /* @__PURE__ */ onDefaultClient(
  expansionOps,
  'removeMessageExpansionForKey',
);
