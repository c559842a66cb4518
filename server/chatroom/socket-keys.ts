/**
 * Names for this node's sockets that can travel on the bus: a room event spares the sender's
 * socket by key, and the node holding that socket finds it again here.
 */
import type { ChatroomSocket } from './room.js';

export class SocketKeys {
  private readonly keys = new WeakMap<ChatroomSocket, string>();
  private readonly sockets = new Map<string, ChatroomSocket>();
  private next = 0;

  constructor(private readonly nodeId: string) {}

  /** The socket's key (given on first use). */
  keyOf(socket: ChatroomSocket): string {
    let key = this.keys.get(socket);
    if (!key) {
      key = `${this.nodeId}:${++this.next}`;
      this.keys.set(socket, key);
      this.sockets.set(key, socket);
    }
    return key;
  }

  /** The socket with that key on this node, if it is still open. */
  socketOf(key: string): ChatroomSocket | undefined {
    return this.sockets.get(key);
  }

  /** The socket closed. */
  forget(socket: ChatroomSocket): void {
    const key = this.keys.get(socket);
    if (key) this.sockets.delete(key);
  }
}
