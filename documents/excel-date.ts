const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

/**
 * A workbook date for a view's local ISO date or date-time. Excel dates have no time zone and the writer
 * counts from UTC, so the board's wall-clock reading is stored as that moment in UTC.
 */
export function excelDate(localIso: string): Date {
  const match = LOCAL_ISO.exec(localIso);
  if (!match) throw new RangeError(`not a local ISO date or date-time: "${localIso}"`);
  const [, year, month, day, hour = '0', minute = '0'] = match;
  return new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute)));
}
