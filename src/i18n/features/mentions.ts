/** Strings of the @mention list (`mention-picker.ts`), added when it loads. */
import { addFeatureStrings } from '../feature-strings.js';

addFeatureStrings({
  zh_CN: {
    messageEditor: {
      mentionList: '选择要提醒的人',
      mentionAll: '所有人',
      mentionNone: '没有匹配的成员',
    },
  },
  en: {
    messageEditor: {
      mentionList: 'Members to mention',
      mentionAll: 'all',
      mentionNone: 'No matching member',
    },
  },
  ja: {
    messageEditor: {
      mentionList: 'メンションするメンバー',
      mentionAll: '全員',
      mentionNone: '一致するメンバーはいません',
    },
  },
});
