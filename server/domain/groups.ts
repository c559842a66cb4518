/** Group administration for the Server API; memberships gate group sends and history. */
import { ServerApiCode } from '../../src/protocol/error-codes.js';
import type { Clock } from '../clock.js';
import type { GroupRecord, Storage } from '../storage/storage.js';
import { DomainError } from './errors.js';
import type { Moderation } from './moderation.js';
import type { GroupRoles } from './group-roles.js';

/** Creates, joins, quits and dismisses groups. */
export class GroupService {
  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
    /** A dismissed group's mutes go with it. */
    private readonly moderation?: Moderation,
    /** Members who leave lose their roles; a dismissed group's roles go with it. */
    private readonly roles?: GroupRoles,
  ) {}

  /** 22410 unless the group exists. */
  async requireGroup(groupId: string): Promise<GroupRecord> {
    const group = await this.storage.getGroup(groupId);
    if (!group) throw new DomainError(ServerApiCode.GROUP_NOT_FOUND, `no group ${groupId}`);
    return group;
  }

  /** Renames an existing group (seeds: 刷新群组信息). */
  async refresh(groupId: string, groupName: string): Promise<void> {
    await this.requireGroup(groupId);
    await this.storage.joinGroup(groupId, groupName, [], this.clock.now());
  }

  /** The member ids of an existing group. */
  async members(groupId: string): Promise<string[]> {
    await this.requireGroup(groupId);
    return this.storage.groupMemberIds(groupId);
  }

  /** The groups a user is in (seeds: 查询用户所在群组). */
  async userGroups(userId: string): Promise<GroupRecord[]> {
    return this.storage.userGroups(userId);
  }

  /**
   * Makes the user's groups exactly `groups` (seeds: 同步用户所在群组): joins the listed ones (creating
   * those that do not exist, with the given names) and leaves the others.
   */
  async sync(userId: string, groups: Array<{ id: string; name: string }>): Promise<void> {
    const wanted = new Set(groups.map((g) => g.id));
    for (const current of await this.storage.userGroups(userId)) {
      if (!wanted.has(current.id)) {
        await this.storage.quitGroup(current.id, [userId]);
        await this.roles?.forgetMembers(current.id, [userId]);
      }
    }
    for (const group of groups) await this.storage.joinGroup(group.id, group.name, [userId], this.clock.now());
  }

  /** Creates the group (or renames it) and adds the members; idempotent. */
  async create(groupId: string, groupName: string, userIds: string[]): Promise<void> {
    await this.storage.joinGroup(groupId, groupName, userIds, this.clock.now());
  }

  /** Adds members; creates the group when it does not exist yet (as the seeds' Server API does). */
  async join(groupId: string, groupName: string, userIds: string[]): Promise<void> {
    await this.storage.joinGroup(groupId, groupName, userIds, this.clock.now());
  }

  async quit(groupId: string, userIds: string[]): Promise<void> {
    if (!(await this.storage.getGroup(groupId)))
      throw new DomainError(ServerApiCode.GROUP_NOT_FOUND, `no group ${groupId}`);
    await this.storage.quitGroup(groupId, userIds);
    await this.roles?.forgetMembers(groupId, userIds);
  }

  /** The group's own "new members read history from before they joined" (null: the app's default). */
  async setHistoryBeforeJoin(groupId: string, value: boolean | null): Promise<void> {
    if (!(await this.storage.setGroupHistoryBeforeJoin(groupId, value)))
      throw new DomainError(ServerApiCode.GROUP_NOT_FOUND, `no group ${groupId}`);
  }

  async dismiss(groupId: string): Promise<void> {
    if (!(await this.storage.dismissGroup(groupId)))
      throw new DomainError(ServerApiCode.GROUP_NOT_FOUND, `no group ${groupId}`);
    await this.moderation?.forgetGroup(groupId);
    await this.roles?.forgetGroup(groupId);
  }
}
