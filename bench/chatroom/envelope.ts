/**
 * The message body both baselines broadcast: the same fields Parley's chatroom push carries, so the
 * three servers write frames of about the same size (within a few bytes) and only the logic differs.
 */
let next = 0;

export function envelope(roomId: string, senderId: string, text: string): Record<string, unknown> {
  const sentTime = Date.now();
  return {
    messageUId: `B${sentTime.toString(36)}${(next++).toString(36).padStart(6, '0')}`.toUpperCase(),
    clientMessageId: `b${next}`,
    conversationType: 4,
    targetId: roomId,
    senderUserId: senderId,
    messageType: 'RC:TxtMsg',
    content: { content: text },
    sentTime,
    isPersisted: true,
    isCounted: true,
    isStatusMessage: false,
    disableNotification: true,
  };
}
