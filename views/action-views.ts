import { statusOf, type ActionStatus, type HistoryEntry } from '../domain/action-status';
import { priorityOfAction } from '../domain/plan-lookup';
import { formatBoardTime, timeAgo, wholeDaysBetween } from '../domain/relative-time';
import type { EscalationEntry } from '../domain/history-entry';
import type { HistoryPage } from '../domain/history-page';
import type { Plan, PlanAction } from '../plan/plan-schema';
import { formatCalendarDate } from '../domain/board-cycle/calendar-date';
import { localDaysBetween } from '../domain/digest/local-calendar';
import { joinWithAnd, plural } from '../domain/wording';
import { leadOf, targetView } from './target-view';
import { actionCycleView, type PreviousDigest } from './board-cycle-views';
import { ownerLabel, statusView, type ViewContext } from './view-context';
import { authorLabel } from './person-label';
import type {
  ActionView,
  HistoryEntryView,
  HistoryView,
  MyActionsView,
  StatusFormView,
  Tone,
} from './view-models';

export interface ActionViewOptions {
  /** Present when the viewer may update: the form to draw. */
  form?: StatusFormView;
  notice?: { tone: Tone; text: string };
  refreshUserIds?: string[];
}

/** What the action card shows besides its own status: the previous digest, for direction of travel. */
export interface ActionCycleContext {
  previous?: PreviousDigest;
}

export function actionView(
  plan: Plan,
  action: PlanAction,
  status: ActionStatus,
  context: ViewContext,
  options: ActionViewOptions = {},
  cycleContext: ActionCycleContext = {},
): ActionView {
  const priority = priorityOfAction(plan, action.id);
  // The card's own target and lead lines say the dates, lead and overdue; the cycle line adds direction
  // of travel and persistence.
  const { travel, persistence } = actionCycleView(action, status, cycleContext.previous, context);
  return {
    id: action.id,
    title: action.title,
    description: action.description,
    priorityNumber: priority?.number ?? 0,
    priorityTitle: priority?.title ?? '',
    owner: ownerLabel(status),
    status: statusView(status, context),
    target: targetView(action, status, context),
    lead: leadOf(action, status),
    cycle: { ...(travel ? { travel } : {}), ...(persistence ? { persistence } : {}) },
    ...options,
  };
}

export function myActionsView(
  plan: Plan,
  ownerName: string,
  /** An address (the actions assigned to it), or the ownership rule for a person (by object id once bound). */
  owner: string | ((status: ActionStatus) => boolean),
  statuses: ReadonlyMap<string, ActionStatus>,
  context: ViewContext,
  options: { withForms: boolean; only?: ReadonlySet<string>; intro?: string } = { withForms: false },
): MyActionsView {
  const owns = typeof owner === 'string' ? (status: ActionStatus) => status.ownerEmail === owner : owner;
  const actions = plan.priorities.flatMap((priority) =>
    priority.actions
      .map((action) => ({ action, status: statusOf(statuses, action.id) }))
      .filter(({ action, status }) => owns(status) && (!options.only || options.only.has(action.id)))
      .map(({ action, status }) => ({
        id: action.id,
        title: action.title,
        owner: ownerLabel(status),
        status: statusView(status, context),
        priorityNumber: priority.number,
        target: targetView(action, status, context),
        ageDays: status.updatedAt ? wholeDaysBetween(new Date(status.updatedAt), context.now) : undefined,
        form: options.withForms
          ? {
              baseVersion: status.version,
              selectedRag: status.rag === 'not_started' ? undefined : status.rag,
              ...formDetails(status),
              submitLabel: `Save ${action.id}`,
            }
          : undefined,
      })),
  );
  return { ownerName, actions, intro: options.intro, list: options.only ? [...options.only] : 'mine' };
}

/** One page of an action's history; admins get a Redact button on each change that still holds a note. */
export function historyView(
  history: HistoryPage,
  context: ViewContext,
  options: { canRedact: boolean },
): HistoryView {
  const { action, page, pages, changes } = history;
  const lastShown = history.entries.at(-1)?.version ?? changes + 1;
  return {
    actionId: action.id,
    actionTitle: action.title,
    page,
    pages,
    older: Math.max(0, lastShown - 1),
    olderCommand: page < pages ? `history ${action.id} page ${page + 1}` : undefined,
    newerCommand: page > 1 ? `history ${action.id} page ${page - 1}` : undefined,
    entries: history.entries.map((entry) => historyEntryView(entry, context, options)),
  };
}

