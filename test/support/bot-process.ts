import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../storage/azurite-process';
import { repoRoot, shippedPlanFile } from '../../scripts/support/repo-paths';
import { stopChild } from '../../scripts/support/stop-child';

export interface BotProcessOptions {
  /** Absent: the embedded store, configured through `env` (LOCAL_STORAGE_DIR, LOCAL_STORAGE_PORT). */
  connectionString?: string;
  tablePrefix: string;
  boardAdmins: string[];
  env?: Record<string, string>;
  /** Its own process group, as a shell starts a job: a terminal's Ctrl+C is `signalGroup('SIGINT')`. */
  ownProcessGroup?: boolean;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The bot as production runs it: `node dist/bot/main.js` in its own process, configured only by the
 * environment, on a loopback port. Stopped by PID.
 */
export class BotProcess {
  private output = '';
  readonly exited: Promise<ProcessExit>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly workDir: string,
  ) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** What the process wrote (its last 20 KB): pino lines at LOG_LEVEL and anything on stderr. */
  get log(): string {
    return this.output;
  }

  static async start(options: BotProcessOptions): Promise<BotProcess> {
    const port = await freePort();
    // An empty working directory, so that a developer's .env cannot change what is tested.
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-bot-'));
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'bot', 'main.js')], {
      cwd: workDir,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        ...(options.connectionString ? { AZURE_STORAGE_CONNECTION_STRING: options.connectionString } : {}),
        TABLE_PREFIX: options.tablePrefix,
        BOARD_ADMINS: options.boardAdmins.join(','),
        PLAN_FILE: shippedPlanFile,
        DIGEST_SCHEDULE: 'off',
        LOG_LEVEL: 'warn',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.ownProcessGroup ?? false,
    });
    const bot = new BotProcess(child, `http://127.0.0.1:${port}`, workDir);
    // Generous: a start is ~2 s of CPU, and the test machine is often shared.
    await bot.waitUntilHealthy(60_000);
    return bot;
  }

  private async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) {
        throw new Error(`bot process exited with ${this.child.exitCode}: ${this.output}`);
      }
      const healthy = await fetch(`${this.url}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await this.stop();
    throw new Error(`bot process not healthy within ${timeoutMs} ms: ${this.output}`);
  }

  async send(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  /** A signal to the bot's whole process group (started with ownProcessGroup), as a terminal sends it. */
  signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error; // the group has already gone
    }
  }

  /** SIGTERM (the bot closes its server and exits), SIGKILL after 5 s. */
  async stop(): Promise<void> {
    await stopChild(this.child);
    fs.rmSync(this.workDir, { recursive: true, force: true });
  }
}
