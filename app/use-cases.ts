import type {
  DigestLedger,
  BoardChannelStore,
  PostedCardUpdater,
  PostedDigestCopies,
  PostedDigests,
  ReminderLedger,
} from '../domain/digest-ports';
import type { PeopleStore } from '../domain/known-people';
import type { KnownTeamStore } from '../domain/known-teams';
import type { EscalationLedger } from '../domain/escalation/escalation-ports';
import type { StatusService } from './status-service';
import type { Plan } from '../plan/plan-schema';
import { ActionCards } from './action-cards';
import { AssignOwner } from './assign-owner';
import { BoardChannel } from './board-channel';
import type { BoardPackRenderer, IssuedBoardPacks, PlanHistory } from './board-pack-ports';
import type { BoardState, EscalationRecord } from './board-state';
import { BoardPacks } from './board-packs';
import { YearlyReports } from './yearly-reports';
import { YearlySignOffs } from './yearly-sign-offs';
import type { YearlyReportRecords, YearlyReportRenderer } from './yearly-sign-off-ports';
import { CommandReplies } from './command-replies';
import { DigestRequests } from './digest-requests';
import { PostedDigestHistory } from './digest-snapshots';
import { Escalations } from './escalations';
import { ExceptionReport } from './exception-report';
import { Help } from './help';
import { History } from './history';
import type { Log } from './log';
import type { Messenger } from './messenger';
import { MyActions } from './my-actions';
import { RedactChange } from './redact-change';
import { RedactionSweep, type SweepTimings } from './redaction-sweep';
import type { PostedCopies } from '../domain/posted-copies';
import { SetLeadAgency } from './set-lead-agency';
import { SetTargetDate } from './set-target-date';
import { ShowAction } from './show-action';
import { ShowAgency } from './show-agency';
import { ShowPlan } from './show-plan';
import { UpdateStatus } from './update-status';
import { WeeklyDigest } from './weekly-digest';

/** Every thing a person (or the digest timer) can do, each built with only the ports it uses. */
export interface UseCases {
  help: Help;
  commandReplies: CommandReplies;
  showPlan: ShowPlan;
  showAction: ShowAction;
  myActions: MyActions;
  updateStatus: UpdateStatus;
  assignOwner: AssignOwner;
  history: History;
  redactChange: RedactChange;
  setTargetDate: SetTargetDate;
  setLeadAgency: SetLeadAgency;
  boardChannel: BoardChannel;
  digestRequests: DigestRequests;
  weeklyDigest: WeeklyDigest;
  boardPacks: BoardPacks;
  yearlyReports: YearlyReports;
  /** The lead partners' sign-offs and the scrutineer's comments on a yearly report. */
  yearlySignOffs: YearlySignOffs;
  showAgency: ShowAgency;
  exceptionReport: ExceptionReport;
  escalations: Escalations;
  /** Cards posted where others read them, swept when a note they show is redacted. */
  redactionSweep: RedactionSweep;
}

/** The ports use cases reach storage and Teams through, and the settings they read. */
export interface UseCasePorts {
  plan: Plan;
  statusService: StatusService;
  people: PeopleStore;
  teams: KnownTeamStore;
  boardChannels: BoardChannelStore;
  digestLedger: DigestLedger;
  reminders: ReminderLedger;
  postedDigestCopies: PostedDigestCopies;
  /** Every posted digest with its snapshot: direction of travel and the exception report read them. */
  postedDigests: PostedDigests;
  postedCards: PostedCardUpdater;
  /** Cards the bot posted in channels and group chats, and the redaction seal. */
  postedCopies: PostedCopies;
  /** How long a redaction waits for a digest being posted at that moment (tests shorten it). */
  sweepTimings?: SweepTimings;
  /** The board pack's ports: the plan's history up to a date, packs issued, the files' renderer. */
  planHistory: PlanHistory;
  issuedBoardPacks: IssuedBoardPacks;
  boardPackRenderer: BoardPackRenderer;
  /** The yearly report's file, and its sign-offs and comments. */
  yearlyReportRenderer: YearlyReportRenderer;
  yearlyReportRecords: YearlyReportRecords;
  /** The show cards' one read: current statuses and the last digest's snapshot. */
  boardState: BoardState;
  /** Where the weekly job leaves the escalations it raised (beside the current statuses). */
  escalationRecord?: EscalationRecord;
  messenger: Messenger;
  log: Log;
  clock: () => Date;
  timeZone: string;
  staleDays: number;
  boardAdmins: readonly string[];
  /** Documents: organisations by address domain, and the protective marking on every page. */
  agencyDomains?: ReadonlyMap<string, string>;
  protectiveMarking?: string;
  /** A digest of a document's content: sha-256 in hex, shortened (a yearly report's sign-off is for one). */
  contentFingerprint: (content: string) => string;
  /** The yearly report: lead partners, scrutineer, the month a reporting year starts (default April). */
  yearlyReport?: {
    leadPartners: readonly { agency: string; upn: string }[];
    scrutineer?: string;
    yearStartMonth: number;
  };
  instanceId: string;
  leaseMs: number;
  reminderGapMs?: number;
  escalationLedger: EscalationLedger;
  /** ESCALATE_AFTER_DAYS, and who is told: ESCALATE_TO or every board admin. */
  escalateAfterDays: number;
  escalateTo: readonly string[];
}

