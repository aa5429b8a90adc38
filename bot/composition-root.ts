import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { Server } from 'restify';
import { StatusService } from '../app/status-service';
import { loadPlan } from '../plan/load-plan';
import type { Plan } from '../plan/plan-schema';
import { startAzurite, type AzuriteProcess } from '../storage/azurite-process';
import { StoreUnavailableError } from '../domain/store-unavailable';
import { StorageStartError, statusCodeOf } from '../storage/store-errors';
import { TableStatusStore } from '../storage/status-repository';
import { adoptEarlierBaseline, LedgerKeepingBaseline, TableBoardState } from '../storage/board-state';
import { TablePostedCopies } from '../storage/posted-copies-repository';
import type { SweepTimings } from '../app/redaction-sweep';
import {
  azureTableClients,
  createTableClients,
  ensureTables,
  type TableClients,
} from '../storage/table-clients';
import { registerRoutes } from './application';
import type { Config } from './config';
import { createLogger, type Logger } from './logger';
import { PeopleDirectory } from './people-directory';
import { PeopleRegister } from './people-register';
import { TableLoginBindings, TablePeopleStore } from '../storage/people-repository';
import { TableKnownTeamStore } from '../storage/team-repository';
import { TableBoardPackLedger } from '../storage/board-pack-ledger';
import { TableYearlyReportLedger } from '../storage/yearly-report-ledger';
import { TableEscalationLedger } from '../storage/escalation-ledger';
import { DrawingPool, type DrawingPoolOptions } from '../workers/drawing-pool';
import { listenOnHosts, type Listeners } from './listeners';
import type { DoorLimits } from './http-doors';
import { createServer } from './server';
import { ProactiveSender } from './proactive-sender';
import {
  TableBoardChannelStore,
  TablePostedDigestCopies,
  TableReminderLedger,
} from '../storage/digest-repositories';
import { createUseCases, type UseCases } from '../app/use-cases';
import type { BoardChannelStore, PostedDigests } from '../domain/digest-ports';
import type { PeopleStore } from '../domain/known-people';
import type { KnownTeamStore } from '../domain/known-teams';
import { TeamsMessenger } from './teams-messenger';
import { BoardPackDelivery } from './board-pack-delivery';
import type { ResolveHost } from './upload-target';
import { WorkAfterAnswer } from './work-after-answer';
import { watchSaves } from '../storage/save-watch';
import { KeyEndorsements } from './key-endorsements';
import { PUBLIC } from '@microsoft/teams.api';
import { createTeamsApp, type OutboundTokens } from './teams-app';

/** The bot's id in local mode, for proactive channel posts; never authenticated. */
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
  /** Tests set how long a message waits for its work before Teams gets its answer (else TURN_ANSWER_SECONDS). */
  turnAnswerMs?: number;
  /** Outbound tokens without Microsoft Entra (tests: login.microsoftonline.com is out of reach). */
  outboundTokens?: OutboundTokens;
  /** Tests shorten the deadline on a board-pack upload to OneDrive, and lower the largest file sent. */
  uploadTimeoutMs?: number;
  maxUploadBytes?: number;
  /** A command-line job (digest, board pack, seed) that never listens, so has no inbound authentication to warn about. */
  job?: boolean;
  /** Tests bound the drawing threads and queue, and shorten how long a stop lets a file finish. */
  drawing?: DrawingPoolOptions & { stopGraceMs?: number };
  /**
   * Tests only; production never sets it. `loopback`: uploads may also go over http to any port on
   * loopback, where the stand-in OneDrive listens. `resolve`: made-up upload hosts resolve through it.
   */
  uploadsForTests?: { loopback?: boolean; resolve?: ResolveHost };
  /** Tests only: these exact origins (the recording connector) may be an activity's serviceUrl too. */
  serviceUrlOriginsForTests?: readonly string[];
  /** Tests shorten how long a redaction waits for a digest being posted. */
  sweepTimings?: SweepTimings;
  /** Tests shorten the deadlines on slow clients and the line of waiting turns. */
  doorLimits?: DoorLimits;
}

