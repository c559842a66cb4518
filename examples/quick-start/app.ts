// examples/quick-start/app.ts: the page's script. The elements are in index.html, each in a sized box.
import * as ParleyIM from 'parley/client';
import { CoreEvent, defineCustomElements, imkit, type IMKitService } from 'parley';

// Names and avatars come from your app; the kit asks this service for them.
const service: IMKitService = {
  getUserProfile: (userId) => ({ id: userId, name: userId, portraitUri: '' }),
  getConversationProfile: (conversations) => conversations.map((c) => ({ ...c, name: c.targetId, portraitUri: '' })),
};

// Your backend signs the user in and hands out a token (see backend.ts); the App Secret never reaches the page.
const user = new URLSearchParams(location.search).get('user') ?? 'alice';
const session = await (await fetch(`/token?user=${encodeURIComponent(user)}`)).json();

defineCustomElements();
const libOption = { appkey: session.appkey, navi: session.navi }; // navi: the Parley server's address
ParleyIM.init(libOption);
imkit.init({ appkey: libOption.appkey, service, libOption, language: 'en' }); // the default language is zh_CN
const { code } = await ParleyIM.connect(session.token);
if (code !== ParleyIM.ErrorCode.SUCCESS) throw new Error(`connect failed: ${code}`);
await imkit.emit(CoreEvent.CONVERSATION, true); // load the conversation list

// A new user has no conversations yet: open one from your own UI.
const peer = new URLSearchParams(location.search).get('chatWith');
if (peer) await imkit.selectConversation({ conversationType: ParleyIM.ConversationType.PRIVATE, targetId: peer });
