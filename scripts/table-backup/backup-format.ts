import type { EdmTypes, TableEntity } from '@azure/data-tables';
import { z } from 'zod';
import { TABLE_NAMES, type TableName } from '../../storage/table-clients';

/**
 * A backup is a folder: one `<table>.jsonl` per table (one row a line) and `backup.json`, written last, naming
 * the tables and their row counts. Every property keeps its EDM type, with its value as the service's text,
 * so Int64, 100-ns DateTimes, Binary, Guid and whole-number Doubles come back exactly. The service-assigned
 * Timestamp and ETag cannot be restored and are not kept: the bot's own times are properties.
 */
export const BACKUP_MANIFEST_FILE = 'backup.json';
export const BACKUP_FORMAT = 'oscb-plan-bot table backup';
export const BACKUP_FORMAT_VERSION = 1;

/** Bad arguments or a bad backup: nothing was written. */
export class BackupRefusedError extends Error {
  constructor(message: string) {
    // One line, for scripts: a quoted value never breaks it.
    super(message.replace(/[\r\n\u2028\u2029]+/g, ' '));
    this.name = 'BackupRefusedError';
  }
}

export const tableFileName = (table: TableName) => `${TABLE_NAMES[table]}.jsonl`;

const INT32 = /^-?\d{1,10}$/;
const INT64 = /^-?\d{1,19}$/;
const DOUBLE = /^(-?(\d+(\.\d+)?([eE][+-]?\d+)?)|NaN|-?Infinity)$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Digits only, within [min, max]: checked in one step, as zod runs refinements even after a failed regex. */
const integerText = (pattern: RegExp, min: bigint, max: bigint, type: string) =>
  z
    .string()
    .refine(
      (text) => pattern.test(text) && BigInt(text) >= min && BigInt(text) <= max,
      `must be an ${type} written in digits`,
    );

const typedValue = z.discriminatedUnion('type', [
  z.object({ type: z.literal('String'), value: z.string() }),
  z.object({ type: z.literal('Boolean'), value: z.enum(['true', 'false']) }),
  z.object({ type: z.literal('Int32'), value: integerText(INT32, -(2n ** 31n), 2n ** 31n - 1n, 'Int32') }),
  z.object({ type: z.literal('Int64'), value: integerText(INT64, -(2n ** 63n), 2n ** 63n - 1n, 'Int64') }),
  z.object({ type: z.literal('Double'), value: z.string().regex(DOUBLE) }),
  z.object({ type: z.literal('DateTime'), value: z.string().regex(DATE_TIME) }),
  z.object({ type: z.literal('Guid'), value: z.string().regex(GUID) }),
  z.object({ type: z.literal('Binary'), value: z.string().regex(BASE64) }),
]);

export type TypedValue = z.infer<typeof typedValue>;

/** One line of a table file. Properties sit apart from the keys, so a property may be called anything. */
export const backupRowSchema = z
  .object({
    partitionKey: z.string(),
    rowKey: z.string(),
    properties: z.record(typedValue),
  })
  .strict();

export type BackupRow = z.infer<typeof backupRowSchema>;

const tableName = z.enum(Object.keys(TABLE_NAMES) as [TableName, ...TableName[]]);

export const backupManifestSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    formatVersion: z.literal(BACKUP_FORMAT_VERSION),
    exportedAt: z.string(),
    /** Where it came from; a restore may go to another prefix. */
    tablePrefix: z.string(),
    tables: z.array(z.object({ table: tableName, file: z.string(), rows: z.number().int().min(0) }).strict()),
  })
  .strict();

export type BackupManifest = z.infer<typeof backupManifestSchema>;

/**
 * The entity to write for a row. Numbers and booleans go as JSON values with their type, as the SDK's Edm
 * objects expect; NaN and ±Infinity can only travel as text.
 */
export function toTableEntity(row: BackupRow): TableEntity {
  const entity: TableEntity = { partitionKey: row.partitionKey, rowKey: row.rowKey };
  for (const [name, { type, value }] of Object.entries(row.properties)) {
    entity[name] = { type, value: writeValue(type, value) };
  }
  return entity;
}

function writeValue(type: EdmTypes, value: string): string | number | boolean {
  switch (type) {
    case 'Boolean':
      return value === 'true';
    case 'Int32':
      return Number(value);
    case 'Double':
      return /^-?\d/.test(value) ? Number(value) : value;
    default:
      return value;
  }
}
