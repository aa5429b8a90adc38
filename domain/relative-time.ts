import { plural } from './wording';
import { zonedDateFormat } from './zoned-date-format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 minutes ago", "3 hours ago", "yesterday", "12 days ago". */
export function timeAgo(then: Date, now: Date): string {
  const elapsed = Math.max(0, now.getTime() - then.getTime());
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${plural(Math.floor(elapsed / MINUTE), 'minute')} ago`;
  if (elapsed < DAY) return `${plural(Math.floor(elapsed / HOUR), 'hour')} ago`;
  const days = Math.floor(elapsed / DAY);
  return days === 1 ? 'yesterday' : `${plural(days, 'day')} ago`;
}

export function wholeDaysBetween(then: Date, now: Date): number {
  return Math.floor(Math.max(0, now.getTime() - then.getTime()) / DAY);
}

/** "Mon, 23 Nov 2026, 14:05" in the board's time zone. */
export function formatBoardTime(at: Date, timeZone: string): string {
  return zonedDateFormat('boardTime', timeZone).format(at).replace(' at ', ', ');
}
