import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { MentionedType, MessageDirection } from '../../../protocol/enums.js';
import type { KitMessage } from '../../../services/store/index.js';
import type { MessageItemContext } from '../message-item.js';
import { loadRareBubbles } from './late-bubbles.js';
import { renderMentionedText } from './mentions.js';

const message = (mentionedInfo?: object): KitMessage =>
  ({
    messageType: 'RC:TxtMsg',
    content: { content: '', ...(mentionedInfo ? { mentionedInfo } : {}) },
    senderUserId: 'bob',
    messageDirection: MessageDirection.RECEIVE,
  }) as unknown as KitMessage;

const ctx = {
  users: {},
  userId: 'me',
  nameOf: (id: string) => ({ me: 'Mei', ann: 'Ann Lee' })[id] ?? id,
  locale: 'en',
  t: (key: string) => key,
  retry: () => undefined,
  tap: () => undefined,
} satisfies MessageItemContext;

/** The mentions drawn for `text`: their text and whether they are the viewer's. */
function mentionsIn(text: string, info?: object): Array<[string, boolean]> {
  const host = document.createElement('div');
  render(renderMentionedText(text, message(info), ctx), host);
  return [...host.querySelectorAll<HTMLElement>('[part~="mention"]')].map((m) => [
    m.textContent!,
    m.part.contains('mention-me'),
  ]);
}

describe('@mentions in text bubbles', () => {
  // Links and mentions come with the late bubbles' module (text.ts draws plain text until then).
  before(() => loadRareBubbles());

  it('highlights @all, and the labels older senders wrote in their language, for everyone', () => {
    const all = { type: MentionedType.ALL, userIdList: [] };
    expect(mentionsIn('@all lunch?', all)).to.deep.equal([['@all', true]]);
    expect(mentionsIn('@所有人 开会', all)).to.deep.equal([['@所有人', true]]);
    expect(mentionsIn('@全員 集合', all)).to.deep.equal([['@全員', true]]);
    // Not a word that merely starts with "all", and not without mentionedInfo (typed by hand).
    expect(mentionsIn('@alloy is here', all)).to.deep.equal([]);
    expect(mentionsIn('@all lunch?')).to.deep.equal([]);
  });

  it("highlights the mentioned users by the viewer's names for them; the viewer's own mention stands out", () => {
    const info = { type: MentionedType.SINGAL, userIdList: ['me', 'ann'] };
    expect(mentionsIn('hi @Ann Lee and @Mei, mail ann@example.com', info)).to.deep.equal([
      ['@Ann Lee', false],
      ['@Mei', true],
    ]);
  });

  it('keeps links working next to mentions', () => {
    const host = document.createElement('div');
    const info = { type: MentionedType.SINGAL, userIdList: ['ann'] };
    render(renderMentionedText('@Ann Lee see https://example.com/x', message(info), ctx), host);
    expect(host.querySelector('a')!.getAttribute('href')).to.equal('https://example.com/x');
    expect(host.textContent).to.equal('@Ann Lee see https://example.com/x');
  });
});