export function createUseCases(ports: UseCasePorts): UseCases {
  const { plan, statusService, clock, timeZone, log } = ports;
  const isAdmin = statusService.isAdmin.bind(statusService);
  const viewClock = () => ({ now: clock(), timeZone });
  const digestHistory = new PostedDigestHistory(
    ports.boardChannels,
    ports.digestLedger,
    ports.postedDigests,
    log,
  );
  const cards = new ActionCards({
    plan,
    mayUpdate: statusService.mayUpdate.bind(statusService),
    clock,
    timeZone,
  });
  const assignOwner = new AssignOwner(statusService, ports.people);
  const escalations = new Escalations({
    plan,
    statuses: statusService,
    ledger: ports.escalationLedger,
    reminders: ports.reminders,
    people: ports.people,
    messenger: ports.messenger,
    assignOwner,
    isAdmin,
    log,
    clock,
    timeZone,
    afterDays: ports.escalateAfterDays,
    businessManagers: ports.escalateTo,
    claimLeaseMs: ports.leaseMs,
    record: ports.escalationRecord,
  });
  const redactionSweep = new RedactionSweep(
    ports.postedCopies,
    ports.postedDigestCopies,
    ports.postedCards,
    log,
    clock,
    ports.sweepTimings,
  );
  const weeklyDigest = new WeeklyDigest({
    plan,
    statusService,
    boardChannels: ports.boardChannels,
    ledger: ports.digestLedger,
    reminders: ports.reminders,
    peopleStore: ports.people,
    messenger: ports.messenger,
    logger: log,
    clock,
    staleDays: ports.staleDays,
    timeZone,
    boardAdmins: ports.boardAdmins,
    instanceId: ports.instanceId,
    leaseMs: ports.leaseMs,
    reminderGapMs: ports.reminderGapMs,
    digestHistory,
    escalations,
    redactionSweep,
  });
  const yearlyReports = new YearlyReports({
    plan,
    history: ports.planHistory,
    people: ports.people,
    clock,
    timeZone,
    staleDays: ports.staleDays,
    yearStartMonth: ports.yearlyReport?.yearStartMonth ?? 4,
    leadPartners: ports.yearlyReport?.leadPartners ?? [],
    scrutineer: ports.yearlyReport?.scrutineer,
    agencyDomains: ports.agencyDomains,
    marking: ports.protectiveMarking,
    fingerprint: ports.contentFingerprint,
    records: ports.yearlyReportRecords,
    isAdmin,
    renderer: ports.yearlyReportRenderer,
  });
  return {
    redactionSweep,
    help: new Help(isAdmin),
    commandReplies: new CommandReplies(plan),
    showPlan: new ShowPlan(plan, ports.boardState, viewClock),
    showAction: new ShowAction(plan, statusService, cards, ports.boardState),
    myActions: new MyActions(plan, statusService, viewClock),
    updateStatus: new UpdateStatus(plan, statusService, cards, clock, log),
    assignOwner,
    history: new History(plan, statusService, viewClock, ports.escalationLedger),
    redactChange: new RedactChange(
      statusService,
      ports.postedDigestCopies,
      ports.postedCards,
      log,
      redactionSweep,
    ),
    setTargetDate: new SetTargetDate(statusService, cards),
    setLeadAgency: new SetLeadAgency(statusService, cards),
    boardChannel: new BoardChannel(ports.boardChannels, ports.teams, isAdmin, clock, log),
    digestRequests: new DigestRequests(weeklyDigest, ports.people, ports.messenger, isAdmin),
    weeklyDigest,
    boardPacks: new BoardPacks({
      plan,
      history: ports.planHistory,
      postedDigests: ports.postedDigests,
      issued: ports.issuedBoardPacks,
      renderer: ports.boardPackRenderer,
      isAdmin,
      clock,
      timeZone,
      staleDays: ports.staleDays,
      escalations: ports.escalationLedger,
      people: ports.people,
      agencyDomains: ports.agencyDomains,
      marking: ports.protectiveMarking,
    }),
    yearlySignOffs: new YearlySignOffs({
      reports: yearlyReports,
      records: ports.yearlyReportRecords,
      people: ports.people,
      messenger: ports.messenger,
      log,
      clock,
      timeZone,
      yearStartMonth: ports.yearlyReport?.yearStartMonth ?? 4,
      leadPartners: ports.yearlyReport?.leadPartners ?? [],
      scrutineer: ports.yearlyReport?.scrutineer,
    }),
    yearlyReports,
    showAgency: new ShowAgency(plan, ports.boardState, viewClock),
    exceptionReport: new ExceptionReport(plan, ports.boardState, viewClock, ports.staleDays),
    escalations,
  };
}
