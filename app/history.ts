import { formatCalendarDate, todayIn } from '../domain/board-cycle/calendar-date';
import { periodInstants, readDatePeriod, type DatePeriod } from '../domain/board-cycle/date-period';
import type { Person } from '../domain/person';
import { findAction, findPriority } from '../domain/plan-lookup';
import type { StatusService } from './status-service';
import type { Plan } from '../plan/plan-schema';
import { historyEntryView, historyView, withEscalations } from '../views/action-views';
import type { EscalationLedger, EscalationRecord } from '../domain/escalation/escalation-ports';
import type { EscalationEntry } from '../domain/history-entry';
import type { Answer } from '../views/answer';
import type { Place } from './action-cards';
import { notice } from './notices';
import { noSuchAction } from './refusals';
import type { ViewClock } from './view-clock';
import { plural } from '../domain/wording';
import { sourcesOfEntries } from '../domain/posted-copies';

/** Changes a period answer shows at most: enough for a quarter's board paper, and they fit on one card. */
export const PERIOD_HISTORY_LIMIT = 25;
/** 400 pages of 25: ten thousand changes, more than a decade of a busy plan. */
const MAX_PERIOD_PAGE = 400;

/** "history 5.1 [page N]": every change to an action, newest first. Anyone may read it. */
export class History {
  constructor(
    private readonly plan: Plan,
    private readonly statusService: StatusService,
    private readonly viewClock: ViewClock,
    private readonly escalations?: Pick<EscalationLedger, 'all'>,
  ) {}

  /** `viewer` only decides whether Redact buttons show; history itself needs no identity. */
  async page(viewer: Person, actionId: string, page: number, place: Place): Promise<Answer> {
    const action = findAction(this.plan, actionId);
    if (!action) return noSuchAction(actionId);
    const history = await this.statusService.historyPage(action, page);
    if (!history) {
      const { pages } = (await this.statusService.historyPage(action, 1)) ?? { pages: 1 };
      return notice('default', 'No such page', `The history of ${action.id} has ${plural(pages, 'page')}.`, [
        `history ${action.id}`,
      ]);
    }
    // Redact buttons only where the admin alone sees them: a channel's card is everyone's.
    const canRedact = place === 'personal' && this.statusService.isAdmin(viewer);
    const context = this.viewClock();
    const records = (await this.escalations?.all()) ?? [];
    const events = records.filter((record) => record.actionId === action.id).map(escalationEntry);
    const view = withEscalations(historyView(history, context, { canRedact }), history, events, context);
    return {
      summary: `History of ${action.id}`,
      screen: { card: 'history', view },
      sources: sourcesOfEntries(history.entries),
    };
  }

  /**
   * "history 5.1 since 1 April 2026", "history priority 5 from 1 Jan 2026 to 31 Mar 2026": every change in
   * the period (status, owner, redaction, target, lead), newest first, 25 to a page ("… page 2").
   */
  async inPeriod(scope: { actionId: string } | { priority: number }, typed: string): Promise<Answer> {
    const { now, timeZone } = this.viewClock();
    const { periodText, page } = pageOfPeriod(typed);
    if (page === undefined) {
      return notice('warning', 'Which page?', 'Pages are whole numbers from 1, e.g. page 2.', []);
    }
    const read = readDatePeriod(periodText, { today: todayIn(now, timeZone) });
    if (!read.ok) return notice('warning', 'Which period?', read.problem, []);
    const target = this.scopeOf(scope);
    if (!target)
      return 'actionId' in scope ? noSuchAction(scope.actionId) : noSuchAction(`${scope.priority}`);
    // The newest `page` pages, of which the last is shown: later pages read more, never skip rows.
    const history = await this.statusService.historyInPeriod(
      target.actionIds,
      periodInstants(read.period, timeZone),
      PERIOD_HISTORY_LIMIT * page,
    );
    const pages = Math.max(1, Math.ceil(history.total / PERIOD_HISTORY_LIMIT));
    const words = periodWords(read.period);
    if (page > pages) {
      return notice(
        'default',
        'No such page',
        `The changes to ${target.name} ${words} fill ${plural(pages, 'page')}.`,
        [`history ${target.id} ${periodText}`],
      );
    }
    const entries = history.entries.slice((page - 1) * PERIOD_HISTORY_LIMIT);
    const pageCommand = (n: number) => `history ${target.id} ${periodText} page ${n}`;
    const context = { now, timeZone };
    return {
      summary: `Changes to ${target.name} ${words}`,
      screen: {
        card: 'history',
        view: {
          actionId: target.id,
          actionTitle: target.title,
          entries: entries.map((entry) => ({
            ...historyEntryView(entry, context, { canRedact: false }),
            // Across a priority, say which action each change was to.
            ...(target.actionIds.length > 1 ? { who: `${entry.byName}, on ${entry.actionId}` } : {}),
          })),
          page,
          pages,
          older: Math.max(0, history.total - (page - 1) * PERIOD_HISTORY_LIMIT - entries.length),
          olderCommand: page < pages ? pageCommand(page + 1) : undefined,
          newerCommand: page > 1 ? pageCommand(page - 1) : undefined,
          period: { text: words, total: history.total, scope: target.name, openCommand: target.openCommand },
        },
      },
      sources: sourcesOfEntries(entries),
    };
  }

  private scopeOf(scope: { actionId: string } | { priority: number }) {
    if ('actionId' in scope) {
      const action = findAction(this.plan, scope.actionId);
      return (
        action && {
          id: action.id,
          title: action.title,
          name: action.id,
          actionIds: [action.id],
          openCommand: `show action ${action.id}`,
        }
      );
    }
    const priority = findPriority(this.plan, scope.priority);
    return (
      priority && {
        id: `priority ${priority.number}`,
        title: priority.title,
        name: `priority ${priority.number}`,
        actionIds: priority.actions.map((action) => action.id),
        openCommand: `show priority ${priority.number}`,
      }
    );
  }
}

/** "since 1 April 2026 page 2": the period, and the page asked for (1 when none; undefined when not a page). */
function pageOfPeriod(typed: string): { periodText: string; page: number | undefined } {
  // Bounded before the pattern runs: only the tail can name a page.
  const tail = typed.slice(-24);
  const asked = /\s+(?:page|p) ?(\d{1,7})\s*$/i.exec(tail);
  if (!asked) {
    const bad = /\s+page\b[^]*$/i.exec(tail);
    return bad ? { periodText: '', page: undefined } : { periodText: typed.trim(), page: 1 };
  }
  const page = Number(asked[1]);
  const periodText = typed.slice(0, typed.length - tail.length + asked.index).trim();
  return { periodText, page: page >= 1 && page <= MAX_PERIOD_PAGE ? page : undefined };
}

function periodWords(period: DatePeriod): string {
  const from = formatCalendarDate(period.from);
  return period.to === undefined ? `since ${from}` : `from ${from} to ${formatCalendarDate(period.to)}`;
}

/** An escalation as the action's record shows it: the bot's own event, beside the numbered changes. */
function escalationEntry(record: EscalationRecord): EscalationEntry {
  return {
    kind: 'escalation',
    actionId: record.actionId,
    at: record.at,
    silentSince: record.silentSince,
    ...(record.ownerEmail ? { ownerEmail: record.ownerEmail } : {}),
    told: record.told,
  };
}
