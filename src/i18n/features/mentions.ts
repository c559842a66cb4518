/** Strings of the @mention list (`mention-picker.ts`), added when it loads. */
import { addFeatureStrings } from '../feature-strings.js';

addFeatureStrings({
  zh_CN: {
    messageEditor: {
      mentionList: '选择要提醒的人',
      mentionAllHint: '群内所有人',
      mentionNone: '没有匹配的成员',
    },
  },
  en: {
    messageEditor: {
      mentionList: 'Members to mention',
      mentionAllHint: 'Everyone in the group',
      mentionNone: 'No matching member',
    },
  },
  ja: {
    messageEditor: {
      mentionList: 'メンションするメンバー',
      mentionAllHint: 'グループの全員',
      mentionNone: '一致するメンバーはいません',
    },
  },
});
