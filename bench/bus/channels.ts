/** Channel names of `bench:bus`, in each bus's own style (Redis `prefix:u:id`, NATS `prefix.u.id`). */
export type BusKind = 'redis' | 'nats';

export function userChannel(kind: BusKind, prefix: string, userId: string): string {
  return kind === 'redis' ? `${prefix}:u:${userId}` : `${prefix}.u.${userId}`;
}

export function roomChannel(kind: BusKind, prefix: string, roomId: string): string {
  return kind === 'redis' ? `${prefix}:r:${roomId}` : `${prefix}.r.${roomId}`;
}
