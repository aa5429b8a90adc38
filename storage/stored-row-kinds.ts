import { z } from 'zod';
import { issuedRow } from './board-pack-ledger';
import { currentRow, historyRow } from './stored-rows';
import { YEARLY_PARTITION_PREFIX, yearlyRowSchema } from './yearly-report-ledger';
import type { TableName } from './table-clients';

/**
 * Which schema a row of the bot's own tables is read with, by its table and keys, so that what an import
 * writes is checked exactly as the bot will read it. A schema here for a row the repositories still
 * cast is its shape as they write it (the repositories move onto the same schemas in stored-rows.ts).
 */
const text = z.string();
const deliveryRow = z.object({ actionId: text, version: z.number().int().min(0) });
const personRow = z.object({
  email: text,
  name: text,
  teamsUserId: text,
  aadObjectId: text.optional(),
  personalConversation: text.optional(),
  lastSeenAt: text,
});
const loginRow = z.object({ login: text, aadObjectId: text, boundAt: text });
const teamRow = z.object({
  teamId: text,
  name: text.optional(),
  conversationId: text,
  installedAt: text,
  installedBy: text.optional(),
});
const boardChannelRow = z.object({
  conversationId: text,
  reference: text,
  active: z.boolean(),
  setAt: text,
  setBy: text,
  inactiveReason: text.optional(),
  inactiveAt: text.optional(),
});
const digestRow = z.object({
  state: z.enum(['claimed', 'posted']),
  channelId: text.optional(),
  claimant: text.optional(),
  claimedAt: text.optional(),
  leaseUntil: text.optional(),
  week: text.optional(),
  postedAt: text.optional(),
  conversationId: text.optional(),
  activityId: text.optional(),
  snapshot: text.optional(),
  card: text.optional(),
  reference: text.optional(),
});
const stampRow = z.object({ at: text });
/** The show cards' baseline and the exception report's weekly record (storage/board-state.ts). */
const baselineRow = z.object({ postedAt: text, snapshot: text });
const weeklyRow = baselineRow.extend({ amberRuns: text });
/** The escalations the weekly job raised: when tracking began, and a JSON property per action (esc_5_1). */
const escalatedRow = z
  .object({ planStart: text })
  .catchall(z.unknown())
  .superRefine((row, context) => {
    for (const [name, value] of Object.entries(row))
      if (name.startsWith('esc_') && typeof value !== 'string')
        context.addIssue({ code: z.ZodIssueCode.custom, message: `${name} is not text` });
  });

export type RowKind = { schema: z.ZodTypeAny } | { unknown: string };

/** The schema for one row; `unknown` for a key this version never writes in a table whose keys it knows. */
export function storedRowKind(table: TableName, partitionKey: string, rowKey: string): RowKind | undefined {
  switch (table) {
    case 'planStatus':
      if (rowKey.startsWith('cur|')) return { schema: currentRow };
      if (rowKey.startsWith('hist|')) return { schema: historyRow };
      if (rowKey.startsWith('act|')) return { schema: deliveryRow };
      if (rowKey === 'cur}digest') return { schema: baselineRow };
      if (rowKey === 'cur}weekly') return { schema: weeklyRow };
      if (rowKey === 'cur}escalated') return { schema: escalatedRow };
      return { unknown: 'a status row key is cur|, hist|, act|, cur}digest, cur}weekly or cur}escalated' };
    case 'people':
      if (partitionKey === 'person') return { schema: personRow };
      if (partitionKey === 'login') return { schema: loginRow };
      return undefined;
    case 'conversations':
      if (partitionKey === 'team') return { schema: teamRow };
      if (partitionKey === 'board' && rowKey === 'channel') return { schema: boardChannelRow };
      return undefined;
    case 'digests':
      if (partitionKey === 'notices') return { schema: stampRow };
      if (rowKey.startsWith('week|')) return { schema: digestRow };
      return undefined;
    case 'reminders':
      return partitionKey === 'reminder' ? { schema: stampRow } : undefined;
    case 'boardPacks':
      if (partitionKey.startsWith(YEARLY_PARTITION_PREFIX)) {
        const schema = yearlyRowSchema(rowKey);
        return schema
          ? { schema }
          : { unknown: 'a yearly report row key is signoff|, comment|, delivery| or notice|' };
      }
      return partitionKey === 'issued' ? { schema: issuedRow } : undefined;
  }
}
