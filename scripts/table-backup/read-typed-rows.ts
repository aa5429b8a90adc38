import type { TableClient } from '@azure/data-tables';
import { isLosslessNumber, parse, type LosslessNumber } from 'lossless-json';
import { z } from 'zod';
import type { BackupRow, TypedValue } from './backup-format';

const ODATA_TYPE = '@odata.type';
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

const pageSchema = z.object({ value: z.array(z.record(z.unknown())) });

/**
 * Every row of a table with each property's EDM type, read from the service's own JSON. The SDK's typed read
 * (disableTypeConversion) cannot tell a Double of 2.0 from an Int32 of 2 once JSON.parse has made both the
 * number 2; the service writes "2.0", which lossless-json keeps.
 */
export async function* readTypedRows(table: TableClient): AsyncGenerator<BackupRow> {
  let body: string | undefined;
  const pages = table
    .listEntities({
      onResponse: (response) => {
        body = response.bodyAsText ?? undefined;
      },
    })
    .byPage();
  for await (const page of pages) {
    if (body === undefined) throw new Error(`no response text for a page of ${table.tableName}`);
    const raw = pageSchema.parse(parse(body));
    if (raw.value.length !== page.length) {
      throw new Error(
        `a page of ${table.tableName} has ${page.length} rows but its response text ${raw.value.length}`,
      );
    }
    body = undefined;
    for (const entity of raw.value) yield toBackupRow(entity);
  }
}

function toBackupRow(entity: Record<string, unknown>): BackupRow {
  const { PartitionKey, RowKey } = entity;
  if (typeof PartitionKey !== 'string' || typeof RowKey !== 'string') throw new Error('a row without keys');
  const properties: Record<string, TypedValue> = {};
  for (const name of Object.keys(entity).sort()) {
    if (name.includes(ODATA_TYPE) || name.startsWith('odata.')) continue;
    if (name === 'PartitionKey' || name === 'RowKey' || name === 'Timestamp') continue;
    properties[name] = typed(name, entity[name], entity[`${name}${ODATA_TYPE}`]);
  }
  return { partitionKey: PartitionKey, rowKey: RowKey, properties };
}

/** The Table service annotates every type except String, Boolean, Int32 and finite Double. */
function typed(name: string, value: unknown, annotation: unknown): TypedValue {
  if (typeof annotation === 'string') {
    const type = annotation.replace(/^Edm\./, '');
    return { type, value: isLosslessNumber(value) ? value.value : String(value) } as TypedValue;
  }
  if (typeof value === 'string') return { type: 'String', value };
  if (typeof value === 'boolean') return { type: 'Boolean', value: value ? 'true' : 'false' };
  if (isLosslessNumber(value)) return { type: numberType(value), value: value.value };
  throw new Error(`property ${name} has a value of no EDM type: ${JSON.stringify(value)}`);
}

function numberType(number: LosslessNumber): 'Int32' | 'Double' {
  if (!/^-?\d+$/.test(number.value)) return 'Double';
  const integer = Number(number.value);
  return integer >= INT32_MIN && integer <= INT32_MAX ? 'Int32' : 'Double';
}
