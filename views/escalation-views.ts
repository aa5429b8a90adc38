import type { ActionStatus } from '../domain/action-status';
import { formatCalendarDate, todayIn } from '../domain/board-cycle/calendar-date';
import type { ReminderCount } from '../domain/digest-ports';
import { plural } from '../domain/wording';
import type { PlanAction } from '../plan/plan-schema';
import { overdueText, targetDates, targetText } from './board-cycle-views';
import type { ViewContext } from './view-context';
import type { Tone } from './view-models';

/** One escalated action, as the business manager's card and `show escalations` list it. */
export interface EscalatedActionView {
  actionId: string;
  title: string;
  /** "Olive Owner", or "no owner". */
  owner: string;
  /** "no update for 45 days", or "no owner for 30 days". */
  silence: string;
  /** "3 reminders sent, the last on 30 November 2026"; "no reminder sent: no owner". */
  reminders: string;
  /** "target 31 March 2027", "overdue by 12 days (target 31 March 2027)", "no target date". */
  target: string;
  /** "escalated since 7 December 2026 to Beth Manager": on `show escalations`. */
  since?: string;
}

export interface EscalationsView {
  title: string;
  intro: string;
  rows: EscalatedActionView[];
  /** Each row offers a form to assign the action (the card sent to those told). */
  assignForms: boolean;
  /** After "and 3 more actions:" when not every row fits; by default, say "show escalations". */
  seeEvery?: string;
  /** The outcome of an assignment made from this card. */
  message?: { tone: Tone; text: string };
}

/** What a row is drawn from. */
export interface EscalatedActionFacts {
  action: PlanAction;
  status: ActionStatus;
  silentSince: string;
  silentDays: number;
  reminders?: ReminderCount;
  /** On `show escalations`: the first day it was raised in this silence, and who has been told. */
  escalatedSince?: string;
  told?: string;
}

export function escalatedActionView(facts: EscalatedActionFacts, context: ViewContext): EscalatedActionView {
  const { action, status } = facts;
  const owner = status.ownerEmail ? (status.ownerName ?? status.ownerEmail) : undefined;
  const dates = targetDates(status, action.due);
  const overdue = overdueText(status.rag, dates, context);
  const target = targetText(dates);
  return {
    actionId: action.id,
    title: action.title,
    owner: owner ?? 'no owner',
    silence: `${owner ? 'no update' : 'no owner'} for ${plural(facts.silentDays, 'day')}`,
    reminders: remindersText(owner, facts.reminders, context),
    target: overdue ? `${overdue} (target ${target})` : target ? `target ${target}` : 'no target date',
    ...(facts.escalatedSince
      ? {
          since: `escalated since ${formatCalendarDate(todayIn(new Date(facts.escalatedSince), context.timeZone))}${facts.told ? ` to ${facts.told}` : ''}`,
        }
      : {}),
  };
}

function remindersText(
  owner: string | undefined,
  reminders: ReminderCount | undefined,
  context: ViewContext,
) {
  if (!owner) return 'no reminder sent: no owner';
  if (!reminders) return 'no reminder sent';
  const last = formatCalendarDate(todayIn(new Date(reminders.lastAt), context.timeZone));
  return reminders.count === 1
    ? `1 reminder sent, on ${last}`
    : `${reminders.count} reminders sent, the last on ${last}`;
}
