import type { BackupRow } from './backup-format';

/**
 * What Azure Table Storage accepts in one entity, from "Understanding the Table service data model"
 * (learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model): keys of at
 * most 1 KiB without / \ # ? or control characters; at most 252 properties besides the three system
 * ones, named like C# identifiers of at most 255 characters; strings and binaries of at most 64 KiB; and
 * 1 MiB in all, counted as that page's formula counts it. Strings are UTF-16 there: two bytes a unit.
 */
const MAX_KEY_BYTES = 1024;
// Control characters are what this rule is about, so the regular expression names them.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_KEY_CHARACTER = /[/\\#?\u0000-\u001f\u007f-\u009f]/;
const MAX_PROPERTIES = 252;
const MAX_PROPERTY_NAME = 255;
const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED_NAMES = new Set(['PartitionKey', 'RowKey', 'Timestamp']);
const MAX_VALUE_BYTES = 64 * 1024;
const MAX_ENTITY_BYTES = 1024 * 1024;

const FIXED_SIZES: Record<string, number> = {
  Boolean: 1,
  Int32: 4,
  Int64: 8,
  Double: 8,
  DateTime: 8,
  Guid: 16,
};

/** Why the service would refuse this row, or undefined. */
export function tableLimitProblem(row: BackupRow): string | undefined {
  for (const [name, key] of [
    ['partitionKey', row.partitionKey],
    ['rowKey', row.rowKey],
  ] as const) {
    if (key.length * 2 > MAX_KEY_BYTES) return `${name} is longer than Table Storage's 1 KiB`;
    if (FORBIDDEN_KEY_CHARACTER.test(key))
      return `${name} holds a character Table Storage does not allow in a key (/ \\ # ? or a control character)`;
  }
  const properties = Object.entries(row.properties);
  if (properties.length > MAX_PROPERTIES) return `more than ${MAX_PROPERTIES} properties`;
  let entityBytes = 4 + (row.partitionKey.length + row.rowKey.length) * 2;
  for (const [name, { type, value }] of properties) {
    if (name.length > MAX_PROPERTY_NAME || !PROPERTY_NAME.test(name) || RESERVED_NAMES.has(name))
      return `property ${JSON.stringify(name.slice(0, 60))} is not a name Table Storage accepts`;
    const valueBytes =
      type === 'String'
        ? value.length * 2
        : type === 'Binary'
          ? Buffer.from(value, 'base64').length
          : FIXED_SIZES[type];
    if ((type === 'String' || type === 'Binary') && valueBytes > MAX_VALUE_BYTES)
      return `property ${name} is ${Math.ceil(valueBytes / 1024)} KiB; Table Storage takes at most 64 KiB`;
    entityBytes += 8 + name.length * 2 + valueBytes + (type === 'String' || type === 'Binary' ? 4 : 0);
  }
  if (entityBytes > MAX_ENTITY_BYTES)
    return `the row is ${Math.ceil(entityBytes / 1024)} KiB; Table Storage takes at most 1 MiB`;
  return undefined;
}
