import { createHash, randomUUID } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import type {
  CommentRecording,
  ScrutineerComment,
  SignOffRecording,
  YearlyReportRecords,
  YearlySignOff,
} from '../app/yearly-sign-off-ports';
import { loginKey } from '../domain/person';
import { claimRow, deleteIfExists } from './row-claims';
import { readRow } from './stored-rows';
import { getOrUndefined, guardStore, statusCodeOf } from './store-errors';
import { safeKey } from './table-clients';

/** The yearly report's rows live in the board packs table, one partition per reporting year. */
export const YEARLY_PARTITION_PREFIX = 'yearly|';
const SIGN_OFF = 'signoff|';
const COMMENT = 'comment|';
const DELIVERY = 'delivery|';
const NOTICE = 'notice|';

const text = z.string();
export const signOffRow = z.object({
  year: text,
  fingerprint: text,
  draft: z.boolean(),
  asAt: text,
  agency: text,
  byName: text,
  byEmail: text,
  byAadObjectId: text.optional(),
  at: text,
  summary: text.optional(),
});
export const commentRow = z.object({ year: text, at: text, byName: text, byEmail: text, text });
/** Which row a Teams delivery recorded, so a redelivery answers as the first did. */
export const yearlyDeliveryRow = z.object({ recorded: text });
/**
 * A partner's "earlier version" notice: `claimed` while being sent (given back if the send fails), `told`
 * once sent. A row without a state was written by an earlier version, which kept every claim: told.
 */
export const yearlyNoticeRow = z.object({
  at: text,
  state: z.enum(['claimed', 'told']).optional(),
  toldAt: text.optional(),
});

/** The schema of a row in a yearly partition, by its key; undefined for a key this version never writes. */
export function yearlyRowSchema(rowKey: string): z.ZodTypeAny | undefined {
  if (rowKey.startsWith(SIGN_OFF)) return signOffRow;
  if (rowKey.startsWith(COMMENT)) return commentRow;
  if (rowKey.startsWith(DELIVERY)) return yearlyDeliveryRow;
  if (rowKey.startsWith(NOTICE)) return yearlyNoticeRow;
  return undefined;
}

const hashed = (value: string) => createHash('sha256').update(value, 'utf8').digest('base64url');

function signOffKey(signOff: Pick<YearlySignOff, 'fingerprint' | 'byEmail'>): string {
  return `${SIGN_OFF}${signOff.fingerprint}|${safeKey(loginKey(signOff.byEmail))}`;
}

function noticeKey(signOff: Pick<YearlySignOff, 'fingerprint' | 'byEmail'>): string {
  return `${NOTICE}${signOffKey(signOff).slice(SIGN_OFF.length)}`;
}

/**
 * Sign-offs and scrutineer comments (issue 22), append-only: created with a conditional insert, never
 * updated. A row and its delivery's row are one transaction, so a redelivered activity records nothing new.
 */
export class TableYearlyReportLedger implements YearlyReportRecords {
  constructor(private readonly table: TableClient) {}

  signOffs(year: string): Promise<YearlySignOff[]> {
    return this.rows(year, SIGN_OFF, (row) => {
      const { byAadObjectId, summary, ...signOff } = readRow(signOffRow, row);
      return {
        ...signOff,
        ...(byAadObjectId === undefined ? {} : { byAadObjectId }),
        ...(summary === undefined ? {} : { summary }),
      };
    });
  }

  comments(year: string): Promise<ScrutineerComment[]> {
    return this.rows(year, COMMENT, (row) => readRow(commentRow, row));
  }

  async recordSignOff(signOff: YearlySignOff, delivery?: string): Promise<SignOffRecording> {
    const rowKey = signOffKey(signOff);
    if (await this.created(signOff.year, rowKey, signOff, delivery)) return { kind: 'recorded' };
    const earlier = await this.deliveredRow(signOff.year, delivery);
    if (earlier?.startsWith(SIGN_OFF)) {
      const first = await this.read(signOff.year, earlier, signOffRow);
      if (first) return { kind: 'redelivered', first };
    }
    const first = await this.read(signOff.year, rowKey, signOffRow);
    if (!first) throw new Error(`sign-off ${rowKey} was refused but is not there`);
    return { kind: 'signedBefore', first };
  }

