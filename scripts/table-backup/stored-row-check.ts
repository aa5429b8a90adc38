import type { TableName } from '../../storage/table-clients';
import { storedRowKind } from '../../storage/stored-row-kinds';
import type { BackupRow } from './backup-format';

/**
 * Why the bot could not read this row once imported, or undefined. The row is given to the schema as
 * the Azure SDK hands an entity to the repositories: String, Boolean, Int32 and Double as plain values,
 * the other types as objects, which no field of the bot's rows is.
 */
export function storedRowProblem(table: TableName, row: BackupRow): string | undefined {
  const kind = storedRowKind(table, row.partitionKey, row.rowKey);
  if (!kind) return undefined;
  if ('unknown' in kind) return `not a row this version of the bot writes: ${kind.unknown}`;
  const entity: Record<string, unknown> = { partitionKey: row.partitionKey, rowKey: row.rowKey };
  for (const [name, { type, value }] of Object.entries(row.properties)) {
    entity[name] =
      type === 'String'
        ? value
        : type === 'Boolean'
          ? value === 'true'
          : type === 'Int32' || type === 'Double'
            ? Number(value)
            : { type, value };
  }
  const parsed = kind.schema.safeParse(entity);
  if (parsed.success) return undefined;
  return parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'row'} ${issue.message}`)
    .join('; ');
}
