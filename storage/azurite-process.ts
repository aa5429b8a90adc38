import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import {
  EMBEDDED_AZURITE_SCRIPT,
  type EmbeddedAzuriteArgs,
  type FromEmbeddedAzurite,
  type ToEmbeddedAzurite,
} from './embedded-azurite-protocol';
import { makePrivateTree } from './private-files';
import { StorageStartError } from './store-errors';

/** Azurite's documented development account; not a secret. */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** Covers waiting for a killed bot's Azurite to save and go (15 s) plus a slow start on a busy machine. */
const START_TIMEOUT_MS = 45_000;
/** Saving writes the whole database once; far below this even for years of history. */
const STOP_TIMEOUT_MS = 30_000;

export interface AzuriteOptions {
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** Where data is kept across restarts; omit for in-memory storage. */
  directory?: string;
}

export interface AzuriteProcess {
  connectionString: string;
  port: number;
  pid: number;
  /** Resolves when the process has exited, however it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Asks Azurite once to save and stop, and waits until it has; rejects if it could not save. */
  stop(): Promise<void>;
}

export function azuriteConnectionString(host: string, port: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
    `TableEndpoint=http://${host}:${port}/${DEV_ACCOUNT};`
  );
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function isAzurite(host: string, port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://${host}:${port}/`, { signal: AbortSignal.timeout(2000) });
    return /^Azurite/i.test(response.headers.get('server') ?? '');
  } catch {
    return false;
  }
}

async function refusal(
  outcome: Exclude<FromEmbeddedAzurite, { kind: 'ready' }>,
  host: string,
  port: number,
  directory: string | undefined,
): Promise<string> {
  switch (outcome.kind) {
    case 'port-in-use':
      return (await isAzurite(host, port))
        ? `embedded storage port ${port} is already in use by an Azurite this bot did not start ` +
            `(another data folder or tool) — stop it or set LOCAL_STORAGE_PORT to a free port`
        : `embedded storage port ${port} is already in use by another program — ` +
            `stop it or set LOCAL_STORAGE_PORT to a free port`;
    case 'folder-in-use':
      return (
        `embedded storage folder ${directory} is in use by another running bot (pid ${outcome.holder.parentPid}, ` +
        `storage port ${outcome.holder.port}) — stop that bot first, or give this one its own ` +
        `LOCAL_STORAGE_DIR and LOCAL_STORAGE_PORT`
      );
    case 'failed':
      return `embedded storage did not start: ${outcome.message}`;
  }
}

/**
 * Starts Azurite's table service in a child process of its own process group (see
 * embedded-azurite-main.ts): Ctrl+C in a terminal reaches the bot only, and the bot stops it once.
 */
export async function startAzurite(options: AzuriteOptions): Promise<AzuriteProcess> {
  const host = options.host ?? '127.0.0.1';
  const directory = options.directory ? path.resolve(options.directory) : undefined;
  if (directory) {
    try {
      // Every note is in there: 0700, its files 0600, including what an earlier version left 0644.
      makePrivateTree(directory);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new StorageStartError(
        `embedded storage folder ${directory} cannot be created (${code}) — set LOCAL_STORAGE_DIR to a folder this user can write`,
        { cause: error },
      );
    }
  }
  const args: EmbeddedAzuriteArgs = { host, port: options.port, directory };
  const child = spawn(
    process.execPath,
    [path.join(__dirname, `${EMBEDDED_AZURITE_SCRIPT}.js`), JSON.stringify(args)],
    { detached: true, windowsHide: true, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let timer: NodeJS.Timeout | undefined;
  const first = await Promise.race([
    new Promise<FromEmbeddedAzurite>((resolve) =>
      child.once('message', (message) => resolve(message as FromEmbeddedAzurite)),
    ),
    exited.then(({ code, signal }): FromEmbeddedAzurite => ({
      kind: 'failed',
      message: `Azurite exited (${code ?? signal}) before listening${stderr ? `: ${stderr.trim()}` : ''}`,
    })),
    new Promise<FromEmbeddedAzurite>((resolve) => {
      timer = setTimeout(
        () => resolve({ kind: 'failed', message: `Azurite did not start within ${START_TIMEOUT_MS} ms` }),
        START_TIMEOUT_MS,
      );
    }),
  ]);
  clearTimeout(timer);
  if (first.kind !== 'ready') {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    throw new StorageStartError(await refusal(first, host, options.port, directory));
  }
  let stopped: Promise<void> | undefined;
  return {
    connectionString: azuriteConnectionString(host, first.port),
    port: first.port,
    pid: child.pid ?? -1,
    exited,
    stop() {
      stopped ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        if (child.connected) child.send({ kind: 'stop' } satisfies ToEmbeddedAzurite);
        else child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        const { code, signal } = await exited;
        clearTimeout(killer);
        if (code !== 0) {
          throw new Error(
            `embedded Azurite did not stop cleanly (${code ?? signal})${stderr ? `: ${stderr.trim()}` : ''}`,
          );
        }
      })();
      return stopped;
    },
  };
}
