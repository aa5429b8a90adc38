import type { Result } from '../domain/result';
import type { ActionStatus, HistoryEntry } from '../domain/action-status';
import { formatCalendarDate, todayIn, type IsoDate } from '../domain/board-cycle/calendar-date';
import { periodInstants } from '../domain/board-cycle/date-period';
import { exceptionReport } from '../domain/board-cycle/exception-rules';
import { statusesAsAt } from '../domain/board-cycle/status-as-at';
import type { PostedDigests } from '../domain/digest-ports';
import type { EscalationLedger } from '../domain/escalation/escalation-ports';
import { currentEscalations, marksOf } from './standing-escalations';
import { parseDigestSnapshot, type DigestSnapshot } from '../domain/digest/digest-snapshot';
import type { PeopleStore } from '../domain/known-people';
import type { Person } from '../domain/person';
import type { RagStatus } from '../domain/rag-status';
import { plural } from '../domain/wording';
import { zonedDateFormat } from '../domain/zoned-date-format';
import type { Plan } from '../plan/plan-schema';
import type { Answer } from '../views/answer';
import { boardPackView } from '../views/board-pack-views';
import { calendarDayIso } from '../views/board-dates';
import { personLabel, type AgencyDomains } from '../views/person-label';
import type { BoardPackView } from '../views/board-pack-view-model';
import { dayAfter } from '../domain/days';
import type { Place } from './action-cards';
import { checkedParams, readPackDates, type BoardPackParams, type TypedPackDates } from './board-pack-params';
import {
  DrawingRefusedError,
  type BoardPackFormat,
  type BoardPackRenderer,
  type IssuedBoardPacks,
  type PlanHistory,
} from './board-pack-ports';
import { askInPersonalChat, drawingRefused, offerSummary } from './board-pack-file-answers';
import { notice } from './notices';
import { adminsOnly } from './refusals';
import { findAction } from '../domain/plan-lookup';

export type { BoardPackParams } from './board-pack-params';
export type { BoardPackFormat } from './board-pack-ports';

export interface BoardPackFile {
  format: BoardPackFormat;
  name: string;
  description: string;
  bytes: Uint8Array;
}

export type BoardPackRequest =
  /** Refused (not an admin, not in a personal chat, a period that does not work): nothing offered. */
  | { kind: 'answer'; answer: Answer }
  /** The summary card, and the files to offer through Teams' file consent flow. */
  | {
      kind: 'offer';
      answer: Answer;
      params: BoardPackParams;
      files: { format: BoardPackFormat; name: string; description: string; size: number }[];
    };

/** A file of a board pack was asked for by someone who may not have it. */
export class BoardPackNotAllowed extends Error {
  constructor() {
    super('only board admins may have a board pack');
    this.name = 'BoardPackNotAllowed';
  }
}

export interface BoardPackPorts {
  plan: Plan;
  history: PlanHistory;
  postedDigests: PostedDigests;
  issued: IssuedBoardPacks;
  renderer: BoardPackRenderer;
  isAdmin: (person: Person) => boolean;
  clock: () => Date;
  timeZone: string;
  staleDays: number;
  /** The escalations recorded: the pack's exceptions say which actions stood escalated at its as-at. */
  escalations?: Pick<EscalationLedger, 'all' | 'readPlanStart'>;
  /** The people the bot has met: a document names someone as the roster knows them. */
  people?: Pick<PeopleStore, 'all'>;
  /** Organisations by address domain (AGENCY_DOMAINS); absent or empty: the domain is shown. */
  agencyDomains?: AgencyDomains;
  /** Printed on every page; DEFAULT_MARKING when absent. */
  marking?: string;
}

export const DEFAULT_MARKING = 'OFFICIAL-SENSITIVE';

export const BOARD_PACK_FORMATS: readonly BoardPackFormat[] = ['docx', 'xlsx'];
/** How many issued files `board packs` lists. */
export const LISTED_PACKS = 10;
/** How far back "since the previous board pack" looks for one that ended before the as-at. */
const PREVIOUS_PACKS_READ = 50;

