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
  /**
   * The business manager (ESCALATE_TO, not an admin) assigning an escalated action: when it was last
   * escalated. Their right holds only while the escalation stands, checked against the row being replaced.
   */
  escalatedAt?: string;
}

export type OwnerAssignmentOutcome =
  | { kind: 'assigned'; action: PlanAction; previousOwnerEmail?: string; current: StoredStatus }
  | { kind: 'unchanged'; action: PlanAction; current: StoredStatus }
  | { kind: 'unknownAction'; actionId: string }
  | { kind: 'notAllowed' }
  /** The business manager's assignment found an update or a new owner since the escalation. */
  | { kind: 'noLongerEscalated'; action: PlanAction }
  | { kind: 'busy' };

/** A new owner for the action (the caller has checked the assigner is a board admin). */
export function decideAssign(
  action: PlanAction,
  request: OwnerAssignmentRequest,
  previous: StoredStatus,
  at: string,
): Decision<OwnerAssignmentOutcome> {
  if (request.escalatedAt !== undefined && escalationEnded(previous, request.escalatedAt))
    return refuse({ kind: 'noLongerEscalated', action });
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

/** An update, a new owner or completion since the escalation ends it (domain/escalation/escalation-rule.ts). */
function escalationEnded(previous: StoredStatus, escalatedAt: string): boolean {
  const since = Date.parse(escalatedAt);
  return (
    previous.rag === 'complete' ||
    (previous.updatedAt !== undefined && Date.parse(previous.updatedAt) > since) ||
    (previous.ownerSince !== undefined && Date.parse(previous.ownerSince) > since)
  );
}
