const ISO_CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether the text is a real calendar date written YYYY-MM-DD ("2027-02-31" is not). Here rather than in the
 * domain because the plan file's schema needs it too, and the domain may import `plan/` but not the reverse.
 */
export function isIsoCalendarDate(text: string): boolean {
  const match = ISO_CALENDAR_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Not Date.UTC, which reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
