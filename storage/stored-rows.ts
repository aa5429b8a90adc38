import { z } from 'zod';
import { historyEntrySchema } from '../domain/history-entry';
import { RAG_STATUSES } from '../domain/rag-status';

/**
 * The status table's rows as read back: checked, not cast, so a row that another tool or an older
 * version wrote wrongly fails loudly with its key instead of flowing on as a status it is not.
 */
const text = z.string();
const version = z.number().int().min(0);
const rag = z.enum(RAG_STATUSES);

export const currentRow = z.object({
  actionId: text,
  rag,
  note: text.optional(),
  version,
  updatedAt: text.optional(),
  updatedByEmail: text.optional(),
  updatedByName: text.optional(),
  ownerEmail: text.optional(),
  ownerName: text.optional(),
  ownerSince: text.optional(),
  ownerTeamsUserId: text.optional(),
  ownerAadObjectId: text.optional(),
  ragSince: text.optional(),
  impact: text.optional(),
  evidenceUrl: text.optional(),
  correctiveAction: text.optional(),
  targetDate: text.optional(),
  revisedTargetDate: text.optional(),
  leadAgency: text.optional(),
  etag: text.optional(),
});

/** A history row: one of the kinds of change, each with the fields its kind requires. */
export const historyRow = historyEntrySchema;

/** A stored row that does not read as what its table holds. */
export class StoredRowError extends Error {
  constructor(rowKey: unknown, problem: string) {
    super(`stored row ${String(rowKey)} is not valid: ${problem}`);
    this.name = 'StoredRowError';
  }
}

export function readRow<T extends z.ZodTypeAny>(schema: T, row: object & { rowKey?: unknown }): z.infer<T> {
  const parsed = schema.safeParse(row);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoredRowError(row.rowKey, `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

const storedObject = z.record(z.unknown());

/** A JSON object kept in a string column (a conversation reference); throws StoredRowError if it is not one. */
export function readStoredObject(json: string, rowKey: unknown): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new StoredRowError(rowKey, 'not JSON');
  }
  const parsed = storedObject.safeParse(value);
  if (!parsed.success) throw new StoredRowError(rowKey, 'not a JSON object');
  return parsed.data;
}
