import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { Server } from 'restify';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import { StatusService } from '../domain/status-service';
import { loadPlan } from '../plan/load-plan';
import type { Plan } from '../plan/plan-schema';
import { startAzurite, type AzuriteProcess } from '../storage/azurite-process';
import { StoreUnavailableError } from '../domain/store-unavailable';
import { StorageStartError, statusCodeOf } from '../storage/store-errors';
import { TableStatusStore } from '../storage/status-repository';
import { TablePostedCopies } from '../storage/posted-copies-repository';
import type { SweepTimings } from '../app/redaction-sweep';
import {
  azureTableClients,
  createTableClients,
  ensureTables,
  type TableClients,
} from '../storage/table-clients';
import { createAdapter } from './adapter';
import { createApplication } from './application';
import { limitConnectorCalls } from './connector-deadline';
import type { Config } from './config';
import { createLogger, type Logger } from './logger';
import { PeopleDirectory } from './people-directory';
import { PeopleRegister } from './people-register';
import { TableLoginBindings, TablePeopleStore } from '../storage/people-repository';
import { TableKnownTeamStore } from '../storage/team-repository';
import { TableBoardPackLedger } from '../storage/board-pack-ledger';
import { renderBoardPackDocx } from '../documents/board-pack-docx';
import { renderBoardPackXlsx } from '../documents/board-pack-xlsx';
import { listenOnHosts, type Listeners } from './listeners';
import type { DoorLimits } from './http-doors';
import { createServer } from './server';
import { ProactiveSender } from './proactive-sender';
import {
  TableBoardChannelStore,
  TableDigestLedger,
  TablePostedDigestCopies,
  TableReminderLedger,
} from '../storage/digest-repositories';
import { createUseCases, type UseCases } from '../app/use-cases';
import type { BoardChannelStore, PostedDigests } from '../domain/digest-ports';
import type { PeopleStore } from '../domain/known-people';
import type { KnownTeamStore } from '../domain/known-teams';
import { TeamsMessenger } from './teams-messenger';
import { BoardPackDelivery } from './board-pack-delivery';
import { WorkAfterAnswer } from './work-after-answer';

/** teams-ai needs an app id even in local mode, for proactive sends; this one is never authenticated. */
const LOCAL_BOT_ID = '00000000-0000-0000-0000-000000000000';

export interface Storage {
  tables: TableClients;
  close(): Promise<void>;
}

/** The stores behind the ports, for jobs and tests that read the record directly. */
export interface Stores {
  statusService: StatusService;
  boardChannels: BoardChannelStore;
  /** Every digest posted, with its Teams ids. */
  postedDigests: PostedDigests;
  /** Teams the app is installed in; never the board channel by themselves. */
  teams: KnownTeamStore;
  peopleStore: PeopleStore;
}

export interface Bot {
  config: Config;
  logger: Logger;
  plan: Plan;
  storage: Storage;
  server: Server;
  useCases: UseCases;
  stores: Stores;
  clock: () => Date;
  /** Uploads still running after their invoke was answered; close() waits for them. */
  workAfterAnswer: WorkAfterAnswer;
  /** Listens on config.hosts, all on config.port; resolves with the bound port. */
  listen(): Promise<number>;
  /** Each listening socket's own address (empty before listen). */
  addresses(): AddressInfo[];
  close(): Promise<void>;
  /** What a stop is still waiting for, in words (empty once closed). */
  pending(): string[];
}

export interface CompositionOptions {
  logger?: Logger;
  clock?: () => Date;
  /** Tests shorten the waits between retried and paced sends. */
  sendBackoffMs?: number;
  reminderGapMs?: number;
  /** The embedded Azurite, already starting (main.ts starts it while the bot's modules load). */
  embeddedStore?: Promise<AzuriteProcess>;
  /** Tests shorten the deadline on outbound Bot Connector calls. */
  outboundTimeoutMs?: number;
  /** Outbound tokens without Microsoft Entra (tests: login.microsoftonline.com is out of reach). */
  credentialsFactory?: ServiceClientCredentialsFactory;
  /** Tests shorten the deadline on a board-pack upload to OneDrive, and lower the largest file sent. */
  uploadTimeoutMs?: number;
  maxUploadBytes?: number;
  /** Tests shorten how long a redaction waits for a digest being posted. */
  sweepTimings?: SweepTimings;
  /** Tests shorten the deadlines on slow clients and the line of waiting turns. */
  doorLimits?: DoorLimits;
}

