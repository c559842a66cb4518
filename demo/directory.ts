// The demo app's own user and group directory: what a real app keeps in its backend. scripts/demo.ts registers
// these with the IM server; chat.ts answers the kit's profile questions from it.

export interface DemoUser {
  id: string;
  name: string;
  portraitUri: string;
}

export interface DemoGroup extends DemoUser {
  memberIds: string[];
}

/** A round avatar with an initial, as an inline SVG data URL (no external requests). */
function avatar(initial: string, color: string): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">` +
    `<circle cx="32" cy="32" r="32" fill="${color}"/>` +
    `<text x="32" y="42" font-family="system-ui,sans-serif" font-size="28" font-weight="600" ` +
    `fill="#fff" text-anchor="middle">${initial}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

export const users: DemoUser[] = [
  { id: 'alice', name: 'Alice Martin', portraitUri: avatar('A', '#6d5bd0') },
  { id: 'bob', name: 'Bob Okafor', portraitUri: avatar('B', '#1f8a70') },
  { id: 'carol', name: 'Carol Chen', portraitUri: avatar('C', '#d9822b') },
];

export const groups: DemoGroup[] = [
  {
    id: 'parley-demo',
    name: 'Parley demo',
    portraitUri: avatar('#', '#3a6ea5'),
    memberIds: users.map((user) => user.id),
  },
];

/** The live room: who hosts the stream (the room's creator, so mute-all spares them) besides its profile. */
export interface LiveRoom extends DemoUser {
  hostId: string;
}

/** The demo's chatroom: a live stream everyone can join (created when the demo starts), hosted by Alice. */
export const liveRoom: LiveRoom = {
  id: 'parley-live',
  name: 'Parley live',
  portraitUri: avatar('▶', '#c0392b'),
  hostId: 'alice',
};

export const findUser = (id: string): DemoUser | undefined => users.find((user) => user.id === id);
export const findGroup = (id: string): DemoGroup | undefined => groups.find((group) => group.id === id);