const DESCRIPTIONS: Readonly<Record<BoardPackFormat, string>> = {
  docx: 'Word report for the board papers',
  xlsx: 'Excel workbook: actions and changes',
};

/** A built pack: its view, and the history it was built from. */
interface BuiltPack {
  params: BoardPackParams;
  view: BoardPackView;
}

/**
 * The board pack (issue 13): the plan as it stood at any date, rebuilt from the append-only history, as a
 * Word report and an Excel workbook. Admins only; offered in a personal chat, as files from a bot go to
 * one person's OneDrive.
 */
export class BoardPacks {
  constructor(private readonly ports: BoardPackPorts) {}

  /** The plan file's target date for an action: replayed target changes count it as the original. */
  private readonly planDue = (actionId: string) => findAction(this.ports.plan, actionId)?.due;

  async request(input: {
    by: Person;
    place: Place;
    from?: string;
    to?: string;
    asAt?: string;
  }): Promise<BoardPackRequest> {
    if (!this.ports.isAdmin(input.by)) return { kind: 'answer', answer: adminsOnly() };
    if (input.place !== 'personal') return { kind: 'answer', answer: askInPersonalChat() };
    const prepared = await this.prepare(input);
    if (!prepared.ok) {
      return {
        kind: 'answer',
        answer: notice('warning', 'That board pack does not work', prepared.problem, [], {
          examples: [
            'board pack',
            'board pack from 1 Jan 2026 to 31 Mar 2026',
            'board pack as at 31 Mar 2026',
          ],
        }),
      };
    }
    const built = await this.build(prepared.params, prepared.history, input.by.name);
    let drawn: Uint8Array[];
    try {
      // Drawn in the worker pool to learn each file's size; the accept draws the same bytes again.
      drawn = await Promise.all(
        BOARD_PACK_FORMATS.map((format) => this.ports.renderer.render(built.view, format)),
      );
    } catch (error) {
      if (error instanceof DrawingRefusedError)
        return { kind: 'answer', answer: drawingRefused(error.reason) };
      throw error;
    }
    const files = BOARD_PACK_FORMATS.map((format, index) => ({
      format,
      name: this.fileName(built.params, format),
      description: DESCRIPTIONS[format],
      size: drawn[index].length,
    }));
    return { kind: 'offer', answer: offerSummary(built.view), params: built.params, files };
  }

  /**
   * The typed dates read into params: the period defaults to since the previous board pack that ended
   * before the as-at day (since the plan's first change, for the first pack); `to` to the as-at day.
   * Also answers the history up to the as-at, read once for the pack itself.
   */
  async prepare(
    typed: TypedPackDates,
  ): Promise<Result<{ params: BoardPackParams; history: HistoryEntry[] }>> {
    const now = this.ports.clock();
    const dates = readPackDates(typed, now, this.ports.timeZone);
    if (!dates.ok) return dates;
    const history = await this.ports.history.changesUpTo(dates.asAt);
    const from = dates.from ?? (await this.defaultFrom(dates.to, history));
    const params = { asAt: dates.asAt.toISOString(), from, to: dates.to, requestedAt: now.toISOString() };
    return { ok: true, params, history };
  }

  /** False when this accept (the same Teams delivery) already started an upload: nothing is sent again. */
  firstAccept(delivery: string): Promise<boolean> {
    return this.ports.issued.claimAccept(delivery);
  }

  /** Whether params that came back from outside (a consent card) are a pack this bot would offer. */
  isOffer(params: BoardPackParams): boolean {
    try {
      checkedParams(params, this.ports.clock(), this.ports.timeZone);
      return true;
    } catch (error) {
      if (error instanceof RangeError) return false;
      throw error;
    }
  }

  /** Files waiting for a drawing thread: one asked for now waits behind them. */
  filesWaiting(): number {
    return this.ports.renderer.waiting();
  }

