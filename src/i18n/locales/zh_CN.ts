/** Simplified Chinese strings (the default language, as in the IMKit docs). */
export const zh_CN = {
  conversationList: {
    actionFailed: '会话操作失败（{{code}}）',
    label: '会话列表',
    empty: '暂无会话',
    unread_other: '{{count}} 条未读消息',
    draft: '[草稿]',
    mentioned: '[有人@我]',
    pinned: '已置顶',
    muted: '消息免打扰',
    unreadDot: '有未读消息',
    group: '群组',
    online: '在线',
  },
  messageList: {
    uploading: '正在上传 {{percent}}%',
    cancelUpload: '取消上传',
    label: '消息列表',
    select: '请在左侧选择一个会话',
    empty: '暂无消息，发送第一条消息吧',
    loadingOlder: '正在加载更早的消息…',
    noMore: '没有更早的消息了',
    sending: '发送中',
    failed: '发送失败',
    retry: '重发',
    you: '我',
    today: '今天',
    members_other: '{{count}} 名成员',
  },
  messageEditor: {
    label: '输入消息',
    placeholder: '输入消息，Enter 发送，Shift + Enter 换行',
    send: '发送',
    disabledHint: '选择一个会话后即可发送消息',
    quoteLabel: '引用 {{name}}',
    cancelQuote: '取消引用',
    attach: '发送图片或文件',
    dropHint: '松开即可发送',
    refused: {
      tooLarge: '“{{name}}”超过 {{max}}，未发送',
      empty: '“{{name}}”是空文件，未发送',
      type: '不能发送 {{type}} 类型的文件',
    },
    emoji: '表情',
  },
  messageType: {
    'RC:ImgMsg': '[图片]',
    'RC:GIFMsg': '[动图]',
    'RC:FileMsg': '[文件]',
    'RC:HQVCMsg': '[语音]',
    'RC:VcMsg': '[语音]',
    'RC:SightMsg': '[小视频]',
    'RC:LBSMsg': '[位置]',
    'RC:ImgTextMsg': '[图文]',
    'RC:CombineMsg': '[聊天记录]',
    'RC:RcNtf': '[消息已撤回]',
    'RC:InfoNtf': '[提示]',
    'RC:GrpNtf': '[群通知]',
    unknown: '[暂不支持的消息]',
  },
  message: {
    mentionAll: '提醒群内所有人',
    recalledByMe: '你撤回了一条消息',
    recalledBy: '{{name}} 撤回了一条消息',
    openImage: '查看图片',
    voice: '语音 {{duration}}',
    video: '视频 {{duration}}',
    read: '已读',
    unreadPrivate: '未读',
    readCount: '{{count}} 人已读',
    typing: '对方正在输入…',
    typingGroup: '{{name}} 正在输入…',
    jumpToUnread_other: '{{count}} 条未读消息',
    newMessages_other: '{{count}} 条新消息',
    jumpToNewest: '回到最新消息',
    unreadDivider: '以下为新消息',
  },
  menu: {
    conversationLabel: '会话操作',
    messageLabel: '消息操作',
    cancel: '取消',
  },
  reactions: {
    label: '表情回应',
    count: '{{emoji}} {{count}}',
    countOwn: '{{emoji}} {{count}}，你已回应',
  },
  tags: {
    label: '标签',
    all: '全部',
    unread: '{{count}} 条未读',
    menuLabel: '标签操作',
  },
  outbox: {
    waiting: '等待网络连接',
    delete: '删除',
    failedCode: '发送失败（错误码 {{code}}）',
    notInGroup: '发送失败：你不在该群组中',
    notInChatroom: '发送失败：你不在该聊天室中',
    forbidden: '发送失败：你已被禁言',
    blacklisted: '发送失败：你已被对方加入黑名单',
    sensitiveWord: '发送失败：消息包含敏感词',
    tooLarge: '发送失败：消息过大',
    uploadFailed: '发送失败：文件上传失败',
    dropped: '未送达：聊天室当前消息过多',
    editorOffline: '当前离线，消息将在连接恢复后发送',
  },
  connection: {
    connecting: '正在连接…',
    reconnecting: '正在重新连接…',
    lost: '连接已断开',
    offline: '网络不可用',
    disconnected: '已断开连接',
    kicked: '你的账号已在其他设备登录，当前设备已下线',
    retryIn: '{{seconds}} 秒后重试',
  },
  time: {
    yesterday: '昨天',
  },
};

/**
 * The shape every language has: the keys of `zh_CN`, where a plural key (`unread_other`) may also have
 * the other CLDR forms of its base (`unread_one`, ...) for languages that use them (i18next plurals).
 */
export type KitLocale<T = typeof zh_CN> = {
  [K in keyof T]: T[K] extends string ? string : KitLocale<T[K]>;
} & PluralForms<T>;
type PluralForms<T> = {
  [
    K in keyof T as K extends `${infer Base}_other` ? `${Base}_${'zero' | 'one' | 'two' | 'few' | 'many'}` : never
  ]?: string;
};

/** The kit's strings of one language. */
export type KitResource = KitLocale;