export async function openStorage(
  config: Config,
  logger: Logger,
  embeddedStore?: Promise<AzuriteProcess>,
): Promise<Storage> {
  const { storage } = config;
  if (!('embedded' in storage)) {
    return openTables(azureTableClients(storage, config.tablePrefix), storeDescription(storage));
  }
  const azurite = await (embeddedStore ?? startAzurite(storage.embedded));
  logger.info(
    { pid: azurite.pid, port: azurite.port, directory: storage.embedded.directory },
    'started embedded Azurite table storage',
  );
  let closing = false;
  void azurite.exited.then(({ code, signal }) => {
    if (!closing)
      logger.error({ code, signal }, 'embedded Azurite stopped unexpectedly: the plan store is down');
  });
  const where = `the embedded Azurite (${storage.embedded.directory})`;
  return openTables(createTableClients(azurite.connectionString, config.tablePrefix), where, () => {
    closing = true;
    return azurite.stop();
  });
}

/** Where the store is, for a person: the endpoint, never the key. */
function storeDescription(storage: { connectionString: string } | { accountUrl: string }): string {
  if ('accountUrl' in storage) return `AZURE_STORAGE_ACCOUNT_URL ${storage.accountUrl}`;
  const account = /AccountName=([^;]+)/i.exec(storage.connectionString)?.[1];
  return `AZURE_STORAGE_CONNECTION_STRING${account ? ` (account ${account})` : ''}`;
}

async function openTables(tables: TableClients, where: string, close = async () => {}): Promise<Storage> {
  try {
    await ensureTables(tables);
  } catch (error) {
    await close();
    throw new StorageStartError(`cannot open the plan store at ${where}: ${whyStoreFailed(error)}`, {
      cause: error,
    });
  }
  return { tables, close };
}

function whyStoreFailed(error: unknown): string {
  const status = statusCodeOf(error);
  if (status === 403) {
    return '403 forbidden — give the bot\'s identity the "Storage Table Data Contributor" role on the account';
  }
  const inner = error instanceof StoreUnavailableError ? error.cause : error;
  const firstLine = (inner instanceof Error ? inner.message : String(inner)).split('\n')[0];
  return `${status ? `${status} ` : ''}${firstLine} — check the setting and that the account is reachable`;
}

