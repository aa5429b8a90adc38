import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';
import type { StoredStatus } from '../domain/action-status';
import type { BoardChannelStore, DigestLedger, PostedDigest } from '../domain/digest-ports';
import { readStoredSnapshot, type DigestSnapshot } from '../domain/digest/digest-snapshot';
import { z } from 'zod';
import type {
  BoardReading,
  BoardState,
  EscalationRecord,
  StandingEscalations,
  WeeklyDigests,
} from '../app/board-state';
import type { CurrentEscalation } from '../app/standing-escalations';
import { amberRunsAfter, amberRunsOf } from '../domain/board-cycle/exception-rules';
import { TableDigestLedger } from './digest-repositories';
import { currentRow, readRow } from './stored-rows';
import { guardStore, statusCodeOf } from './store-errors';

/**
 * The baseline row sits in the plan's partition right after the current rows (`cur|5.1` …; `}` sorts
 * after `|`), so one range query returns both, while the status store's own `cur|` range never sees it.
 */
export const BASELINE_KEY = 'cur}digest';
/** The weekly digests' record (the newest weekly snapshot and the amber runs), last in the same range. */
export const WEEKLY_KEY = 'cur}weekly';
/**
 * The escalations the weekly job raised, in the same range (`e` sorts before `w`): one property per action,
 * merged in, so two instances' runs each add their own actions and neither overwrites the other.
 */
export const ESCALATED_KEY = 'cur}escalated';
const ESCALATION_PREFIX = 'esc_';
/** A property name Table Storage accepts (a C# identifier), one per action id. */
const escalationProperty = (actionId: string) => ESCALATION_PREFIX + actionId.replace(/[^A-Za-z0-9]/g, '_');

const storedEscalation = z.object({
  actionId: z.string(),
  since: z.string(),
  lastAt: z.string(),
  told: z.array(z.object({ email: z.string(), name: z.string() })),
});

function readEscalated(row: Record<string, unknown>): StandingEscalations | undefined {
  if (typeof row.planStart !== 'string') return undefined;
  const escalations: CurrentEscalation[] = [];
  for (const [name, value] of Object.entries(row)) {
    if (!name.startsWith(ESCALATION_PREFIX) || typeof value !== 'string') continue;
    try {
      const parsed = storedEscalation.safeParse(JSON.parse(value));
      if (parsed.success) escalations.push(parsed.data);
    } catch {
      // A damaged property marks nothing; the next weekly run writes the action again while it stays silent.
    }
  }
  return { planStart: row.planStart, escalations };
}
const CURRENT = 'cur|';

type BaselineEntity = { partitionKey: string; rowKey: string; postedAt: string; snapshot: string };
type WeeklyEntity = BaselineEntity & { amberRuns: string };

const amberRunsSchema = z.record(z.number().int().min(0));

