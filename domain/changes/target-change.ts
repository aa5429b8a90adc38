import type { PlanAction } from '../../plan/plan-schema';
import type { StoredStatus } from '../action-status';
import type { IsoDate } from '../board-cycle/calendar-date';
import type { ChangeOf } from '../history-entry';
import type { Person } from '../person';
import { decideTarget, leadUnchanged } from '../target-and-lead';
import { mayUpdate, refuse, write, type Decision, type Rights } from './decision';

export interface TargetRequest {
  actionId: string;
  /** As typed after the action id: "31 March 2027", "2027-03-31", "31/03/2027". */
  dateText: string;
  reason?: string;
  by: Person;
  delivery?: string;
}

export interface LeadRequest {
  actionId: string;
  agency: string;
  by: Person;
  delivery?: string;
}

/** The answer to a target date or a lead agency: the same shapes, so one answer draws both. */
export type FactOutcome<K extends 'target' | 'lead'> =
  | { kind: 'set'; action: PlanAction; change: ChangeOf<K>; current: StoredStatus }
  | { kind: 'unchanged'; action: PlanAction; current: StoredStatus }
  | { kind: 'unknownAction'; actionId: string }
  | { kind: 'notAllowed' }
  | { kind: 'invalid'; problem: string }
  | { kind: 'busy' };

export type TargetOutcome = FactOutcome<'target'>;
export type LeadOutcome = FactOutcome<'lead'>;

/**
 * "due 5.1 31 March 2027 [because …]" by the owner or an admin. The first target is kept for ever; later
 * ones are revisions beside it, each a 'target' change with the old and new dates.
 */
export function decideTargetChange(
  rights: Rights,
  action: PlanAction,
  by: Person,
  target: { date: IsoDate; reason?: string },
  previous: StoredStatus,
): Decision<TargetOutcome> {
  if (!mayUpdate(rights, by, previous)) return refuse({ kind: 'notAllowed' });
  const decision = decideTarget(previous, action.due, target.date);
  if (decision.kind === 'unchanged') return refuse({ kind: 'unchanged', action, current: previous }, true);
  return write(
    {
      kind: 'target',
      targetDate: target.date,
      previousTargetDate: decision.previousTarget,
      reason: target.reason,
    },
    decision.fields,
  );
}

/** "lead 5.1 Thames Valley Police" by an admin; the plan file's lead is the default. */
export function decideLead(
  action: PlanAction,
  agency: string,
  previous: StoredStatus,
): Decision<LeadOutcome> {
  if (leadUnchanged(previous, action.lead, agency)) {
    return refuse({ kind: 'unchanged', action, current: previous }, true);
  }
  return write(
    { kind: 'lead', leadAgency: agency, previousLeadAgency: previous.leadAgency ?? action.lead },
    { leadAgency: agency },
  );
}
