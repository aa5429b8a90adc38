import fs from 'node:fs';
import path from 'node:path';

/** Who holds an embedded store's data folder: that Azurite process, the bot that started it, its port. */
export interface FolderHolder {
  pid: number;
  parentPid: number;
  port: number;
}

export type LockOutcome =
  { kind: 'acquired'; release(): void } | { kind: 'held'; holder: FolderHolder; parentAlive: boolean };

const LOCK_FILE = 'embedded-azurite.lock';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A recycled pid (a container restarted with the same volume) must not look like our Azurite. */
function isHolderProcess(pid: number, scriptName: string): boolean {
  if (pid === process.pid || !isAlive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(scriptName);
  } catch {
    return true; // no /proc (macOS, Windows): a live pid is the best evidence there is
  }
}

function readHolder(lockPath: string): FolderHolder | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<FolderHolder>;
    const { pid, parentPid, port } = parsed;
    return typeof pid === 'number' && typeof parentPid === 'number' && typeof port === 'number'
      ? { pid, parentPid, port }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One Azurite per data folder: two would each save their own copy of the database over the other's.
 * The lock file is written whole and linked into place, so a reader never sees it half-written; a lock
 * whose process is gone (kill -9, power cut) is stale and taken over.
 */
export function lockDataFolder(directory: string, me: FolderHolder, scriptName: string): LockOutcome {
  const lockPath = path.join(directory, LOCK_FILE);
  const draft = path.join(directory, `${LOCK_FILE}.${process.pid}`);
  fs.writeFileSync(draft, JSON.stringify(me));
  try {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      try {
        fs.linkSync(draft, lockPath);
        return {
          kind: 'acquired',
          release: () => {
            if (readHolder(lockPath)?.pid === me.pid) fs.rmSync(lockPath, { force: true });
          },
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readHolder(lockPath);
      if (holder && isHolderProcess(holder.pid, scriptName)) {
        return { kind: 'held', holder, parentAlive: isAlive(holder.parentPid) };
      }
      fs.rmSync(lockPath, { force: true });
    }
    throw new Error(`could not lock ${directory}: ${lockPath} keeps reappearing`);
  } finally {
    fs.rmSync(draft, { force: true });
  }
}
