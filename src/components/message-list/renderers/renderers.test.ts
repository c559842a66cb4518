import { expect, oneEvent } from '@open-wc/testing';
import { render } from 'lit';
import { ConversationType, MessageDirection } from '../../../protocol/enums.js';
import { changeLanguage } from '../../../i18n/index.js';
import { safeMediaUrl, thumbnailUrl } from '../../../services/media-url.js';
import type { KitMessage } from '../../../services/store/index.js';
import type { TapMessageEvent } from '../../shared/events.js';
import {
  connectUser,
  describeViolations,
  disconnectAll,
  items,
  mountChat,
  seriousViolations,
  serverApi,
  shadow,
  uniqueId,
  waitFor,
} from '../../shared/test-utils.js';
import { renderMessage, type MessageItemContext } from '../message-item.js';
import { loadRareBubbles } from './late-bubbles.js';

const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

function publish(from: string, to: string, objectName: string, content: object) {
  return serverApi('/message/private/publish.json', {
    fromUserId: from,
    toUserId: to,
    objectName,
    content: JSON.stringify(content),
  });
}

describe('message renderers', () => {
  afterEach(async () => {
    await changeLanguage('zh_CN');
    await disconnectAll();
  });

  it('draws every built-in type as the user expects, with previews in the conversation list', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = uniqueId('bob');
    await changeLanguage('en');
    const sends: Array<[string, object]> = [
      ['RC:TxtMsg', { content: 'plain <b>text</b>' }],
      [
        'RC:ReferenceMsg',
        {
          referMsgUserId: alice.userId,
          referMsg: { content: 'the original' },
          objName: 'RC:TxtMsg',
          content: 'my reply',
        },
      ],
      ['RC:ImgMsg', { content: PIXEL, imageUri: 'https://example.com/full.png' }],
      ['RC:GIFMsg', { gifDataSize: 10, remoteUrl: 'https://example.com/a.gif', width: 10, height: 10 }],
      ['RC:FileMsg', { name: 'report.pdf', size: 1536, type: 'pdf', fileUrl: 'https://example.com/report.pdf' }],
      ['RC:HQVCMsg', { remoteUrl: 'https://example.com/v.aac', duration: 7 }],
      [
        'RC:SightMsg',
        { sightUrl: 'https://example.com/v.mp4', content: PIXEL, duration: 65, size: 1000, name: 'v.mp4' },
      ],
      ['RC:LBSMsg', { longitude: 116.3975, latitude: 39.9087, poi: 'Tiananmen', content: PIXEL }],
      [
        'RC:ImgTextMsg',
        {
          title: 'A title',
          content: 'A summary',
          imageUri: 'https://example.com/i.png',
          url: 'https://example.com/article',
        },
      ],
      ['RC:InfoNtf', { message: 'Tip: be nice' }],
      ['RC:GrpNtf', { operatorUserId: bob, operation: 'Rename', data: '{}', message: 'Bob renamed the group' }],
    ];
    for (const [type, content] of sends) expect((await publish(bob, alice.userId, type, content)).code).to.equal(200);
    const view = await mountChat(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: bob });
    const root = shadow(view.messages);
    await waitFor(() => root.querySelectorAll('.message, .notice').length === sends.length, 4000, 'all rows');
    // Voice, video, file and card bubbles arrive with their module (late-bubbles.ts).
    await view.messages.updateComplete;

    const bubbles = [...root.querySelectorAll<HTMLElement>('.message .bubble')];
    expect(bubbles[0]!.textContent).to.equal('plain <b>text</b>');
    expect(bubbles[0]!.querySelector('b')).to.equal(null);
    await waitFor(
      () => bubbles[1]!.querySelector('.quote')!.textContent!.includes(`Name of ${alice.userId}`),
      3000,
      'quoted author',
    );
    expect(bubbles[1]!.querySelector('.quote')!.textContent).to.contain('the original');
    expect(bubbles[1]!.querySelector('.reply')!.textContent).to.equal('my reply');

    const img = bubbles[2]!.querySelector('img')!;
    expect(img.getAttribute('src')).to.equal(`data:image/jpeg;base64,${PIXEL}`);
    let tapped = oneEvent(view.root, 'tapMessage') as Promise<TapMessageEvent>;
    img.click();
    expect((await tapped).detail.content.imageUri).to.equal('https://example.com/full.png');
    expect(bubbles[3]!.querySelector('img')!.getAttribute('src')).to.equal('https://example.com/a.gif');

    const file = bubbles[4]!.querySelector<HTMLButtonElement>('.file')!;
    expect(file.querySelector('.file-name')!.textContent).to.equal('report.pdf');
    expect(file.querySelector('.file-size')!.textContent).to.equal('1.5 KB');
    expect(file.querySelector('.file-icon')!.textContent).to.equal('PDF');
    expect(file.querySelector<HTMLElement>('.file-icon')!.dataset.kind).to.equal('pdf');
    tapped = oneEvent(view.root, 'tapMessage') as Promise<TapMessageEvent>;
    file.click();
    expect((await tapped).detail.messageType).to.equal('RC:FileMsg');

    // Voice: a play button named with the duration drives the (hidden) audio element.
    const audio = bubbles[5]!.querySelector('audio')!;
    expect(audio.getAttribute('src')).to.equal('https://example.com/v.aac');
    const play = bubbles[5]!.querySelector<HTMLButtonElement>('.voice-button')!;
    expect(play.getAttribute('aria-label')).to.equal('Voice message 0:07');
    expect(play.getAttribute('aria-pressed')).to.equal('false');
    expect(bubbles[5]!.querySelector('.duration')!.textContent).to.equal('0:07');
    const video = bubbles[6]!.querySelector('video')!;
    expect(video.hasAttribute('controls')).to.equal(true);
    expect(video.getAttribute('poster')).to.equal(`data:image/jpeg;base64,${PIXEL}`);
    expect(bubbles[6]!.querySelector('.duration')!.textContent).to.equal('1:05');
    expect(bubbles[7]!.textContent).to.contain('Tiananmen').and.contain('39.90870, 116.39750');
    const link = bubbles[8]!.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('https://example.com/article');
    expect(link.getAttribute('target')).to.equal('_blank');
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(link.textContent).to.contain('A title').and.contain('A summary');
    const notices = [...root.querySelectorAll('.notice')].map((n) => n.textContent);
    expect(notices).to.deep.equal(['Tip: be nice', 'Bob renamed the group']);

    // A command reaches nobody's screen.
    await publish(bob, alice.userId, 'RC:CmdMsg', { name: 'sync', data: '{}' });
    await publish(bob, alice.userId, 'RC:FileMsg', {
      name: 'notes.docx',
      size: 10,
      type: 'docx',
      fileUrl: '/media/abc',
    });
    await waitFor(() => root.querySelectorAll('.message').length === sends.length - 1, 3000, 'file after command');
    expect(root.textContent).not.to.contain('sync');
    await waitFor(
      () => items(view.list)[0]?.querySelector('.preview')?.textContent === '[File] notes.docx',
      3000,
      'file preview',
    );
    const violations = await seriousViolations(view.root);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
  });

  it('previews notices and rich content in the conversation list, in each language', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = uniqueId('bob');
    const view = await mountChat(alice);
    await publish(bob, alice.userId, 'RC:ImgTextMsg', {
      title: 'News',
      content: 'x',
      imageUri: 'https://example.com/i.png',
      url: 'https://example.com',
    });
    await waitFor(
      () => items(view.list)[0]?.querySelector('.preview')?.textContent === '[图文] News',
      3000,
      'zh rich preview',
    );
    await changeLanguage('ja');
    await waitFor(
      () => items(view.list)[0]?.querySelector('.preview')?.textContent === '[リンク] News',
      3000,
      'ja rich preview',
    );
    await publish(bob, alice.userId, 'RC:InfoNtf', { message: 'Welcome' });
    await waitFor(
      () => items(view.list)[0]?.querySelector('.preview')?.textContent === 'Welcome',
      3000,
      'notice preview',
    );
  });

  it('own quote, file and rich bubbles pass axe', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = uniqueId('bob');
    const target = { conversationType: ConversationType.PRIVATE, targetId: bob };
    const view = await mountChat(alice);
    await alice.kit.selectConversation(target);
    await alice.kit.sendMessage(target, {
      messageType: 'RC:ReferenceMsg',
      content: { referMsgUserId: bob, referMsg: { content: 'theirs' }, objName: 'RC:TxtMsg', content: 'mine' },
    });
    await alice.kit.sendMessage(target, {
      messageType: 'RC:FileMsg',
      content: { name: 'a.zip', size: 5_000_000, type: 'zip', fileUrl: 'https://example.com/a.zip' },
    });
    await alice.kit.sendMessage(target, {
      messageType: 'RC:ImgTextMsg',
      content: { title: 'T', content: 'C', imageUri: 'https://example.com/i.png', url: 'https://example.com' },
    });
    await waitFor(
      () => shadow(view.messages).querySelectorAll('.message.own[data-send-state="sent"]').length === 3,
      3000,
      'sent',
    );
    expect(shadow(view.messages).querySelector('.file-size')!.textContent).to.equal('4.8 MB');
    const violations = await seriousViolations(view.root);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
  });

  it('refuses unsafe URLs and never turns message strings into HTML', async () => {
    expect(safeMediaUrl('javascript:alert(1)', 'link')).to.equal('');
    expect(safeMediaUrl('data:image/png;base64,AAAA', 'link')).to.equal('');
    expect(safeMediaUrl('data:image/png;base64,AAAA', 'media')).to.equal('');
    expect(safeMediaUrl('data:image/png;base64,AAAA', 'image')).to.equal('data:image/png;base64,AAAA');
    expect(safeMediaUrl('data:image/svg+xml;base64,AAAA', 'image')).to.equal('');
    expect(safeMediaUrl('/media/abc', 'media')).to.equal('/media/abc');
    expect(safeMediaUrl('/media/../secret', 'media')).to.equal('');
    expect(safeMediaUrl('//evil.example/x', 'media')).to.equal('');
    expect(safeMediaUrl('/media/abc', 'link')).to.equal('');
    expect(safeMediaUrl('blob:https://x/1', 'image')).to.equal('');
    expect(thumbnailUrl('"><img onerror=alert(1)>')).to.equal('');

    const base = {
      senderUserId: 'eve',
      targetId: 'me',
      channelId: '',
      conversationType: 1,
      sentTime: Date.now(),
      receivedTime: 0,
      messageUId: 'u1',
      messageId: 'm1',
      messageDirection: MessageDirection.RECEIVE,
      isPersisted: true,
      isCounted: true,
      isOfflineMessage: false,
      isMentioned: false,
      disableNotification: false,
      isStatusMessage: false,
      canIncludeExpansion: false,
      expansion: null,
      sendState: 'sent',
    } as const;
    const ctx: MessageItemContext = {
      users: {},
      userId: 'me',
      nameOf: (id) => id,
      locale: 'en',
      t: (k) => k,
      retry: () => undefined,
      tap: () => undefined,
    };
    const hostile: KitMessage[] = [
      {
        ...base,
        messageType: 'RC:ImgTextMsg',
        content: {
          title: '<img src=x onerror=alert(1)>',
          content: '',
          imageUri: 'javascript:alert(1)',
          url: 'javascript:alert(1)',
        },
      },
      {
        ...base,
        messageType: 'RC:ImgMsg',
        content: { content: 'x" onerror="alert(1)', imageUri: 'javascript:alert(1)' },
      },
      { ...base, messageType: 'RC:HQVCMsg', content: { remoteUrl: 'javascript:alert(1)', duration: 3 } },
      {
        ...base,
        messageType: 'RC:SightMsg',
        content: { sightUrl: 'data:text/html,<script>alert(1)</script>', content: '', duration: 3 },
      },
      {
        ...base,
        messageType: 'RC:FileMsg',
        content: { name: '<script>alert(1)</script>.pdf', size: 1, type: 'pdf', fileUrl: 'javascript:x' },
      },
      { ...base, messageType: 'RC:InfoNtf', content: { message: '<svg onload=alert(1)>' } },
    ];
    // The real renderers of every type, not the placeholders drawn while they load.
    await loadRareBubbles();
    const host = document.createElement('div');
    document.body.append(host);
    for (const message of hostile) render(renderMessage(message, ctx), host);
    render(
      hostile.map((m) => renderMessage(m, ctx)),
      host,
    );
    expect(host.querySelectorAll('script, svg, a, audio, video').length).to.equal(0);
    expect([...host.querySelectorAll('img')].map((i) => i.getAttribute('src'))).to.deep.equal([]);
    expect(host.textContent).to.contain('<img src=x onerror=alert(1)>').and.contain('<svg onload=alert(1)>');
    host.remove();
  });
});
