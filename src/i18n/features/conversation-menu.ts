/** Strings of the conversation menu's built-in items and their confirmations (`conversation-menu-items.ts`), added when they load. */
import { addFeatureStrings } from '../feature-strings.js';

addFeatureStrings({
  zh_CN: {
    menu: {
      deleteConversation: '删除会话',
      deleteConversationTitle: '删除该会话？',
      deleteConversationMessage: '“{{name}}”将从你所有设备的会话列表中移除，收到新消息时会再次出现。',
      deleteConversationAction: '删除',
      top: '置顶',
      cancelTop: '取消置顶',
      mute: '免打扰',
      unmute: '取消免打扰',
      clearHistory: '清空聊天记录',
      clearHistoryTitle: '清空聊天记录？',
      clearHistoryMessage: '你与“{{name}}”的消息将在你的所有设备上删除，对方的记录不受影响。',
      clearHistoryAction: '清空',
      tags: '标签…',
    },
  },
  en: {
    menu: {
      deleteConversation: 'Delete conversation',
      deleteConversationTitle: 'Delete this conversation?',
      deleteConversationMessage:
        '“{{name}}” will be removed from your conversation list on all your devices. It comes back when a new message arrives.',
      deleteConversationAction: 'Delete',
      top: 'Pin',
      cancelTop: 'Unpin',
      mute: 'Mute notifications',
      unmute: 'Unmute notifications',
      clearHistory: 'Clear history',
      clearHistoryTitle: 'Clear the chat history?',
      clearHistoryMessage: 'Your messages with “{{name}}” will be deleted on all your devices. The others keep theirs.',
      clearHistoryAction: 'Clear',
      tags: 'Tags…',
    },
  },
  ja: {
    menu: {
      deleteConversation: 'トークを削除',
      deleteConversationTitle: 'このトークを削除しますか？',
      deleteConversationMessage:
        '「{{name}}」はすべての端末のトーク一覧から削除されます。新しいメッセージが届くと再び表示されます。',
      deleteConversationAction: '削除',
      top: 'ピン留め',
      cancelTop: 'ピン留めを解除',
      mute: '通知をオフ',
      unmute: '通知をオン',
      clearHistory: '履歴を消去',
      clearHistoryTitle: 'トーク履歴を消去しますか？',
      clearHistoryMessage: '「{{name}}」とのメッセージはすべての端末で削除されます。相手の履歴は残ります。',
      clearHistoryAction: '消去',
      tags: 'タグ…',
    },
  },
});