  async recordComment(comment: ScrutineerComment, delivery?: string): Promise<CommentRecording> {
    const time = String(Date.parse(comment.at)).padStart(13, '0');
    const rowKey = `${COMMENT}${time}|${delivery ? hashed(delivery) : randomUUID()}`;
    if (await this.created(comment.year, rowKey, comment, delivery)) return { kind: 'recorded' };
    const earlier = await this.deliveredRow(comment.year, delivery);
    const first = earlier ? await this.read(comment.year, earlier, commentRow) : undefined;
    if (!first) throw new Error(`comment ${rowKey} was refused but no earlier delivery recorded one`);
    return { kind: 'redelivered', first };
  }

  async claimEarlierVersionNotice(signOff: YearlySignOff, at: Date, leaseMs: number): Promise<boolean> {
    const claim = {
      partitionKey: partition(signOff.year),
      rowKey: noticeKey(signOff),
      at: at.toISOString(),
      state: 'claimed',
    };
    // Claimed already: taken over only when the run that claimed it died before telling, and the lease ran out.
    return claimRow(this.table, claim, (existing) => {
      const row = readRow(yearlyNoticeRow, existing);
      const leaseRunning = Date.parse(row.at) + leaseMs > at.getTime();
      return row.state === 'claimed' && !leaseRunning;
    });
  }

  async recordEarlierVersionNoticeTold(signOff: YearlySignOff, at: Date): Promise<void> {
    await guardStore(() =>
      this.table.updateEntity(
        {
          partitionKey: partition(signOff.year),
          rowKey: noticeKey(signOff),
          state: 'told',
          toldAt: at.toISOString(),
        },
        'Merge',
      ),
    );
  }

  async releaseEarlierVersionNotice(signOff: YearlySignOff): Promise<void> {
    await deleteIfExists(this.table, partition(signOff.year), noticeKey(signOff));
  }

  /** The row and its delivery's marker in one transaction; false when either already exists. */
  private async created(year: string, rowKey: string, row: object, delivery?: string): Promise<boolean> {
    const partitionKey = partition(year);
    const actions: TransactionAction[] = [['create', { partitionKey, rowKey, ...row }]];
    if (delivery)
      actions.push(['create', { partitionKey, rowKey: `${DELIVERY}${hashed(delivery)}`, recorded: rowKey }]);
    try {
      await guardStore(() => this.table.submitTransaction(actions));
      return true;
    } catch (error) {
      if (statusCodeOf(error) === 409) return false;
      throw error;
    }
  }

  private async deliveredRow(year: string, delivery?: string): Promise<string | undefined> {
    if (!delivery) return undefined;
    return (await this.read(year, `${DELIVERY}${hashed(delivery)}`, yearlyDeliveryRow))?.recorded;
  }

  private async read<T extends z.ZodTypeAny>(
    year: string,
    rowKey: string,
    schema: T,
  ): Promise<z.infer<T> | undefined> {
    const row = await getOrUndefined(this.table, partition(year), rowKey);
    return row && readRow(schema, row);
  }

  private rows<T>(year: string, prefix: string, read: (row: object) => T): Promise<T[]> {
    const partitionKey = partition(year);
    // Keys that start with `prefix`: from it up to the same prefix with its last character's successor.
    const end = `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;
    return guardStore(async () => {
      const found: T[] = [];
      const entities = this.table.listEntities({
        queryOptions: {
          filter: odata`PartitionKey eq ${partitionKey} and RowKey ge ${prefix} and RowKey lt ${end}`,
        },
      });
      for await (const row of entities) found.push(read(row));
      return found;
    });
  }
}

function partition(year: string): string {
  return `${YEARLY_PARTITION_PREFIX}${year}`;
}