/** The one place where the bot is assembled, for the server and the digest job alike. */
export async function composeBot(config: Config, options: CompositionOptions = {}): Promise<Bot> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? (() => new Date());
  const plan = loadPlan(config.planFile);
  if (!config.credentials) {
    logger.warn(
      'BOT_ID is not set: running in local mode WITHOUT inbound authentication, answering only this machine.',
    );
    if (config.hostFromEnvironment) {
      logger.warn(
        { hosts: config.hosts },
        `!!! HOST=${config.hosts.join(',')} IN LOCAL MODE: anyone who can reach this address can act as any board member, the chair included. Unset HOST, or set BOT_ID, BOT_PASSWORD and BOT_TENANT_ID. !!!`,
      );
    }
  }
  const storage = await openStorage(config, logger, options.embeddedStore);
  const statusStore = new TableStatusStore(storage.tables.planStatus, plan.id);
  const statusService = new StatusService(
    plan,
    statusStore,
    config.boardAdmins,
    clock,
    config.digest.timeZone,
  );
  const people = new PeopleDirectory(logger, new TableLoginBindings(storage.tables.people), clock);
  const peopleStore = new TablePeopleStore(storage.tables.people);
  const adapter = createAdapter(config.credentials, logger, {
    openIdMetadataUrl: config.openIdMetadataUrl,
    credentialsFactory: options.credentialsFactory,
  });
  const botAppId = config.credentials?.appId ?? LOCAL_BOT_ID;
  const boardChannels = new TableBoardChannelStore(storage.tables.conversations);
  const sender = new ProactiveSender(adapter, botAppId, logger, {
    baseDelayMs: options.sendBackoffMs,
    timeoutMs: config.digest.sendTimeoutMs,
  });
  const digestLedger = new TableDigestLedger(storage.tables.digests);
  const teams = new TableKnownTeamStore(storage.tables.conversations);
  const useCases = createUseCases({
    plan,
    statusService,
    people: peopleStore,
    teams,
    boardChannels,
    digestLedger,
    reminders: new TableReminderLedger(storage.tables.reminders),
    postedDigestCopies: new TablePostedDigestCopies(storage.tables.digests),
    postedDigests: digestLedger,
    postedCards: sender,
    postedCopies: new TablePostedCopies(storage.tables.digests),
    sweepTimings: options.sweepTimings,
    planHistory: statusStore,
    issuedBoardPacks: new TableBoardPackLedger(storage.tables.boardPacks),
    boardPackRenderer: {
      render: (view, format) => (format === 'docx' ? renderBoardPackDocx(view) : renderBoardPackXlsx(view)),
    },
    messenger: new TeamsMessenger(sender),
    log: logger,
    clock,
    timeZone: config.digest.timeZone,
    staleDays: config.staleDays,
    boardAdmins: config.boardAdmins,
    instanceId: `${os.hostname()}:${process.pid}`,
    leaseMs: config.digest.leaseMs,
    reminderGapMs: options.reminderGapMs,
  });
  const workAfterAnswer = new WorkAfterAnswer(logger);
  const app = createApplication(adapter, botAppId, {
    plan,
    useCases,
    people,
    peopleRegister: new PeopleRegister(people, peopleStore, clock, logger),
    logger,
    boardPackFiles: new BoardPackDelivery({
      boardPacks: useCases.boardPacks,
      people,
      sender,
      logger,
      isAdmin: (person) => statusService.isAdmin(person),
      workAfterAnswer,
      localMode: !config.credentials,
      uploadTimeoutMs: options.uploadTimeoutMs,
      maxFileBytes: options.maxUploadBytes,
    }),
  });
  const server = createServer({
    adapter,
    logger,
    localMode: !config.credentials,
    runTurn: async (context) => {
      limitConnectorCalls(context, options.outboundTimeoutMs);
      await app.run(context);
    },
    health: async () => {
      try {
        await statusService.currentStatus(plan.priorities[0].actions[0].id);
        return { healthy: true, details: { store: 'up' } };
      } catch (error) {
        logger.warn({ err: error }, 'health check: plan store unreachable');
        return { healthy: false, details: { store: 'down' } };
      }
    },
  });

  let listeners: Listeners | undefined;
  let closing: 'no' | 'turns' | 'store' | 'done' = 'no';
  return {
    config,
    logger,
    plan,
    storage,
    server,
    useCases,
    stores: { statusService, boardChannels, postedDigests: digestLedger, teams, peopleStore },
    clock,
    workAfterAnswer,
    async listen() {
      listeners = await listenOnHosts(server, config.hosts, config.port, logger, options.doorLimits);
      return listeners.port;
    },
    addresses: () => listeners?.addresses() ?? [],
    pending() {
      const turns = listeners?.turns() ?? { inFlight: 0, waiting: 0 };
      return [
        ...(turns.inFlight + turns.waiting > 0
          ? [`${turns.inFlight + turns.waiting} turn(s) in flight`]
          : []),
        ...workAfterAnswer.pending(),
        ...(closing === 'store' ? ['saving the store'] : []),
      ];
    },
    async close() {
      closing = 'turns';
      await listeners?.close();
      await workAfterAnswer.settled();
      closing = 'store';
      await storage.close();
      closing = 'done';
    },
  };
}
