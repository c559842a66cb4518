/** Strings of the message menu's built-in items and of their refusals (`message-menu-items.ts`), added when they load. */
import { addFeatureStrings } from '../feature-strings.js';

addFeatureStrings({
  zh_CN: {
    menu: {
      copy: '复制',
      forward: '转发',
      forwarded_other: '已转发到 {{count}} 个会话',
      forwardFailed: '转发失败',
      deleteMessage: '删除',
      reference: '引用',
      recall: '撤回',
      react: '回应',
    },
    reactions: {
      add: '用 {{emoji}} 回应',
    },
    message: {
      deleteFailed: '删除失败（{{code}}）',
      recallFailed: '撤回失败（{{code}}）',
      recallTooLate: '撤回失败：已超过可撤回的时间',
      recallNotAllowed: '撤回失败：只有发送者可以撤回这条消息',
    },
  },
  en: {
    menu: {
      copy: 'Copy',
      forward: 'Forward',
      forwarded_one: 'Forwarded to {{count}} conversation',
      forwarded_other: 'Forwarded to {{count}} conversations',
      forwardFailed: 'Could not forward',
      deleteMessage: 'Delete',
      reference: 'Quote',
      recall: 'Recall',
      react: 'React',
    },
    reactions: {
      add: 'React with {{emoji}}',
    },
    message: {
      deleteFailed: 'Could not delete ({{code}})',
      recallFailed: 'Could not recall the message ({{code}})',
      recallTooLate: 'Could not recall: the time allowed for recalling has passed',
      recallNotAllowed: 'Could not recall: only the sender may recall this message',
    },
  },
  ja: {
    menu: {
      copy: 'コピー',
      forward: '転送',
      forwarded_other: '{{count}} 件のトークに転送しました',
      forwardFailed: '転送できませんでした',
      deleteMessage: '削除',
      reference: '引用',
      recall: '送信取消',
      react: 'リアクション',
    },
    reactions: {
      add: '{{emoji}} でリアクション',
    },
    message: {
      deleteFailed: '削除できませんでした（{{code}}）',
      recallFailed: '送信を取り消せませんでした（{{code}}）',
      recallTooLate: '取り消せませんでした：取り消せる時間を過ぎています',
      recallNotAllowed: '取り消せませんでした：送信者だけが取り消せます',
    },
  },
});