/** An escalation among an action's changes: who was told, and the silence. No change number. */
export function escalationEntryView(event: EscalationEntry, context: ViewContext): HistoryEntryView {
  const at = new Date(event.at);
  const days = localDaysBetween(new Date(event.silentSince), at, context.timeZone);
  return {
    kind: 'escalation',
    when: formatBoardTime(at, context.timeZone),
    ago: timeAgo(at, context.now),
    who: 'OSCB Plan Bot',
    escalation: `Escalated to ${joinWithAnd(event.told.map((person) => person.name))}: ${event.ownerEmail ? 'no update' : 'no owner'} for ${plural(days, 'day')}`,
  };
}

/**
 * A page of changes with the escalations that happened while they did, newest first: those after the
 * page's oldest change (and before its newest, but for the first page), or older still on the last page.
 */
export function withEscalations(
  view: HistoryView,
  page: { entries: readonly HistoryEntry[]; page: number; pages: number },
  events: readonly EscalationEntry[],
  context: ViewContext,
): HistoryView {
  const newest = page.page === 1 ? Infinity : Date.parse(page.entries[0]?.at ?? '');
  const oldest = page.page === page.pages ? -Infinity : Date.parse(page.entries.at(-1)?.at ?? '');
  const shown = events.filter((event) => {
    const at = Date.parse(event.at);
    return at <= newest && at >= oldest;
  });
  if (shown.length === 0) return view;
  const timed = [
    ...view.entries.map((entry, index) => ({ at: Date.parse(page.entries[index]?.at ?? ''), entry })),
    ...shown.map((event) => ({ at: Date.parse(event.at), entry: escalationEntryView(event, context) })),
  ].sort((a, b) => b.at - a.at);
  return { ...view, entries: timed.map(({ entry }) => entry) };
}

/** The details a form starts with: the latest update's, so an owner restates rather than retypes them. */
export function formDetails(
  status: ActionStatus,
): Pick<StatusFormView, 'draftImpact' | 'draftEvidenceLink' | 'draftCorrectiveAction'> {
  return {
    draftImpact: status.impact,
    draftEvidenceLink: status.evidenceUrl,
    draftCorrectiveAction: status.correctiveAction,
  };
}

export function historyEntryView(
  entry: HistoryEntry,
  context: ViewContext,
  options: { canRedact: boolean },
): HistoryEntryView {
  const at = new Date(entry.at);
  const common = {
    number: entry.version,
    when: formatBoardTime(at, context.timeZone),
    ago: timeAgo(at, context.now),
    who: authorLabel(entry.byName, entry.byEmail) ?? entry.byName,
  };
  switch (entry.kind) {
    case 'owner':
      return { ...common, kind: 'owner', newOwner: entry.ownerEmail };
    case 'redaction':
      return { ...common, kind: 'redaction', redactedNumber: entry.redactsVersion, reason: entry.reason };
    case 'target':
      return {
        ...common,
        kind: 'target',
        targetDate: entry.targetDate && formatCalendarDate(entry.targetDate),
        previousTargetDate: entry.previousTargetDate && formatCalendarDate(entry.previousTargetDate),
        reason: entry.reason,
      };
    case 'lead':
      return {
        ...common,
        kind: 'lead',
        leadAgency: entry.leadAgency,
        previousLeadAgency: entry.previousLeadAgency,
      };
    case 'status':
      return {
        ...common,
        kind: 'status',
        from: entry.fromRag,
        to: entry.toRag,
        note: entry.note,
        impact: entry.impact,
        evidenceUrl: entry.evidenceUrl,
        correctiveAction: entry.correctiveAction,
        redactable:
          options.canRedact &&
          !entry.redacted &&
          !!(entry.note || entry.impact || entry.correctiveAction || entry.evidenceUrl),
      };
  }
}
