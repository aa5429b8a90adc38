import type { SweepTimings } from '../../app/redaction-sweep';
import { Writable } from 'node:stream';
import { composeBot, type Bot, type CompositionOptions } from '../../bot/composition-root';
import { loadConfig } from '../../bot/config';
import { DOOR_LIMITS, type DoorLimits } from '../../bot/http-doors';
import { createLogger } from '../../bot/logger';
import { sharedAzurite, uniqueTablePrefix } from './azurite';
import { shippedPlanFile } from '../../scripts/support/repo-paths';
import type { RosterMember } from '../../scripts/support/connector-roster';
import { RecordingConnector } from './recording-connector';
import type { TestUser } from '../../scripts/support/teams-activities';
import type { OutboundTokenStandIn } from './outbound-token';

export interface TestBotOptions {
  env?: Record<string, string>;
  clock?: () => Date;
  /** Reuse the tables of an earlier bot (a restart). */
  tablePrefix?: string;
  connectionString?: string;
  /** Use the embedded Azurite that `npm start` runs, keeping data in this folder, instead of the shared one. */
  embedded?: { directory: string; port: number };
  sendBackoffMs?: number;
  reminderGapMs?: number;
  /** How long a redaction waits for a digest being posted (shortened to test the answer when it gives up). */
  sweepTimings?: SweepTimings;
  /** The deadline on the bot's calls to the Bot Connector (default: the bot's own). */
  outboundTimeoutMs?: number;
  /** How long a message waits for its work before it is answered (default here: 2 minutes, see below). */
  turnAnswerMs?: number;
  /** With BOT_ID set: outbound tokens from a stand-in instead of Microsoft Entra (offline here). */
  outboundTokens?: OutboundTokenStandIn;
  /** The deadline on a board-pack upload, and the largest file the bot sends. */
  uploadTimeoutMs?: number;
  maxUploadBytes?: number;
  /** Uploads may go to the stand-in OneDrive on loopback; made-up upload hosts resolve through `resolve`. */
  uploadsForTests?: CompositionOptions['uploadsForTests'];
  /** With credentials: origins allowed as serviceUrl besides SERVICE_URL_HOSTS; by default this bot's recording connector. */
  serviceUrlOriginsForTests?: readonly string[];
  /** Shorter deadlines for slow clients, a shorter line of waiting turns. */
  doorLimits?: Partial<DoorLimits>;
}

const TEST_TURN_ANSWER_MS = 120_000;

/** Log lines the bot wrote, parsed, for assertions on what reaches the logs. */
export class LogCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  readonly raw: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      this.raw.push(line);
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }
}

/**
 * The real bot (restify server, the Teams SDK's App and routes, Table Storage) on a loopback port, against
 * the shared Azurite and a recording Bot Connector.
 */
export class TestBot {
  readonly connector = new RecordingConnector();
  readonly logs = new LogCapture();
  bot!: Bot;
  url = '';
  tablePrefix = '';

  static async start(options: TestBotOptions = {}): Promise<TestBot> {
    const testBot = new TestBot();
    await testBot.connector.start();
    const storage = options.embedded
      ? { LOCAL_STORAGE_DIR: options.embedded.directory, LOCAL_STORAGE_PORT: String(options.embedded.port) }
      : {
          AZURE_STORAGE_CONNECTION_STRING:
            options.connectionString ?? (await sharedAzurite()).connectionString,
        };
    testBot.tablePrefix = options.tablePrefix ?? uniqueTablePrefix();
    const config = loadConfig({
      PORT: '0',
      // Local mode listens on loopback by itself; with BOT_ID set the default would be every interface.
      ...(options.env?.BOT_ID ? { HOST: '127.0.0.1' } : {}),
      ...storage,
      TABLE_PREFIX: testBot.tablePrefix,
      PLAN_FILE: shippedPlanFile,
      LOG_LEVEL: 'debug',
      DIGEST_SCHEDULE: 'off',
      ...options.env,
    });
    testBot.bot = await composeBot(config, {
      logger: createLogger(config.logLevel, testBot.logs),
      clock: options.clock,
      outboundTimeoutMs: options.outboundTimeoutMs,
      // A test reads a turn's replies when send() returns; drawing a board pack on a busy test machine can
      // take longer than the bot's TURN_ANSWER_MS, so turns wait for their work unless a test says otherwise.
      turnAnswerMs: options.turnAnswerMs ?? TEST_TURN_ANSWER_MS,
      outboundTokens: options.outboundTokens?.token,
      uploadTimeoutMs: options.uploadTimeoutMs,
      maxUploadBytes: options.maxUploadBytes,
      uploadsForTests: options.uploadsForTests,
      serviceUrlOriginsForTests: options.serviceUrlOriginsForTests ?? [new URL(testBot.connector.url).origin],
      sweepTimings: options.sweepTimings,
      doorLimits: options.doorLimits && { ...DOOR_LIMITS, ...options.doorLimits },
    });
    const port = await testBot.bot.listen();
    testBot.url = `http://127.0.0.1:${port}`;
    return testBot;
  }

  get serviceUrl(): string {
    return this.connector.url;
  }

  /** Adds people to the Teams roster the connector answers with. */
  meet(...users: (TestUser | RosterMember)[]): void {
    this.connector.meet(...users);
  }

  async send(
    activity: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  async stop(): Promise<void> {
    await this.bot.close();
    await this.connector.stop();
  }
}
