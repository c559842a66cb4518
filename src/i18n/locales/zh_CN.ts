/** Simplified Chinese strings (the default language, as in the IMKit docs). */
export const zh_CN = {
  conversationList: {
    label: '会话列表',
    empty: '暂无会话',
    unread: '{{count}} 条未读消息',
    group: '群组',
  },
  messageList: {
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
  },
  messageEditor: {
    label: '输入消息',
    placeholder: '输入消息，Enter 发送，Shift + Enter 换行',
    send: '发送',
    disabledHint: '选择一个会话后即可发送消息',
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
    unknown: '[暂不支持的消息]',
  },
  menu: {
    conversationLabel: '会话操作',
    messageLabel: '消息操作',
    deleteConversation: '删除会话',
    top: '置顶',
    cancelTop: '取消置顶',
    mute: '免打扰',
    unmute: '取消免打扰',
    copy: '复制',
    forward: '转发',
    forwarded: '已转发到 {{count}} 个会话',
    forwardFailed: '转发失败',
    deleteMessage: '删除',
    reference: '引用',
    recall: '撤回',
  },
  time: {
    yesterday: '昨天',
  },
};

/** The shape every language resource has. */
export type KitResource = typeof zh_CN;
