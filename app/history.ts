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
   * the period (status, owner, redaction, target, lead), newest first, capped, saying how many more there are.
   */
  async inPeriod(scope: { actionId: string } | { priority: number }, periodText: string): Promise<Answer> {
    const { now, timeZone } = this.viewClock();
    if (/\bpage\s*\d+\s*$/i.test(periodText.slice(-20))) {
      return notice(
        'default',
        'A period has no pages',
        `A period's changes are shown on one card: the newest ${PERIOD_HISTORY_LIMIT}, and a count of the rest. To see older ones, ask for a shorter period.`,
        [],
      );
    }
    const read = readDatePeriod(periodText, { today: todayIn(now, timeZone) });
    if (!read.ok) return notice('warning', 'Which period?', read.problem, []);
    const target = this.scopeOf(scope);
    if (!target)
      return 'actionId' in scope ? noSuchAction(scope.actionId) : noSuchAction(`${scope.priority}`);
    const history = await this.statusService.historyInPeriod(
      target.actionIds,
      periodInstants(read.period, timeZone),
      PERIOD_HISTORY_LIMIT,
    );
    const context = { now, timeZone };
    return {
      summary: `Changes to ${target.name} ${periodWords(read.period)}`,
      screen: {
        card: 'history',
        view: {
          actionId: target.id,
          actionTitle: target.title,
          entries: history.entries.map((entry) => ({
            ...historyEntryView(entry, context, { canRedact: false }),
            // Across a priority, say which action each change was to.
            ...(target.actionIds.length > 1 ? { who: `${entry.byName}, on ${entry.actionId}` } : {}),
          })),
          page: 1,
          pages: 1,
          older: 0,
          period: {
            text: periodWords(read.period),
            total: history.total,
            scope: target.name,
            openCommand: target.openCommand,
          },
        },
      },
      sources: sourcesOfEntries(history.entries),
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
