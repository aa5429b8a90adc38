import type { Plan } from '../../plan/plan-schema';
import { findPriority } from '../plan-lookup';
import { commandFamily, incomplete, type ParseReply } from './command-family';
import { missingActionId, notInPlan, priorityRange, withAction } from './plan-references';

export type HistoryCommand =
  | { kind: 'history'; actionId: string; page?: number }
  /** "history 5.1 since 1 April 2026": the period is read by the use case, which knows today. */
  | { kind: 'historyInPeriod'; scope: { actionId: string } | { priority: number }; periodText: string };

const HISTORY = /^(?:show )?history(?: (?:of|for))?(?: action)?(?: (.+))?$/;
const HISTORY_PERIOD = /^(?:(\d+\.\d+)|(?:priority|p) ?(\d+)) ((?:since|from|between) [\s\S]+)$/;

export const history = commandFamily<HistoryCommand>({
  changesRecord: { history: false, historyInPeriod: false },
  parse: ({ simple, plan }) => {
    const history = HISTORY.exec(simple);
    if (!history) return undefined;
    const asked = history[1] ?? '';
    const period = HISTORY_PERIOD.exec(asked);
    if (period) return historyInPeriod(period[1], period[2], period[3], plan);
    return historyPage(asked, plan);
  },
  help: [
    {
      command: 'history 5.1',
      description:
        'Every change to an action, numbered, ten to a page; "history 5.1 page 2" shows older ones.',
      adminOnly: false,
    },
    {
      command: 'history 5.1 since 1 April 2026',
      description:
        'Every change in a period, newest first; also "history priority 5 from 1 Jan 2026 to 31 Mar 2026".',
      adminOnly: false,
    },
  ],
  nearMisses: [{ canonical: 'history', heads: ['history'], keepsArguments: true }],
  menu: [
    {
      title: 'history',
      description:
        'Every change to an action, e.g. history 5.1, or in a period: history 5.1 since 1 April 2026',
      scopes: ['personal', 'team', 'groupChat'],
    },
  ],
});

function historyPage(typed: string, plan: Plan): HistoryCommand | ParseReply {
  const [, asked, page] = /^(\d+\.\d+)(?: (?:page|p) ?([1-9]\d{0,5}))?$/.exec(typed) ?? [];
  const badPage = /^(\d+\.\d+) (?:page|p)\b/.exec(typed);
  if (!asked && badPage) {
    return withAction(badPage[1], plan, (id) =>
      incomplete(`Pages are whole numbers from 1, e.g. history ${id} page 2.`, `history ${id}`),
    );
  }
  if (!asked) return missingActionId('history', plan, typed);
  return withAction(asked, plan, (id): HistoryCommand =>
    page ? { kind: 'history', actionId: id, page: Number(page) } : { kind: 'history', actionId: id },
  );
}

function historyInPeriod(
  actionId: string | undefined,
  priority: string | undefined,
  periodText: string,
  plan: Plan,
): HistoryCommand | ParseReply {
  if (actionId !== undefined) {
    return withAction(actionId, plan, (id): HistoryCommand => ({
      kind: 'historyInPeriod',
      scope: { actionId: id },
      periodText,
    }));
  }
  const found = findPriority(plan, Number(priority));
  if (!found) return notInPlan('priority', priority ?? '', priorityRange(plan));
  return { kind: 'historyInPeriod', scope: { priority: found.number }, periodText };
}