  /** One file of a pack, as the plan stood at params.asAt. Admins only (BoardPackNotAllowed otherwise). */
  async file(params: BoardPackParams, format: BoardPackFormat, by: Person): Promise<BoardPackFile> {
    if (!this.ports.isAdmin(by)) throw new BoardPackNotAllowed();
    const checked = checkedParams(params, this.ports.clock(), this.ports.timeZone);
    const history = await this.ports.history.changesUpTo(new Date(checked.asAt));
    return this.render(await this.build(checked, history, by.name), format);
  }

  /** Both files, for the command line (whoever can reach the store can read the record). */
  async files(
    params: BoardPackParams,
    history: readonly HistoryEntry[],
    generatedBy: string,
  ): Promise<{ view: BoardPackView; files: BoardPackFile[] }> {
    const built = await this.build(
      checkedParams(params, this.ports.clock(), this.ports.timeZone),
      history,
      generatedBy,
    );
    const files = [];
    for (const format of BOARD_PACK_FORMATS) files.push(await this.render(built, format));
    return { view: built.view, files };
  }

  /** Records that a pack's file reached the person: "since the previous board pack" and `board packs`. */
  async issued(
    params: BoardPackParams,
    file: { format: BoardPackFormat; name: string },
    by: Person,
  ): Promise<void> {
    const checked = checkedParams(params, this.ports.clock(), this.ports.timeZone);
    await this.ports.issued.record({
      issuedAt: this.ports.clock().toISOString(),
      byName: by.name,
      ...(by.email ? { byEmail: by.email } : {}),
      asAt: checked.asAt,
      from: checked.from,
      to: checked.to,
      format: file.format,
      fileName: file.name,
    });
  }

  /** "board packs": the last files issued, newest first. Given who asks, admins only. */
  async list(by?: Person): Promise<Answer> {
    if (by !== undefined && !this.ports.isAdmin(by)) return adminsOnly();
    const packs = await this.ports.issued.latest(LISTED_PACKS);
    if (packs.length === 0) {
      return notice(
        'default',
        'No board pack issued yet',
        'An admin can type "board pack" in a personal chat with me.',
        ['help'],
      );
    }
    const when = zonedDateFormat('boardTime', this.ports.timeZone);
    const lines = packs.map(
      (pack) =>
        `${when.format(new Date(pack.issuedAt))}: ${pack.fileName} to ${pack.byName}, ` +
        `${formatCalendarDate(pack.from)} to ${formatCalendarDate(pack.to)}`,
    );
    return notice(
      'default',
      `The last ${plural(packs.length, 'board pack file')} issued`,
      lines.join('\n'),
      [],
    );
  }

  private fileName(params: BoardPackParams, format: BoardPackFormat): string {
    return `OSCB board pack ${calendarDayIso(new Date(params.asAt), this.ports.timeZone)}.${format}`;
  }

  private async render(built: BuiltPack, format: BoardPackFormat): Promise<BoardPackFile> {
    return {
      format,
      name: this.fileName(built.params, format),
      description: DESCRIPTIONS[format],
      bytes: await this.ports.renderer.render(built.view, format),
    };
  }

  private async defaultFrom(to: IsoDate, history: readonly HistoryEntry[]): Promise<IsoDate> {
    const previous = (await this.ports.issued.latest(PREVIOUS_PACKS_READ)).find((pack) => pack.to < to);
    if (previous) return dayAfter(previous.to);
    const first = history.reduce<string | undefined>(
      (earliest, entry) => (earliest === undefined || entry.at < earliest ? entry.at : earliest),
      undefined,
    );
    const start = first === undefined ? to : todayIn(new Date(first), this.ports.timeZone);
    return start < to ? start : to;
  }

  private async build(
    params: BoardPackParams,
    history: readonly HistoryEntry[],
    generatedBy: string,
  ): Promise<BuiltPack> {
    return { params, view: await this.packView(params, history, generatedBy) };
  }

