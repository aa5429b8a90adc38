import { zonedDateFormat } from '../domain/zoned-date-format';
import type { BoardDay, BoardMoment } from './board-pack-view-model';

/** The calendar day `date` falls on in `timeZone`, as "2026-12-02". */
export function calendarDayIso(date: Date, timeZone: string): string {
  const parts = wallClockParts(date, timeZone);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function boardDay(date: Date, timeZone: string): BoardDay {
  return {
    iso: calendarDayIso(date, timeZone),
    label: zonedDateFormat('dayMonthYear', timeZone).format(date),
  };
}

export function boardMoment(date: Date, timeZone: string): BoardMoment {
  const parts = wallClockParts(date, timeZone);
  return {
    iso: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`,
    label: zonedDateFormat('boardTime', timeZone).format(date),
  };
}

interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClockParts(date: Date, timeZone: string): WallClock {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    wallClockFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
  };
}
