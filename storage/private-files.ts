import fs from 'node:fs';
import { writeFile, chmod } from 'node:fs/promises';
import path from 'node:path';

/**
 * Files that hold notes (the embedded store, exports, board packs) are for the account that runs the bot
 * only: files 0600 in folders 0700, whatever the umask, which may only take more away.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;

/** Makes the folder (and its parents) if missing, and leaves the folder itself 0700 either way. */
export function makePrivateFolder(folder: string): void {
  fs.mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  fs.chmodSync(folder, PRIVATE_FOLDER_MODE);
}

/**
 * Writes files a command line makes (board packs, yearly reports) into `folder`: a new folder 0700 (an
 * existing one is left as it is), each file 0600, a file of the same name written over and made 0600.
 * Answers the paths written.
 */
export async function writePrivateFiles(
  folder: string,
  files: readonly { name: string; bytes: Uint8Array }[],
): Promise<string[]> {
  if (!fs.existsSync(folder)) makePrivateFolder(folder);
  const written: string[] = [];
  for (const file of files) {
    const where = path.join(folder, file.name);
    await writeFile(where, file.bytes, { mode: PRIVATE_FILE_MODE });
    // The mode above is for a new file only: one written over keeps its own until told.
    await chmod(where, PRIVATE_FILE_MODE);
    written.push(where);
  }
  return written;
}

/** Files and folders this process creates from now on are private too (a library's own writes included). */
export function keepNewFilesPrivate(): void {
  process.umask(0o077);
}

/** A folder written by an earlier version: its files made 0600, its folders 0700. */
export function makePrivateTree(folder: string): void {
  makePrivateFolder(folder);
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const where = path.join(folder, entry.name);
    if (entry.isDirectory()) makePrivateTree(where);
    else if (entry.isFile()) fs.chmodSync(where, PRIVATE_FILE_MODE);
  }
}
