import type { PlanAction } from '../../plan/plan-schema';
import type { StoredStatus } from '../action-status';
import { loginKey, type Person } from '../person';
import { refuse, write, type Decision } from './decision';

export interface OwnerAssignmentRequest {
  actionId: string;
  ownerEmail: string;
  /** Their display name, when Teams has told us it. */
  ownerName?: string;
  ownerTeamsUserId?: string;
  /** Their Entra object id, when the bot has met them. */
  ownerAadObjectId?: string;
  by: Person;
  delivery?: string;
  /** The caller checked `by` is the business manager (ESCALATE_TO) and the action is escalated. */
  asBusinessManager?: boolean;
}

export type OwnerAssignmentOutcome =
  | { kind: 'assigned'; action: PlanAction; previousOwnerEmail?: string; current: StoredStatus }
  | { kind: 'unchanged'; action: PlanAction; current: StoredStatus }
  | { kind: 'unknownAction'; actionId: string }
  | { kind: 'notAllowed' }
  | { kind: 'busy' };

/** A new owner for the action (the caller has checked the assigner is a board admin). */
export function decideAssign(
  action: PlanAction,
  request: OwnerAssignmentRequest,
  previous: StoredStatus,
  at: string,
): Decision<OwnerAssignmentOutcome> {
  const ownerEmail = loginKey(request.ownerEmail);
  if (previous.ownerEmail === ownerEmail)
    return refuse({ kind: 'unchanged', action, current: previous }, true);
  return write(
    { kind: 'owner', ownerEmail, previousOwnerEmail: previous.ownerEmail },
    {
      ownerEmail,
      ownerName: request.ownerName,
      // Silence before escalation counts from here for a new owner (domain/escalation/escalation-rule.ts).
      ownerSince: at,
      ownerTeamsUserId: request.ownerTeamsUserId,
      ownerAadObjectId: request.ownerAadObjectId,
    },
  );
}
