import type { IsoWeek } from './iso-week';
import type { LocalDate } from './local-calendar';

// Fixed rather than Intl: some ICU versions write September as "Sept".
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Week 48, 23–29 Nov 2026", "Week 49, 30 Nov – 6 Dec 2026", "Week 53, 28 Dec 2026 – 3 Jan 2027" */
export function weekLabel(week: IsoWeek): string {
  return `Week ${week.week}, ${dateRange(week.monday, week.sunday)}`;
}

function dateRange(from: LocalDate, to: LocalDate): string {
  if (from.year !== to.year) return `${dayMonthYear(from)} – ${dayMonthYear(to)}`;
  if (from.month !== to.month) return `${from.day} ${MONTHS[from.month - 1]} – ${dayMonthYear(to)}`;
  return `${from.day}–${dayMonthYear(to)}`;
}

function dayMonthYear(date: LocalDate): string {
  return `${date.day} ${MONTHS[date.month - 1]} ${date.year}`;
}
