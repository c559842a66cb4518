/**
 * Group roles the app gives through the Server API: one owner and up to `GROUP_ADMINS_MAX` admins
 * per group. The seeds leave owners and admins to the app (群主、群管理员……需在 App 侧自行实现);
 * Parley keeps them only so the server can let them recall members' messages (`recallBy`).
 * Stored as moderation entries (kinds `groupOwner`, `groupAdmin`), so no table of their own.
 */
import { ErrorCode, ServerApiCode } from '../../src/protocol/error-codes.js';
import type { Clock } from '../clock.js';
import type { ModerationStorage } from '../storage/moderation-storage.js';
import type { Storage } from '../storage/storage.js';
import { DomainError } from './errors.js';

/** Admins one group may have (besides its owner). */
export const GROUP_ADMINS_MAX = 10;

export type GroupRole = 'owner' | 'admin';

export class GroupRoles {
  constructor(
    private readonly storage: Storage,
    private readonly entries: ModerationStorage,
    private readonly clock: Clock,
  ) {}

  /** The user's role in the group, null for a plain member or a non-member. One read. */
  async roleOf(groupId: string, userId: string): Promise<GroupRole | null> {
    const found = await this.entries.match(
      [
        { kind: 'groupOwner', scope: groupId, subject: userId },
        { kind: 'groupAdmin', scope: groupId, subject: userId },
      ],
      this.clock.now(),
    );
    if (found.some((k) => k.kind === 'groupOwner')) return 'owner';
    return found.length > 0 ? 'admin' : null;
  }

  /** Every member with a role: the owner first, then the admins in the order they were made. */
  async list(groupId: string): Promise<Map<string, GroupRole>> {
    const now = this.clock.now();
    const roles = new Map<string, GroupRole>();
    for (const e of await this.entries.list('groupOwner', groupId, now)) roles.set(e.subject, 'owner');
    for (const e of await this.entries.list('groupAdmin', groupId, now))
      if (!roles.has(e.subject)) roles.set(e.subject, 'admin');
    return roles;
  }

  /** Makes `userId` (a member) the group's owner; the previous owner becomes a plain member. */
  async setOwner(groupId: string, userId: string): Promise<void> {
    await this.requireMembers(groupId, [userId]);
    const previous = (await this.entries.list('groupOwner', groupId, this.clock.now()))
      .map((e) => e.subject)
      .filter((u) => u !== userId);
    if (previous.length > 0) await this.entries.remove('groupOwner', groupId, previous);
    await this.entries.put('groupOwner', groupId, [userId], { now: this.clock.now() });
    await this.entries.remove('groupAdmin', groupId, [userId]);
  }

  /** Makes members admins; 1002 past `GROUP_ADMINS_MAX` (nobody is added then). */
  async addAdmins(groupId: string, userIds: string[]): Promise<void> {
    await this.requireMembers(groupId, userIds);
    const ok = await this.entries.put('groupAdmin', groupId, userIds, { now: this.clock.now(), max: GROUP_ADMINS_MAX });
    if (!ok) throw new DomainError(ServerApiCode.PARAM_ERROR, `a group has at most ${GROUP_ADMINS_MAX} admins`);
  }

  /** Takes the admin role from users (ids without it are ignored). */
  async removeAdmins(groupId: string, userIds: string[]): Promise<void> {
    await this.requireGroup(groupId);
    await this.entries.remove('groupAdmin', groupId, userIds);
  }

  /** Members who left lose their roles (a later join starts as a plain member). */
  async forgetMembers(groupId: string, userIds: string[]): Promise<void> {
    await this.entries.remove('groupOwner', groupId, userIds);
    await this.entries.remove('groupAdmin', groupId, userIds);
  }

  /** A dismissed group's roles go with it. */
  async forgetGroup(groupId: string): Promise<void> {
    await this.entries.clearScope(['groupOwner', 'groupAdmin'], groupId);
  }

  private async requireGroup(groupId: string): Promise<void> {
    if (!(await this.storage.getGroup(groupId)))
      throw new DomainError(ServerApiCode.GROUP_NOT_FOUND, `no group ${groupId}`);
  }

  /** 22410 for an unknown group, 22406 (NOT_IN_GROUP) naming the first non-member. */
  private async requireMembers(groupId: string, userIds: string[]): Promise<void> {
    await this.requireGroup(groupId);
    for (const userId of userIds) {
      if (!(await this.storage.isGroupMember(groupId, userId)))
        throw new DomainError(ErrorCode.NOT_IN_GROUP, `${userId} is not a member of ${groupId}`);
    }
  }
}
