/**
 * The shape of a versioned schema migration, shared by both engines. Each engine keeps one ordered
 * list of steps per component (`sqlite-migrations.ts`, `pg-migrations.ts`); a database records the
 * versions it has applied and, on start, runs only the steps it lacks, each in its own transaction.
 * Steps are never edited once released: a change is a new step with the next number.
 */

/** One numbered step: the SQL that takes the schema from `version - 1` to `version`. */
export interface MigrationStep {
  /** 1, 2, 3... without gaps within one component. */
  version: number;
  /** Short description, recorded beside the version (PostgreSQL) and shown in errors. */
  name: string;
  sql: string;
}

/** The newest version a list of steps leads to. */
export function latestVersion(steps: readonly MigrationStep[]): number {
  return steps.reduce((max, s) => Math.max(max, s.version), 0);
}

/**
 * The steps to run on a database at `current`, in order, up to `target` (default: all). Throws when
 * the list is malformed, or when the database is newer than this code (a downgrade is refused, not
 * attempted: an older node must not write into a schema it does not know).
 */
export function pendingSteps(
  steps: readonly MigrationStep[],
  current: number,
  target = latestVersion(steps),
): MigrationStep[] {
  steps.forEach((s, i) => {
    if (s.version !== i + 1) throw new Error(`migration list: step ${i + 1} is numbered ${s.version} (${s.name})`);
  });
  if (current > latestVersion(steps)) {
    throw new Error(
      `the database schema is at version ${current}, newer than this server knows (${latestVersion(steps)}); upgrade the server`,
    );
  }
  return steps.filter((s) => s.version > current && s.version <= target);
}

/**
 * The version of a database that recorded its steps by name before it used version numbers: the
 * number of leading steps of `steps` whose names it recorded (a gap ends the count, so a step after
 * it runs again; every released step is safe to rerun on the tables it creates with IF NOT EXISTS).
 */
export function versionFromNames(steps: readonly MigrationStep[], recorded: ReadonlySet<string>): number {
  let version = 0;
  for (const step of steps) {
    if (!recorded.has(step.name)) break;
    version = step.version;
  }
  return version;
}
