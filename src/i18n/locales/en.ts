import type { KitResource } from './zh_CN.js';

/** English strings. */
export const en: KitResource = {
  conversationList: {
    label: 'Conversations',
    empty: 'No conversations yet',
    unread: '{{count}} unread messages',
    group: 'Group',
  },
  messageList: {
    label: 'Messages',
    select: 'Select a conversation to start chatting',
    empty: 'No messages yet. Say hello!',
    loadingOlder: 'Loading earlier messages…',
    noMore: 'No earlier messages',
    sending: 'Sending',
    failed: 'Not sent',
    retry: 'Retry',
    you: 'Me',
    today: 'Today',
  },
  messageEditor: {
    label: 'Message',
    placeholder: 'Type a message. Enter sends, Shift + Enter adds a line',
    send: 'Send',
    disabledHint: 'Select a conversation to send messages',
  },
  messageType: {
    'RC:ImgMsg': '[Image]',
    'RC:GIFMsg': '[GIF]',
    'RC:FileMsg': '[File]',
    'RC:HQVCMsg': '[Voice]',
    'RC:VcMsg': '[Voice]',
    'RC:SightMsg': '[Video]',
    'RC:LBSMsg': '[Location]',
    'RC:ImgTextMsg': '[Link]',
    'RC:CombineMsg': '[Chat history]',
    'RC:RcNtf': '[Message recalled]',
    unknown: '[Unsupported message]',
  },
  time: {
    yesterday: 'Yesterday',
  },
};