  /** The pack's view-model: statuses at params.asAt from `history`, the period's changes, the exceptions. */
  async packView(
    params: BoardPackParams,
    history: readonly HistoryEntry[],
    generatedBy: string,
  ): Promise<BoardPackView> {
    const { plan, timeZone } = this.ports;
    const asAt = new Date(params.asAt);
    const statuses = statusesAsAt(history, asAt, this.planDue);
    const names = await this.namesOf(history);
    const agencies = this.ports.agencyDomains ?? new Map<string, string>();
    const period = periodInstants({ from: params.from, to: params.to }, timeZone);
    const startsAt = period.startsAt.getTime();
    const endsBefore = Math.min(period.endsBefore?.getTime() ?? Infinity, asAt.getTime() + 1);
    const changes = history.filter((entry) => {
      const at = Date.parse(entry.at);
      return at >= startsAt && at < endsBefore;
    });
    const { snapshots, weekly } = await this.snapshotsBefore(asAt);
    const escalations = await this.escalationsAt(asAt, statuses);
    const newest = snapshots[0];
    const earlier = new Map<string, RagStatus>();
    if (newest) {
      for (const [actionId, entry] of Object.entries(newest.actions)) earlier.set(actionId, entry.rag);
    } else {
      // No digest before the as-at: direction of travel is over the period, from where it started.
      const atStart = statusesAsAt(history, new Date(startsAt - 1), this.planDue);
      for (const action of plan.priorities.flatMap((priority) => priority.actions)) {
        earlier.set(action.id, atStart.get(action.id)?.rag ?? 'not_started');
      }
    }
    return boardPackView({
      plan,
      statuses,
      earlier,
      exceptions: exceptionReport({
        plan,
        statuses,
        snapshots: snapshots.filter((snapshot) => weekly.has(snapshot)),
        now: asAt,
        staleDays: this.ports.staleDays,
        timeZone,
        escalations,
      }),
      changes,
      personName: (email: string, recordedName?: string) =>
        personLabel(email, names.get(email.toLowerCase()) ?? recordedName, agencies),
      marking: this.ports.marking ?? DEFAULT_MARKING,
      asAt,
      period: { from: params.from, to: params.to },
      generatedAt: new Date(params.requestedAt ?? params.asAt),
      generatedBy,
      timeZone,
    });
  }

  /** The escalations standing at the as-at: raised by then, with no update or new owner since. */
  private async escalationsAt(asAt: Date, statuses: ReadonlyMap<string, ActionStatus>) {
    const ledger = this.ports.escalations;
    if (!ledger) return undefined;
    const [records, planStart] = await Promise.all([ledger.all(), ledger.readPlanStart()]);
    const raised = records.filter((record) => Date.parse(record.at) <= asAt.getTime());
    return marksOf(currentEscalations(raised, statuses, planStart), this.ports.timeZone);
  }

  /** Names by address: the roster's name for someone the bot has met, else as history last recorded it. */
  private async namesOf(history: readonly HistoryEntry[]): Promise<Map<string, string>> {
    const names = namesFrom(history);
    for (const person of (await this.ports.people?.all()) ?? []) {
      if (person.name.trim() !== '') names.set(person.email.toLowerCase(), person.name);
    }
    return names;
  }

  /**
   * The snapshots of the digests posted at or before the as-at, newest first (one read of the ledger),
   * and which of them were weekly digests: only those count towards "amber for 3 digests".
   */
  private async snapshotsBefore(
    asAt: Date,
  ): Promise<{ snapshots: DigestSnapshot[]; weekly: Set<DigestSnapshot> }> {
    const posted = (await this.ports.postedDigests.list())
      .filter((digest) => Date.parse(digest.postedAt) <= asAt.getTime())
      .map((digest) => ({ extra: digest.extra, snapshot: parseDigestSnapshot(JSON.parse(digest.snapshot)) }))
      .sort((a, b) => Date.parse(b.snapshot.takenAt) - Date.parse(a.snapshot.takenAt));
    return {
      snapshots: posted.map((digest) => digest.snapshot),
      weekly: new Set(posted.filter((digest) => !digest.extra).map((digest) => digest.snapshot)),
    };
  }
}

/** People's names as history last recorded them, by lower-cased address: as they signed their updates. */
function namesFrom(history: readonly HistoryEntry[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of [...history].sort((a, b) => a.at.localeCompare(b.at)))
    names.set(entry.byEmail.toLowerCase(), entry.byName);
  return names;
}
