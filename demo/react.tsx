// The chat page in React 19. React 19 sets a custom element's known properties as properties
// (`customMenu={...}`) and turns `on<event>` props into listeners for that exact event name, so
// `ontapConversation` hears the kit's `tapConversation`.
import { useEffect, useRef, useState, useSyncExternalStore, type DetailedHTMLProps, type HTMLAttributes } from 'react';
import { createRoot } from 'react-dom/client';
import {
  defineCustomElements,
  type ConnectionBanner,
  type ConversationList,
  type DeleteConversationEvent,
  type MessageEditor,
  type MessageList,
  type TapConversationEvent,
  type TapMessageEvent,
} from '../src/index.js';
import {
  conversationMenu,
  currentUser,
  forwardList,
  groups,
  imkit,
  isConversationOpen,
  messageMenu,
  onConversationOpenChange,
  ParleyIM,
  sendCard,
  startKit,
  users,
} from './kit-setup.js';
import { demoLanguage, onDemoLanguageChange, tr, type DemoTextKey } from './demo-text.js';
import { oneColumn } from './one-column.js';
import { deletedNotice, openedNotice, tappedNotice } from './notices.js';
import { renderIdentity, renderPreferences } from './page-chrome.js';

type KitJsxProps<E, P> = DetailedHTMLProps<HTMLAttributes<E>, E> & P & { 'base-size'?: string };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'conversation-list': KitJsxProps<
        ConversationList,
        Partial<Pick<ConversationList, 'customMenu' | 'disableMenu' | 'hideNotificUnreadCount'>> & {
          ontapConversation?: (event: TapConversationEvent) => void;
          ondeleteConversation?: (event: DeleteConversationEvent) => void;
        }
      >;
      'message-list': KitJsxProps<
        MessageList,
        Partial<Pick<MessageList, 'customMenu' | 'disableMenu' | 'forwardList' | 'maxRecallDuration'>> & {
          ontapMessage?: (event: TapMessageEvent) => void;
        }
      >;
      'message-editor': KitJsxProps<MessageEditor, object>;
      'connection-banner': KitJsxProps<ConnectionBanner, Partial<Pick<ConnectionBanner, 'placement'>>>;
    }
  }
}

const me = currentUser();
const peers = [
  ...users
    .filter((u) => u.id !== me.id)
    .map((u) => ({ key: u.id, name: u.name, type: ParleyIM.ConversationType.PRIVATE })),
  ...groups
    .filter((g) => g.memberIds.includes(me.id))
    .map((g) => ({ key: g.id, name: g.name, type: ParleyIM.ConversationType.GROUP })),
];
// Started once for the page, outside React's effects (which may run twice in development).
const started = startKit(me);

function App() {
  // Re-renders on a language switch (the demo's strings come from `tr`).
  useSyncExternalStore(onDemoLanguageChange, demoLanguage);
  const [status, setStatus] = useState<{
    key: DemoTextKey;
    vars?: Record<string, string>;
    state: 'busy' | 'ok' | 'error';
  }>({ key: 'connecting', state: 'busy' });
  const [notice, setNotice] = useState('');
  // "Send my card" waits for an open conversation.
  const conversationOpen = useSyncExternalStore(onConversationOpenChange, isConversationOpen);
  const [menus] = useState(() => ({ conversation: conversationMenu(setNotice), message: messageMenu(setNotice) }));
  // The one-column layout of narrow screens, wired once the elements are in the page.
  const columns = useRef<ReturnType<typeof oneColumn>>(undefined);
  useEffect(() => {
    columns.current ??= oneColumn();
    renderIdentity(me, 'Parley chat · React 19');
    renderPreferences(document.querySelector('#prefs')!);
  }, []);

  useEffect(() => {
    started.then(
      () => setStatus({ key: 'connectedAs', vars: { id: me.id }, state: 'ok' }),
      (error: unknown) => setStatus({ key: 'notConnected', vars: { error: String(error) }, state: 'error' }),
    );
  }, []);

  return (
    <>
      <header className="toolbar">
        <img className="me-avatar" id="me-avatar" alt="" />
        <label className="me">
          <span className="visually-hidden">{tr('signedInAs')}</span>
          {/* Its options come from page-chrome's renderIdentity, as on the plain page. */}
          <select id="user-switch" aria-label={tr('signedInAs')} />
        </label>
        <span className="framework">React 19</span>
        <nav className="start-chat" aria-label={tr('startChat')}>
          <span>{tr('chatWith')}</span>
          {peers.map((peer) => (
            <button
              key={peer.key}
              type="button"
              onClick={() => {
                void imkit.selectConversation({ conversationType: peer.type, targetId: peer.key });
                columns.current?.showMessages();
              }}
            >
              {peer.name}
            </button>
          ))}
        </nav>
        <button type="button" disabled={!conversationOpen} onClick={() => sendCard(me)}>
          {tr('sendCard')}
        </button>
        <span className="notice" role="status">
          {notice}
        </span>
        <span className="status" role="status" data-state={status.state}>
          {tr(status.key, status.vars)}
        </span>
        <span className="prefs" id="prefs" />
      </header>
      <div className="chat">
        <connection-banner base-size="14px" placement="row" />
        <div className="chat-conversation">
          <conversation-list
            base-size="14px"
            customMenu={menus.conversation}
            ontapConversation={(event) => setNotice(openedNotice(event.detail))}
            ondeleteConversation={(event) => setNotice(deletedNotice(event.detail))}
          />
        </div>
        <div className="chat-message">
          <button type="button" className="back-to-list" aria-label={tr('backToList')}>
            {tr('chats')}
          </button>
          <div className="chat-message-list">
            <message-list
              base-size="14px"
              customMenu={menus.message}
              forwardList={forwardList}
              ontapMessage={(event) => setNotice(tappedNotice(event.detail))}
            />
          </div>
          <div className="chat-message-editor">
            <message-editor base-size="14px" />
          </div>
        </div>
      </div>
    </>
  );
}

defineCustomElements();
createRoot(document.getElementById('app')!).render(<App />);
