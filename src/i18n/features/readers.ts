/** Strings of the readers list (`readers-list.ts`), added when it loads. */
import { addFeatureStrings } from '../feature-strings.js';

addFeatureStrings({
  zh_CN: {
    message: {
      readers: '已读成员',
      noReaders: '还没有人读过',
      closeReaders: '关闭',
    },
  },
  en: {
    message: {
      readers: 'Read by',
      noReaders: 'Nobody has read it yet',
      closeReaders: 'Close',
    },
  },
  ja: {
    message: {
      readers: '既読したメンバー',
      noReaders: 'まだ誰も読んでいません',
      closeReaders: '閉じる',
    },
  },
});
