import path from 'node:path';
import TableConfiguration from 'azurite/dist/src/table/TableConfiguration';
import TableServer from 'azurite/dist/src/table/TableServer';
import { isAlive, lockDataFolder } from './data-folder-lock';
import { keepNewFilesPrivate } from './private-files';
import {
  EMBEDDED_AZURITE_SCRIPT,
  type EmbeddedAzuriteArgs,
  type FromEmbeddedAzurite,
  type ToEmbeddedAzurite,
} from './embedded-azurite-protocol';

/**
 * The embedded Azurite table service, started by azurite-process.ts in its own process group, so that a
 * terminal's Ctrl+C reaches only the bot, which then asks this process to stop once. Stopping closes
 * Azurite, which writes its database (otherwise saved once a second at most), then exits 0. It also
 * stops by itself when the bot is gone, even after kill -9: the IPC channel closes, or the parent pid
 * changes. So it never outlives the bot, and a next start never finds an orphan serving old data.
 */

/**
 * LokiJS clears its "dirty" flag when an autosave starts, so a close() during that save finds nothing to
 * save and returns before the file is written; exiting then loses the last second's acknowledged writes.
 * So: no new autosave, wait for the one in flight, and only then close (which saves what is still dirty).
 */
async function settleSaves(server: TableServer): Promise<void> {
  const db = lokiOf(server);
  if (typeof db?.autosaveDisable !== 'function' || typeof db.throttledSaveDrain !== 'function') return;
  db.autosaveDisable();
  const drain = db.throttledSaveDrain.bind(db);
  await new Promise<void>((resolve) => drain(() => resolve(), { recursiveWait: true }));
}

/** Long enough for an orphan of a killed bot to save and exit; short enough for a person waiting. */
const ORPHAN_WAIT_MS = 15_000;
const PARENT_CHECK_MS = 500;
/** How often a changed database is written; a crash of this process loses at most about this much. */
const SAVE_INTERVAL_MS = 1000;

interface LokiAutosave {
  autosaveInterval: number;
  autosaveDisable(): void;
  autosaveEnable(): void;
  throttledSaveDrain(callback: () => void, options?: { recursiveWait?: boolean }): void;
}

/**
 * Narrows what a crash of the store itself (kill -9, power cut) can lose from Azurite's 5 s to about 1 s.
 * Azurite has no option for it, so this reaches its LokiJS instance; if a later Azurite moves it, the
 * 5 s default simply stays (scripts/embedded-crash-window.ts measures which one is in force).
 */
function lokiOf(server: TableServer): Partial<LokiAutosave> | undefined {
  return (server as unknown as { metadataStore?: { db?: Partial<LokiAutosave> } }).metadataStore?.db;
}

function saveMoreOften(server: TableServer): void {
  const db = lokiOf(server);
  if (typeof db?.autosaveDisable !== 'function' || typeof db.autosaveEnable !== 'function') return;
  db.autosaveDisable();
  db.autosaveInterval = SAVE_INTERVAL_MS;
  db.autosaveEnable();
}

function tell(message: FromEmbeddedAzurite): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, () => resolve());
  });
}

async function lockFolder(directory: string, port: number) {
  const me = { pid: process.pid, parentPid: process.ppid, port };
  const deadline = Date.now() + ORPHAN_WAIT_MS;
  for (;;) {
    const outcome = lockDataFolder(directory, me, EMBEDDED_AZURITE_SCRIPT);
    // A holder whose bot is gone is an orphan saving its last changes: wait for it rather than fight it.
    if (outcome.kind === 'acquired' || outcome.parentAlive || Date.now() > deadline) return outcome;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main(args: EmbeddedAzuriteArgs): Promise<void> {
  // Azurite's database and its saves (a new file each time) hold every note.
  keepNewFilesPrivate();
  // stderr is a pipe to the bot; once the bot is gone, a write must not crash this process before it saves.
  process.stderr.on('error', () => {});
  const parentPid = process.ppid;
  let release = () => {};
  if (args.directory) {
    const lock = await lockFolder(args.directory, args.port);
    if (lock.kind === 'held') {
      await tell({ kind: 'folder-in-use', holder: lock.holder });
      process.exit(1);
    }
    release = lock.release;
  }
  const server = new TableServer(
    new TableConfiguration(
      args.host,
      args.port,
      5,
      path.join(args.directory ?? '.', '__azurite_db_table__.json'),
      false,
      false,
      undefined,
      undefined,
      false,
      true,
      '',
      '',
      '',
      undefined,
      false,
      args.directory === undefined,
    ),
  );
  try {
    await server.start();
  } catch (error) {
    release();
    const code = (error as NodeJS.ErrnoException).code;
    await tell(code === 'EADDRINUSE' ? { kind: 'port-in-use' } : { kind: 'failed', message: String(error) });
    process.exit(1);
  }
  if (args.directory) saveMoreOften(server);

  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    settleSaves(server)
      .then(() => server.close())
      .then(
        () => {
          release();
          process.exit(0);
        },
        (error: unknown) => {
          release();
          process.stderr.write(`embedded Azurite: saving on ${reason} failed: ${String(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.on('message', (message) => {
    if ((message as ToEmbeddedAzurite).kind === 'stop') stop('request');
  });
  process.on('disconnect', () => stop('parent gone'));
  if (!process.connected) stop('parent gone');
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(signal));
  setInterval(() => {
    if (process.ppid !== parentPid || !isAlive(parentPid)) stop('parent gone');
  }, PARENT_CHECK_MS).unref();

  const port = Number(new URL(server.getHttpServerAddress()).port);
  await tell({ kind: 'ready', port });
}

main(JSON.parse(process.argv[2] ?? '{}') as EmbeddedAzuriteArgs).catch((error: unknown) => {
  process.stderr.write(`embedded Azurite failed: ${String(error)}\n`);
  process.exit(1);
});
