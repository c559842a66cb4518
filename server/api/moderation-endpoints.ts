/**
 * Server API of user moderation (the seeds' paths): a user's blacklist (`/user/blacklist/*`), the
 * private-chat mute (`/user/ban/*`, sends refused with 20106) and the app's sensitive words
 * (`/sensitiveword/*`: a word with `replaceWord` is replaced, one without blocks the message: 21501).
 */
import * as v from 'valibot';
import { ServerApiCode } from '../../src/protocol/error-codes.js';
import { ModerationLimits } from '../../src/protocol/moderation.js';
import type { EndpointTable } from './api-context.js';
import { ApiError, endpoint, id, idList, nonNegativeInt } from './params.js';

/** Up to 20 ids per call (the seeds' per-call limit of moderation lists). */
export const fewIds = v.pipe(
  idList,
  v.maxLength(ModerationLimits.PER_CALL_MAX, `at most ${ModerationLimits.PER_CALL_MAX} ids`),
);
/** A mute's length: 1–43200 minutes; absent = until lifted. */
export const optionalMinute = v.optional(
  v.pipe(
    nonNegativeInt,
    v.minValue(1, 'must be ≥ 1'),
    v.maxValue(ModerationLimits.MUTE_MAX_MINUTES, `at most ${ModerationLimits.MUTE_MAX_MINUTES}`),
  ),
);

const word = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(
    ModerationLimits.SENSITIVE_WORD_MAX_LENGTH,
    `at most ${ModerationLimits.SENSITIVE_WORD_MAX_LENGTH} characters`,
  ),
);
const wordList = v.pipe(
  v.union([word, v.array(word)], 'must be a word or a list of words'),
  v.transform((x) => [...new Set(Array.isArray(x) ? x : [x])]),
  v.minLength(1, 'must not be empty'),
  v.maxLength(ModerationLimits.SENSITIVE_WORDS_MAX, `at most ${ModerationLimits.SENSITIVE_WORDS_MAX} words`),
);

const Blacklist = v.object({ userId: id, blackUserId: fewIds });
const BlacklistQuery = v.object({ userId: id });
const Ban = v.object({ userId: fewIds, minute: optionalMinute });
const Unban = v.object({ userId: fewIds });
const WordAdd = v.object({ word, replaceWord: v.optional(word) });
const WordDelete = v.object({ word });
const WordsDelete = v.object({ words: wordList });
/** `type`: 0 = replaced words, 1 = blocking words, absent = all. */
const WordQuery = v.object({ type: v.optional(v.picklist(['0', '1', 0, 1], 'must be 0 or 1')) });

export const moderationEndpoints = {
  // ---- blacklist: blackUserId cannot send userId private messages (405) ----
  '/user/blacklist/add.json': endpoint(Blacklist, async (p, ctx) => {
    await ctx.chat.moderation.addToBlacklist(p.userId, p.blackUserId);
    return {};
  }),
  '/user/blacklist/remove.json': endpoint(Blacklist, async (p, ctx) => {
    await ctx.chat.moderation.removeFromBlacklist(p.userId, p.blackUserId);
    return {};
  }),
  '/user/blacklist/query.json': endpoint(BlacklistQuery, async (p, ctx) => {
    return { users: await ctx.chat.moderation.blacklist(p.userId) };
  }),

  // ---- private-chat mute: the user receives, but her private sends get 20106 ----
  '/user/ban/add.json': endpoint(Ban, async (p, ctx) => {
    await ctx.chat.moderation.muteUsers(p.userId, p.minute);
    return {};
  }),
  '/user/ban/remove.json': endpoint(Unban, async (p, ctx) => {
    await ctx.chat.moderation.unmuteUsers(p.userId);
    return {};
  }),
  async '/user/ban/query.json'(_params, ctx) {
    return { users: await ctx.chat.moderation.mutedUsers() };
  },

  // ---- sensitive words (RC:TxtMsg from clients) ----
  '/sensitiveword/add.json': endpoint(WordAdd, async (p, ctx) => {
    if (!(await ctx.chat.moderation.addWord(p.word, p.replaceWord ?? null))) {
      throw new ApiError(
        400,
        ServerApiCode.PARAM_ERROR,
        `at most ${ModerationLimits.SENSITIVE_WORDS_MAX} sensitive words`,
      );
    }
    return {};
  }),
  '/sensitiveword/delete.json': endpoint(WordDelete, async (p, ctx) => {
    await ctx.chat.moderation.removeWords([p.word]);
    return {};
  }),
  '/sensitiveword/batch/delete.json': endpoint(WordsDelete, async (p, ctx) => {
    await ctx.chat.moderation.removeWords(p.words);
    return {};
  }),
  '/sensitiveword/list.json': endpoint(WordQuery, async (p, ctx) => {
    const all = await ctx.chat.moderation.sensitiveWords();
    const words = all.map((w) => ({
      type: w.replaceWord === null ? '1' : '0',
      word: w.word,
      replaceWord: w.replaceWord ?? '',
    }));
    return { words: p.type === undefined ? words : words.filter((w) => w.type === String(p.type)) };
  }),
} satisfies EndpointTable;
