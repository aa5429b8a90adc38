import { calendarDayIso } from '../views/board-dates';

/** "OSCB board pack 2026-12-02.docx": the as-at day as the board's calendar shows it. */
export function boardPackFileName(asAt: Date, ext: 'docx' | 'xlsx', timeZone: string): string {
  return `OSCB board pack ${calendarDayIso(asAt, timeZone)}.${ext}`;
}
