// The chat page in React 19. React 19 sets a custom element's known properties as properties
// (`customMenu={...}`) and turns `on<event>` props into listeners for that exact event name, so
// `ontapConversation` hears the kit's `tapConversation`.
import { useEffect, useRef, useState, type DetailedHTMLProps, type HTMLAttributes } from 'react';
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
import { conversationMenu, currentUser, forwardList, groups, imkit, messageMenu, ParleyIM, sendCard, startKit, users } from './kit-setup.js';
import { oneColumn } from './one-column.js';

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
        Partial<Pick<MessageList, 'customMenu' | 'disableMenu' | 'forwardList' | 'maxRecallDuration'>> & { ontapMessage?: (event: TapMessageEvent) => void }
      >;
      'message-editor': KitJsxProps<MessageEditor, object>;
      'connection-banner': KitJsxProps<ConnectionBanner, object>;
    }
  }
}

const me = currentUser();
const peers = [
  ...users.filter((u) => u.id !== me.id).map((u) => ({ key: u.id, name: u.name, type: ParleyIM.ConversationType.PRIVATE })),
  ...groups.filter((g) => g.memberIds.includes(me.id)).map((g) => ({ key: g.id, name: g.name, type: ParleyIM.ConversationType.GROUP })),
];
// Started once for the page, outside React's effects (which may run twice in development).
const started = startKit(me);

function App() {
  const [status, setStatus] = useState<{ text: string; state: 'busy' | 'ok' | 'error' }>({ text: 'Connecting…', state: 'busy' });
  const [notice, setNotice] = useState('');
  const [menus] = useState(() => ({ conversation: conversationMenu(setNotice), message: messageMenu(setNotice) }));
  // The one-column layout of narrow screens, wired once the elements are in the page.
  const columns = useRef<ReturnType<typeof oneColumn>>(undefined);
  useEffect(() => {
    columns.current ??= oneColumn();
  }, []);

  useEffect(() => {
    started.then(
      () => setStatus({ text: `Connected as ${me.id}`, state: 'ok' }),
      (error: unknown) => setStatus({ text: `Not connected: ${String(error)}`, state: 'error' }),
    );
  }, []);

  return (
    <>
      <header className="toolbar">
        <img className="me-avatar" src={me.portraitUri} alt="" />
        <strong>{me.name} · React 19</strong>
        <nav className="start-chat" aria-label="Start a chat">
          <span>Chat with</span>
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
        <button type="button" onClick={() => sendCard(me)}>
          Send my card
        </button>
        <span className="notice" role="status">
          {notice}
        </span>
        <span className="status" role="status" data-state={status.state}>
          {status.text}
        </span>
      </header>
      <connection-banner base-size="14px" />
      <div className="chat">
        <div className="chat-conversation">
          <conversation-list
            base-size="14px"
            customMenu={menus.conversation}
            ontapConversation={(event) => setNotice(`Opened ${event.detail.targetId}`)}
            ondeleteConversation={(event) => setNotice(`Deleted ${event.detail.targetId}`)}
          />
        </div>
        <div className="chat-message">
          <button type="button" className="back-to-list" aria-label="Back to conversations">
            ‹ Chats
          </button>
          <div className="chat-message-list">
            <message-list
              base-size="14px"
              customMenu={menus.message}
              forwardList={forwardList}
              ontapMessage={(event) => setNotice(`Tapped a ${event.detail.messageType} message`)}
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
