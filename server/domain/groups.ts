/** Group administration for the Server API; memberships gate group sends and history. */
import { ServerApiCode } from '../../src/protocol/error-codes.js';
import type { Clock } from '../clock.js';
import type { Storage } from '../storage/storage.js';
import { DomainError } from './errors.js';

/** Creates, joins, quits and dismisses groups. */
export class GroupService {
  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
  ) {}

  /** Creates the group (or renames it) and adds the members; idempotent. */
  async create(groupId: string, groupName: string, userIds: string[]): Promise<void> {
    await this.storage.joinGroup(groupId, groupName, userIds, this.clock.now());
  }

  /** Adds members; creates the group when it does not exist yet (as the seeds' Server API does). */
  async join(groupId: string, groupName: string, userIds: string[]): Promise<void> {
    await this.storage.joinGroup(groupId, groupName, userIds, this.clock.now());
  }

  async quit(groupId: string, userIds: string[]): Promise<void> {
    if (!(await this.storage.getGroup(groupId))) throw new DomainError(ServerApiCode.GROUP_NOT_FOUND, `no group ${groupId}`);
    await this.storage.quitGroup(groupId, userIds);
  }

  /** The group's own "new members read history from before they joined" (null: the app's default). */
  async setHistoryBeforeJoin(groupId: string, value: boolean | null): Promise<void> {
    if (!(await this.storage.setGroupHistoryBeforeJoin(groupId, value))) throw new DomainError(ServerApiCode.GROUP_NOT_FOUND, `no group ${groupId}`);
  }

  async dismiss(groupId: string): Promise<void> {
    if (!(await this.storage.dismissGroup(groupId))) throw new DomainError(ServerApiCode.GROUP_NOT_FOUND, `no group ${groupId}`);
  }
}
