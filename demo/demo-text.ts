// The demo app's own words (toolbar, card, menu items, live page), in the kit's three languages. A plain table:
// the app is small and keeps its strings apart from the kit's i18next namespace. `setDemoLanguage` switches the
// kit (`imkit.changeLanguage`) and these strings together, and keeps `?lang=` in the address so a reload or
// the user switch stays in that language.

export type DemoLanguage = 'en' | 'zh_CN' | 'ja';

/** The switcher's choices, each named in its own language. */
export const DEMO_LANGUAGES: readonly { lang: DemoLanguage; label: string }[] = [
  { lang: 'en', label: 'English' },
  { lang: 'zh_CN', label: '中文' },
  { lang: 'ja', label: '日本語' },
];

const en = {
  signedInAs: 'Signed in as',
  startChat: 'Start a chat',
  chatWith: 'Chat with',
  sendCard: 'Send my card',
  backToList: 'Back to conversations',
  chats: '‹ Chats',
  language: 'Language',
  theme: 'Theme (auto follows the system)',
  themeSystem: 'Auto',
  themeLight: 'Light',
  themeDark: 'Dark',
  connecting: 'Connecting…',
  connectedAs: 'Connected as {id}',
  offline: '{id}: offline',
  notConnected: 'Not connected: {error}',
  opened: 'Opened {name}',
  deleted: 'Deleted the chat with {name}',
  tappedMessage: 'You tapped {kind}',
  kindImage: 'a picture',
  kindFile: 'a file',
  kindVoice: 'a voice message',
  kindVideo: 'a video',
  kindLocation: 'a location',
  kindCard: 'a contact card',
  kindMessage: 'a message',
  cardLabel: 'Contact card',
  cardPreview: '[Card] {name}',
  openCard: 'Open card',
  cardOf: 'Card of {name}',
  copyConversationId: 'Copy conversation ID',
  conversationId: 'Conversation ID: {id}',
  inRoomAs: 'In the room as {id}',
  notInRoom: 'Not in the room',
  joiningRoom: 'Joining the room…',
  joinRoom: 'Join the room',
  youLeft: 'You left the room.',
  hostNote: '{host} hosts this stream and moderates the room from her page.',
  videoNote: 'The stream would play here; the chat beside it is a Parley chatroom.',
  moderatorPanel: 'Moderator panel',
  moderatorNote:
    'Calls the chatroom Server API through the demo backend (POST /demo/moderate); the App Secret stays on the server. You host this stream (the room\'s creator), so "Mute all" leaves you able to speak. A real app would check that the caller is a moderator.',
  member: 'Member',
  minutes: 'Minutes',
  gag: 'Mute',
  ungag: 'Unmute',
  block: 'Block',
  unblock: 'Unblock',
  banAll: 'Mute all',
  unbanAll: 'Unmute all',
  actionDone: '{action}: done',
  actionFailed: '{action}: failed ({reason})',
};

export type DemoTextKey = keyof typeof en;