/** How long a stopping bot lets a file being drawn finish; inside the connection drain, so both fit a 30 s grace. */
const DRAWING_STOP_GRACE_MS = 10_000;

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
  if (!config.credentials && !options.job) {
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
  const { server, teamsAdapter } = createServer({
    logger,
    endorsements: config.credentials
      ? new KeyEndorsements(config.openIdMetadataUrl ?? PUBLIC.openIdMetadataUrl, PUBLIC.tokenIssuer)
      : undefined,
    tenantId: config.credentials?.tenantId,
    localMode: !config.credentials,
    serviceUrlRules: {
      hosts: config.serviceUrlHosts,
      originsForTests: options.serviceUrlOriginsForTests,
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
  const app = createTeamsApp(config.credentials, logger, {
    openIdMetadataUrl: config.openIdMetadataUrl,
    outboundTimeoutMs: options.outboundTimeoutMs,
    outboundTokens: options.outboundTokens,
    httpServerAdapter: teamsAdapter,
  });
  const botAppId = config.credentials?.appId ?? LOCAL_BOT_ID;
  const boardChannels = new TableBoardChannelStore(storage.tables.conversations);
  const sender = new ProactiveSender(app.api, botAppId, logger, {
    baseDelayMs: options.sendBackoffMs,
    timeoutMs: config.digest.sendTimeoutMs,
  });
  const boardState = new TableBoardState(storage.tables.planStatus, plan.id);
  const digestLedger = new LedgerKeepingBaseline(storage.tables.digests, boardState);
  try {
    if (await adoptEarlierBaseline(boardState, boardChannels, digestLedger))
      logger.info('the last digest posted is now the show cards’ direction-of-travel baseline');
    if (await boardState.adoptWeekly(await digestLedger.list()))
      logger.info('the weekly digests posted are now the exception report’s record');
  } catch (error) {
    // Shows then have no direction (and the report no amber runs) until the next digest.
    logger.warn({ err: error }, 'the last digest could not be adopted as the direction-of-travel baseline');
  }
  const teams = new TableKnownTeamStore(storage.tables.conversations);
  const drawing = new DrawingPool(options.drawing);
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
    boardPackRenderer: drawing,
    yearlyReportRenderer: drawing,
    yearlyReportRecords: new TableYearlyReportLedger(storage.tables.boardPacks),
    boardState,
    escalationRecord: boardState,
    messenger: new TeamsMessenger(sender),
    log: logger,
    clock,
    timeZone: config.digest.timeZone,
    staleDays: config.staleDays,
    boardAdmins: config.boardAdmins,
    agencyDomains: config.agencyDomains,
    protectiveMarking: config.protectiveMarking,
    yearlyReport: config.yearlyReport,
    contentFingerprint: (content) => createHash('sha256').update(content).digest('hex').slice(0, 16),
    instanceId: `${os.hostname()}:${process.pid}`,
    leaseMs: config.digest.leaseMs,
    reminderGapMs: options.reminderGapMs,
    escalationLedger: new TableEscalationLedger(storage.tables.escalations),
    escalateAfterDays: config.escalation.afterDays,
    escalateTo: config.escalation.to,
  });
  const workAfterAnswer = new WorkAfterAnswer(logger);
  registerRoutes(app, {
    plan,
    workAfterAnswer,
    turnAnswerMs: options.turnAnswerMs ?? config.turnAnswerMs,
    tenantId: config.credentials?.tenantId,
    watchSaves,
    useCases,
    people,
    peopleRegister: new PeopleRegister(people, peopleStore, clock, logger),
    logger,
    boardPackFiles: new BoardPackDelivery({
      boardPacks: useCases.boardPacks,
      yearlyReports: useCases.yearlyReports,
      people,
      sender,
      logger,
      isAdmin: (person) => statusService.isAdmin(person),
      workAfterAnswer,
      uploadRules: {
        localMode: !config.credentials,
        hosts: config.uploadHosts,
        loopbackForTests: options.uploadsForTests?.loopback === true,
      },
      resolveUploadHost: options.uploadsForTests?.resolve,
      uploadTimeoutMs: options.uploadTimeoutMs,
      maxFileBytes: options.maxUploadBytes,
    }),
  });
  // Registers the messaging endpoint on the restify server (the SDK's HTTP server adapter seam). A job
  // never listens, so it has no endpoint, and no SDK warning about accepting unauthenticated requests.
  if (!options.job) await app.initialize();

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
        ...(drawing.drawing() > 0 ? [`${drawing.drawing()} board-pack file(s) being drawn`] : []),
        ...(closing === 'store' ? ['saving the store'] : []),
      ];
    },
    async close() {
      closing = 'turns';
      // Files still being drawn get the grace period while connections drain; uploads waiting on them
      // are then told the bot stopped, and everything after an answer has settled before the store closes.
      const drawn = drawing.close(options.drawing?.stopGraceMs ?? DRAWING_STOP_GRACE_MS);
      await listeners?.close();
      await drawn;
      await workAfterAnswer.settled();
      closing = 'store';
      await storage.close();
      closing = 'done';
    },
  };
}
