import { statusOf, type ActionStatus } from '../domain/action-status';
import { actionsLedBy, currentLeads } from '../domain/board-cycle/lead-agency';
import { findAction, priorityOfAction } from '../domain/plan-lookup';
import type { Plan } from '../plan/plan-schema';
import type { AgencyView } from './board-cycle-view-model';
import { actionCycleView, updatedText, type PreviousDigest } from './board-cycle-views';
import { ownerLabel, type ViewContext } from './view-context';

/** Each action's lead agency now: the one set with `lead` wins over the plan file's. */
export function leadsOf(plan: Plan, statuses: ReadonlyMap<string, ActionStatus>): Map<string, string> {
  const assigned = new Map<string, string>();
  for (const [actionId, status] of statuses) {
    if (status.leadAgency !== undefined) assigned.set(actionId, status.leadAgency);
  }
  return currentLeads(plan, assigned);
}

/** The actions an agency leads, in plan order, with status, direction, owner and dates. */
export function agencyView(
  plan: Plan,
  agency: string,
  statuses: ReadonlyMap<string, ActionStatus>,
  previous: PreviousDigest | undefined,
  context: ViewContext,
): AgencyView {
  const actions = actionsLedBy(agency, leadsOf(plan, statuses)).flatMap((actionId) => {
    const action = findAction(plan, actionId);
    if (!action) return [];
    const status = statusOf(statuses, actionId);
    const owner = ownerLabel(status);
    return [
      {
        id: action.id,
        title: action.title,
        priorityNumber: priorityOfAction(plan, action.id)?.number ?? 0,
        rag: status.rag,
        ...(owner ? { owner } : {}),
        updated: updatedText(status, context),
        cycle: actionCycleView(action, status, previous, context),
      },
    ];
  });
  return { agency, actions };
}