const TEXT: Record<DemoLanguage, Record<DemoTextKey, string>> = {
  en,
  zh_CN: {
    signedInAs: '当前用户',
    startChat: '发起聊天',
    chatWith: '聊天对象',
    sendCard: '发送我的名片',
    backToList: '返回会话列表',
    chats: '‹ 会话',
    language: '语言',
    theme: '主题（自动：跟随系统）',
    themeSystem: '自动',
    themeLight: '浅色',
    themeDark: '深色',
    connecting: '连接中…',
    connectedAs: '已连接：{id}',
    offline: '{id}：离线',
    notConnected: '未连接：{error}',
    opened: '已打开 {name}',
    deleted: '已删除与 {name} 的聊天',
    tappedMessage: '你点击了{kind}',
    kindImage: '一张图片',
    kindFile: '一个文件',
    kindVoice: '一条语音',
    kindVideo: '一段视频',
    kindLocation: '一个位置',
    kindCard: '一张名片',
    kindMessage: '一条消息',
    cardLabel: '个人名片',
    cardPreview: '[名片] {name}',
    openCard: '打开名片',
    cardOf: '{name} 的名片',
    copyConversationId: '复制会话 ID',
    conversationId: '会话 ID：{id}',
    inRoomAs: '已在房间中：{id}',
    notInRoom: '不在房间中',
    joiningRoom: '正在加入房间…',
    joinRoom: '加入房间',
    youLeft: '你已离开房间。',
    hostNote: '{host} 是本场直播的主播，并在她的页面上管理房间。',
    videoNote: '直播画面在此播放；旁边的聊天是一个 Parley 聊天室。',
    moderatorPanel: '管理面板',
    moderatorNote:
      '通过演示后端（POST /demo/moderate）调用聊天室 Server API；App Secret 只留在服务器上。你是本场直播的主播（房间创建者），所以“全员禁言”后你仍可发言。真实应用应先确认调用者是管理员。',
    member: '成员',
    minutes: '分钟',
    gag: '禁言',
    ungag: '解除禁言',
    block: '封禁',
    unblock: '解除封禁',
    banAll: '全员禁言',
    unbanAll: '解除全员禁言',
    actionDone: '{action}：完成',
    actionFailed: '{action}：失败（{reason}）',
  },
  ja: {
    signedInAs: 'ログイン中のユーザー',
    startChat: 'チャットを始める',
    chatWith: 'チャット相手',
    sendCard: '名刺を送る',
    backToList: 'トーク一覧に戻る',
    chats: '‹ トーク',
    language: '言語',
    theme: 'テーマ（自動：システムに合わせる）',
    themeSystem: '自動',
    themeLight: 'ライト',
    themeDark: 'ダーク',
    connecting: '接続中…',
    connectedAs: '{id} として接続中',
    offline: '{id}：オフライン',
    notConnected: '未接続：{error}',
    opened: '{name} を開きました',
    deleted: '{name} とのチャットを削除しました',
    tappedMessage: '{kind}をタップしました',
    kindImage: '画像',
    kindFile: 'ファイル',
    kindVoice: 'ボイスメッセージ',
    kindVideo: '動画',
    kindLocation: '位置情報',
    kindCard: '連絡先カード',
    kindMessage: 'メッセージ',
    cardLabel: '連絡先カード',
    cardPreview: '[名刺] {name}',
    openCard: '名刺を開く',
    cardOf: '{name} の名刺',
    copyConversationId: 'トーク ID をコピー',
    conversationId: 'トーク ID：{id}',
    inRoomAs: '{id} として参加中',
    notInRoom: 'ルームに参加していません',
    joiningRoom: 'ルームに参加中…',
    joinRoom: 'ルームに参加',
    youLeft: 'ルームから退出しました。',
    hostNote: '{host} がこの配信のホストで、自分のページからルームを管理しています。',
    videoNote: 'ここに配信が流れます。横のチャットは Parley のチャットルームです。',
    moderatorPanel: 'モデレーターパネル',
    moderatorNote:
      'デモのバックエンド（POST /demo/moderate）経由でチャットルームの Server API を呼びます。App Secret はサーバーに残ります。あなたはこの配信のホスト（ルームの作成者）なので、「全員ミュート」でも発言できます。実際のアプリでは呼び出し元がモデレーターかを確認します。',
    member: 'メンバー',
    minutes: '分',
    gag: 'ミュート',
    ungag: 'ミュート解除',
    block: 'ブロック',
    unblock: 'ブロック解除',
    banAll: '全員ミュート',
    unbanAll: '全員ミュート解除',
    actionDone: '{action}：完了',
    actionFailed: '{action}：失敗（{reason}）',
  },
};

const isDemoLanguage = (value: string | null): value is DemoLanguage =>
  value === 'en' || value === 'zh_CN' || value === 'ja';

let current: DemoLanguage = (() => {
  const asked = new URLSearchParams(location.search).get('lang');
  return isDemoLanguage(asked) ? asked : 'en';
})();
const listeners = new Set<() => void>();

/** The demo's language: `?lang=` when it is one of the three, else English. */
export function demoLanguage(): DemoLanguage {
  return current;
}

/** The demo string `key` in the current language, with `{name}` placeholders filled from `vars`. */
export function tr(key: DemoTextKey, vars: Record<string, string> = {}): string {
  return TEXT[current][key].replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** Calls `listener` after every language switch; returns the unsubscribe. */
export function onDemoLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Fills the page's static demo strings: `data-text="key"` sets an element's text, `data-text-label="key"` its
 * `aria-label`. Called at start and after each switch.
 */
export function applyDemoText(root: ParentNode = document): void {
  document.documentElement.lang = current.replace('_', '-');
  for (const element of root.querySelectorAll<HTMLElement>('[data-text]'))
    element.textContent = tr(element.dataset.text as DemoTextKey);
  for (const element of root.querySelectorAll<HTMLElement>('[data-text-label]'))
    element.setAttribute('aria-label', tr(element.dataset.textLabel as DemoTextKey));
}

/**
 * Switches the demo to `lang`: the kit (through `changeLanguage`, once the page has initialised it), the
 * demo's own strings, and `?lang=` in the address (replaced, so Back does not step through languages).
 */
export async function setDemoLanguage(
  lang: DemoLanguage,
  changeKitLanguage: (lang: DemoLanguage) => Promise<unknown>,
): Promise<void> {
  current = lang;
  const url = new URL(location.href);
  url.searchParams.set('lang', lang);
  history.replaceState(history.state, '', url);
  await changeKitLanguage(lang);
  applyDemoText();
  for (const listener of listeners) listener();
}
