/** Building an Intl.DateTimeFormat costs ~100x formatting with one (measured), so each is built once. */
const STYLES = {
  /** 23/11/2026: the calendar date, for day counts and ISO weeks. */
  calendarDate: { year: 'numeric', month: 'numeric', day: 'numeric' },
  /** Mon, 23 Nov 2026, 14:05: when something happened, on cards. */
  boardTime: {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  },
  /** 2 Dec 2026: the day something was done, in text that is stored (a redaction). */
  dayMonthYear: { day: 'numeric', month: 'short', year: 'numeric' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formats = new Map<string, Intl.DateTimeFormat>();

export function zonedDateFormat(style: keyof typeof STYLES, timeZone: string): Intl.DateTimeFormat {
  const key = `${style}|${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { ...STYLES[style], timeZone });
    formats.set(key, format);
  }
  return format;
}