function readWeekly(row: Record<string, unknown>): WeeklyDigests | undefined {
  const latest = typeof row.snapshot === 'string' ? readStoredSnapshot(row.snapshot) : undefined;
  if (!latest || typeof row.amberRuns !== 'string') return undefined;
  try {
    const amberRuns = amberRunsSchema.safeParse(JSON.parse(row.amberRuns));
    return amberRuns.success ? { latest, amberRuns: amberRuns.data } : undefined;
  } catch {
    return undefined;
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

export class TableBoardState implements BoardState, EscalationRecord {
  constructor(
    private readonly table: TableClient,
    private readonly planId: string,
  ) {}

  async readAll(): Promise<BoardReading> {
    return this.query(
      odata`PartitionKey eq ${this.planId} and RowKey ge ${CURRENT} and RowKey le ${WEEKLY_KEY}`,
    );
  }

  /**
   * The same range as readAll, the action picked out here: an `or` of two row keys would be a scan of the
   * whole partition (history included) in Azure, while this range is the few dozen current rows.
   */
  async readAction(actionId: string): Promise<{ status?: StoredStatus; previous?: DigestSnapshot }> {
    const { statuses, previous } = await this.readAll();
    return { status: statuses.get(actionId), ...(previous ? { previous } : {}) };
  }

  async recordEscalations(planStart: string, escalations: readonly CurrentEscalation[]): Promise<void> {
    if (escalations.length === 0) return;
    const properties = Object.fromEntries(
      escalations.map((escalation) => [escalationProperty(escalation.actionId), JSON.stringify(escalation)]),
    );
    await guardStore(() =>
      this.table.upsertEntity(
        { partitionKey: this.planId, rowKey: ESCALATED_KEY, planStart, ...properties },
        'Merge',
      ),
    );
  }

  /** The last posted digest's snapshot becomes the baseline, unless a later one is already there. */
  async recordBaseline(postedAt: string, snapshot: string): Promise<void> {
    await guardStore(async () => {
      const current = await this.readBaseline();
      if (current && Date.parse(current.postedAt) > Date.parse(postedAt)) return;
      await this.table.upsertEntity<BaselineEntity>(
        { partitionKey: this.planId, rowKey: BASELINE_KEY, postedAt, snapshot },
        'Replace',
      );
    });
  }

  async readBaseline(): Promise<{ postedAt: string } | undefined> {
    return guardStore(async () => {
      try {
        const row = await this.table.getEntity<BaselineEntity>(this.planId, BASELINE_KEY);
        return { postedAt: row.postedAt };
      } catch (error) {
        if (statusCodeOf(error) === 404) return undefined;
        throw error;
      }
    });
  }

  /**
   * A weekly digest posted: its snapshot becomes the newest, and the amber runs move on from the record's
   * (which is the weekly digest before it). A digest older than the record's newest changes nothing.
   */
  async recordWeekly(postedAt: string, snapshot: string): Promise<void> {
    const posted = readStoredSnapshot(snapshot);
    if (!posted) return;
    await guardStore(async () => {
      const current = await this.readWeeklyRow();
      if (current && Date.parse(current.postedAt) >= Date.parse(postedAt)) return;
      const before = current ? readWeekly(current)?.amberRuns : undefined;
      await this.writeWeekly(postedAt, snapshot, amberRunsAfter(before ?? {}, posted));
    });
  }

  /** A store from before the weekly record: built once from every weekly digest posted. */
  async adoptWeekly(
    posted: readonly { postedAt: string; snapshot: string; extra: boolean }[],
  ): Promise<boolean> {
    if (await guardStore(() => this.readWeeklyRow())) return false;
    const weekly = posted
      .filter((digest) => !digest.extra)
      .flatMap((digest) => {
        const snapshot = readStoredSnapshot(digest.snapshot);
        return snapshot ? [{ digest, snapshot }] : [];
      })
      .sort((a, b) => Date.parse(a.digest.postedAt) - Date.parse(b.digest.postedAt));
    const newest = weekly.at(-1);
    if (!newest) return false;
    const runs = amberRunsOf(weekly.map(({ snapshot }) => snapshot));
    await guardStore(() => this.writeWeekly(newest.digest.postedAt, newest.digest.snapshot, runs));
    return true;
  }

  private async writeWeekly(postedAt: string, snapshot: string, runs: Record<string, number>): Promise<void> {
    await this.table.upsertEntity<WeeklyEntity>(
      { partitionKey: this.planId, rowKey: WEEKLY_KEY, postedAt, snapshot, amberRuns: JSON.stringify(runs) },
      'Replace',
    );
  }

  private async readWeeklyRow(): Promise<WeeklyEntity | undefined> {
    try {
      return await this.table.getEntity<WeeklyEntity>(this.planId, WEEKLY_KEY);
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }

  private async query(filter: string): Promise<BoardReading> {
    return guardStore(async () => {
      const statuses = new Map<string, StoredStatus>();
      let previous: DigestSnapshot | undefined;
      let weekly: WeeklyDigests | undefined;
      let escalated: StandingEscalations | undefined;
      const rows = this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } });
      for await (const row of rows) {
        if (row.rowKey === WEEKLY_KEY) {
          // Damaged or from another version: the report counts no amber runs until the next weekly digest.
          weekly = readWeekly(row);
          continue;
        }
        if (row.rowKey === ESCALATED_KEY) {
          escalated = readEscalated(row);
          continue;
        }
        if (row.rowKey === BASELINE_KEY) {
          // A baseline from another version or damaged reads as none: the card shows no direction.
          previous = typeof row.snapshot === 'string' ? readStoredSnapshot(row.snapshot) : undefined;
          continue;
        }
        const status = withoutUndefined(
          readRow(currentRow, row as TableEntityResult<object>),
        ) as StoredStatus;
        statuses.set(status.actionId, status);
      }
      return {
        statuses,
        ...(previous ? { previous } : {}),
        ...(weekly ? { weekly } : {}),
        ...(escalated ? { escalated } : {}),
      };
    });
  }
}

/**
 * The digest ledger, with every posted digest's snapshot also kept as the show cards' baseline, and every
 * weekly one moving the exception report's record on.
 */
export class LedgerKeepingBaseline extends TableDigestLedger {
  constructor(
    table: TableClient,
    private readonly board: TableBoardState,
  ) {
    super(table);
  }

  override async recordPosted(conversationId: string, digest: PostedDigest, extra: boolean): Promise<void> {
    await super.recordPosted(conversationId, digest, extra);
    if (!digest.snapshot) return;
    await this.board.recordBaseline(digest.postedAt, digest.snapshot);
    if (!extra) await this.board.recordWeekly(digest.postedAt, digest.snapshot);
  }
}

/**
 * A store written before the baseline row existed: the board channel's last digest becomes the baseline,
 * once, at start (a few reads then, none on any show). Answers whether it adopted one.
 */
export async function adoptEarlierBaseline(
  board: TableBoardState,
  channels: BoardChannelStore,
  ledger: Pick<DigestLedger, 'latest'>,
): Promise<boolean> {
  if (await board.readBaseline()) return false;
  const channel = await channels.get();
  const latest = channel && (await ledger.latest(channel.conversationId));
  if (!latest?.snapshot) return false;
  await board.recordBaseline(latest.postedAt, latest.snapshot);
  return true;
}
