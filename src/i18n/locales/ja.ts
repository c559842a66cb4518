import type { KitResource } from './zh_CN.js';

/** Japanese strings (Parley: a third language beyond the IMKit docs' two). */
export const ja: KitResource = {
  conversationList: {
    label: 'トーク一覧',
    empty: 'トークはまだありません',
    unread: '未読メッセージ {{count}} 件',
    group: 'グループ',
  },
  messageList: {
    label: 'メッセージ',
    select: 'トークを選択してチャットを始めましょう',
    empty: 'メッセージはまだありません。挨拶してみましょう',
    loadingOlder: '以前のメッセージを読み込み中…',
    noMore: 'これより前のメッセージはありません',
    sending: '送信中',
    failed: '送信できませんでした',
    retry: '再送信',
    you: '自分',
    today: '今日',
  },
  messageEditor: {
    label: 'メッセージ',
    placeholder: 'メッセージを入力。Enter で送信、Shift + Enter で改行',
    send: '送信',
    disabledHint: 'トークを選択するとメッセージを送信できます',
  },
  messageType: {
    'RC:ImgMsg': '[画像]',
    'RC:GIFMsg': '[GIF]',
    'RC:FileMsg': '[ファイル]',
    'RC:HQVCMsg': '[音声]',
    'RC:VcMsg': '[音声]',
    'RC:SightMsg': '[動画]',
    'RC:LBSMsg': '[位置情報]',
    'RC:ImgTextMsg': '[リンク]',
    'RC:CombineMsg': '[トーク履歴]',
    'RC:RcNtf': '[メッセージの送信が取り消されました]',
    unknown: '[未対応のメッセージ]',
  },
  time: {
    yesterday: '昨日',
  },
};
