// The chat page in Vue 3, as the IMKit docs set Vue up: the three tags are custom elements
// (`compilerOptions.isCustomElement`), properties are bound with `.prop`, and the kit's events are heard
// with `@tapConversation` and friends. The template is a string compiled at run time by Vue's full build
// (in-DOM templates would lose the events' capitals); scripts/demo.ts aliases `vue` to that build.
import { createApp, onMounted, ref } from 'vue';
import {
  defineCustomElements,
  type DeleteConversationEvent,
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

/** The one-column layout of narrow screens, wired once the template is in the page. */
let columns: ReturnType<typeof oneColumn> | undefined;

const KIT_TAGS = ['conversation-list', 'message-list', 'message-editor', 'connection-banner'];

const App = {
  setup() {
    const me = currentUser();
    // The demo's strings re-render on a language switch: `t` reads `lang`, so Vue tracks it.
    const lang = ref(demoLanguage());
    onDemoLanguageChange(() => (lang.value = demoLanguage()));
    const t = (key: DemoTextKey, vars?: Record<string, string>) => {
      void lang.value;
      return tr(key, vars);
    };
    const status = ref<{ key: DemoTextKey; vars?: Record<string, string> }>({ key: 'connecting' });
    const state = ref<'busy' | 'ok' | 'error'>('busy');
    const notice = ref('');
    const show = (text: string) => (notice.value = text);
    // "Send my card" waits for an open conversation.
    const conversationOpen = ref(isConversationOpen());
    onConversationOpenChange(() => (conversationOpen.value = isConversationOpen()));
    const peers = [
      ...users
        .filter((u) => u.id !== me.id)
        .map((u) => ({ key: u.id, name: u.name, type: ParleyIM.ConversationType.PRIVATE })),
      ...groups
        .filter((g) => g.memberIds.includes(me.id))
        .map((g) => ({ key: g.id, name: g.name, type: ParleyIM.ConversationType.GROUP })),
    ];
    onMounted(() => {
      renderIdentity(me, 'Parley chat · Vue 3');
      renderPreferences(document.querySelector('#prefs')!);
      startKit(me).then(
        () => ((status.value = { key: 'connectedAs', vars: { id: me.id } }), (state.value = 'ok')),
        (error: unknown) => (
          (status.value = { key: 'notConnected', vars: { error: String(error) } }),
          (state.value = 'error')
        ),
      );
    });
    return {
      me,
      t,
      status,
      state,
      notice,
      conversationOpen,
      peers,
      conversationCustomMenu: conversationMenu(show),
      messageCustomMenu: messageMenu(show),
      forwardList,
      open: (type: ParleyIM.ConversationType, targetId: string) => {
        void imkit.selectConversation({ conversationType: type, targetId });
        columns?.showMessages();
      },
      sendCard: () => sendCard(me),
      onTapConversation: (event: TapConversationEvent) => show(openedNotice(event.detail)),
      onDeleteConversation: (event: DeleteConversationEvent) => show(deletedNotice(event.detail)),
      onTapMessage: (event: TapMessageEvent) => show(tappedNotice(event.detail)),
    };
  },
  template: `
    <header class="toolbar">
      <img class="me-avatar" id="me-avatar" alt="" />
      <label class="me">
        <span class="visually-hidden">{{ t('signedInAs') }}</span>
        <!-- Its options come from page-chrome's renderIdentity, as on the plain page. -->
        <select id="user-switch" :aria-label="t('signedInAs')"></select>
      </label>
      <span class="framework">Vue 3</span>
      <nav class="start-chat" :aria-label="t('startChat')">
        <span>{{ t('chatWith') }}</span>
        <button v-for="peer in peers" :key="peer.key" type="button" @click="open(peer.type, peer.key)">{{ peer.name }}</button>
      </nav>
      <button type="button" :disabled="!conversationOpen" @click="sendCard">{{ t('sendCard') }}</button>
      <span class="notice" role="status">{{ notice }}</span>
      <span class="status" role="status" :data-state="state">{{ t(status.key, status.vars) }}</span>
      <span class="prefs" id="prefs"></span>
    </header>
    <div class="chat">
      <connection-banner base-size="14px" placement="row"></connection-banner>
      <div class="chat-conversation">
        <conversation-list base-size="14px" :customMenu.prop="conversationCustomMenu"
          @tapConversation="onTapConversation" @deleteConversation="onDeleteConversation"></conversation-list>
      </div>
      <div class="chat-message">
        <button type="button" class="back-to-list" :aria-label="t('backToList')">{{ t('chats') }}</button>
        <div class="chat-message-list">
          <message-list base-size="14px" :customMenu.prop="messageCustomMenu" :forwardList.prop="forwardList"
            @tapMessage="onTapMessage"></message-list>
        </div>
        <div class="chat-message-editor">
          <message-editor base-size="14px"></message-editor>
        </div>
      </div>
    </div>`,
};

defineCustomElements();
const app = createApp(App);
app.config.compilerOptions.isCustomElement = (tag) => KIT_TAGS.includes(tag);
app.mount('#app');
columns = oneColumn();
