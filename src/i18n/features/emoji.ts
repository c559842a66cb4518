/** Strings of the emoji picker (`emoji-picker.ts`), added when it loads. */
import { addFeatureStrings } from '../feature-strings.js';

addFeatureStrings({
  zh_CN: {
    messageEditor: {
      emojiCategory: {
        smileys: '笑脸',
        gestures: '手势',
        nature: '动物与自然',
        food: '食物与饮料',
        symbols: '物品与符号',
      },
    },
  },
  en: {
    messageEditor: {
      emojiCategory: {
        smileys: 'Smileys',
        gestures: 'Gestures',
        nature: 'Animals and nature',
        food: 'Food and drink',
        symbols: 'Objects and symbols',
      },
    },
  },
  ja: {
    messageEditor: {
      emojiCategory: {
        smileys: 'スマイリー',
        gestures: 'ジェスチャー',
        nature: '動物と自然',
        food: '食べ物と飲み物',
        symbols: 'もの・記号',
      },
    },
  },
});
