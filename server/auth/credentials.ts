import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The app's credentials and where they came from. */
export interface AppCredentials {
  appKey: string;
  appSecret: string;
  /** True when they were generated now (`save()` writes them to `<dataDir>/app.json`). */
  created: boolean;
  /** The file they are kept in, when they came from or go to one. */
  file?: string;
  /**
   * Writes generated credentials to `file` (a no-op otherwise). The server calls it only once it
   * is listening, so a start that fails never leaves behind a secret that was never shown.
   */
  save(): void;
}

/**
 * Explicit credentials win; otherwise `<dataDir>/app.json` is read, or new random ones are
 * generated, to be saved there (mode 0600) by `save()` so the next start reuses them and issued
 * tokens stay valid.
 */
export function resolveCredentials(dataDir: string, appKey?: string, appSecret?: string): AppCredentials {
  const nothingToSave = () => {};
  if (appKey && appSecret) return { appKey, appSecret, created: false, save: nothingToSave };
  if (appKey || appSecret) throw new Error('Give both appKey and appSecret, or neither.');
  const file = join(dataDir, 'app.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<AppCredentials>;
    if (typeof saved.appKey !== 'string' || typeof saved.appSecret !== 'string') {
      throw new Error(`${file} does not hold appKey and appSecret`);
    }
    return { appKey: saved.appKey, appSecret: saved.appSecret, created: false, file, save: nothingToSave };
  }
  const created = {
    appKey: randomBytes(8).toString('hex'),
    appSecret: randomBytes(24).toString('base64url'),
  };
  const save = () => {
    mkdirSync(dataDir, { recursive: true });
    // 'wx': never overwrite credentials another process saved meanwhile (its tokens would break).
    writeFileSync(file, JSON.stringify(created, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  };
  return { ...created, created: true, file, save };
}
