import type { Plan, PlanAction } from '../plan/plan-schema';
import {
  initialStatus,
  type ActionStatus,
  type HistoryEntry,
  type StatusStore,
  type StoredStatus,
} from './action-status';
import { answersTo, isBoardAdmin, loginKey, type Person } from './person';
import { findPersonalData } from './personal-data';
import { parseRagWord, validateStatusUpdate, type RagStatus } from './rag-status';
import { findAction } from './plan-lookup';

export interface StatusUpdateRequest {
  actionId: string;
  /** What the person typed or chose: "amber", "Complete", ... */
  ragWord: string;
  note: string;
  by: Person;
  /** The version the person's form was drawn from; absent for a typed update. */
  baseVersion?: number;
  /** The person has seen the personal-data warning and wants the note stored as written. */
  confirmPersonalData?: boolean;
}

export type StatusUpdateOutcome =
  | { kind: 'saved'; action: PlanAction; previous: ActionStatus; current: StoredStatus }
  | { kind: 'unknownAction'; actionId: string }
  | { kind: 'invalid'; problem: string; current: StoredStatus }
  | { kind: 'noIdentity' }
  | { kind: 'notAllowed'; current: StoredStatus }
  | { kind: 'checkPersonalData'; findings: string[]; rag: RagStatus; note: string; current: StoredStatus }
  | { kind: 'changedSinceForm'; rag: RagStatus; note: string; current: StoredStatus }
  | { kind: 'busy' };

export interface OwnerAssignmentRequest {
  actionId: string;
  ownerEmail: string;
  /** Their display name, when Teams has told us it. */
  ownerName?: string;
  ownerTeamsUserId?: string;
  /** Their Entra object id, when the bot has met them. */
  ownerAadObjectId?: string;
  by: Person;
}

export type OwnerAssignmentOutcome =
  | { kind: 'assigned'; action: PlanAction; previousOwnerEmail?: string; current: StoredStatus }
  | { kind: 'unchanged'; action: PlanAction; current: StoredStatus }
  | { kind: 'unknownAction'; actionId: string }
  | { kind: 'notAllowed' }
  | { kind: 'busy' };

/** How often a typed update is re-applied on a fresh read when someone else wrote first. */
const ATTEMPTS = 4;

/**
 * Status updates and owner assignments: who may change what, the rules for a note, and the guarantee
 * that every change lands in history exactly once (or the person is told to retry).
 */
export class StatusService {
  constructor(
    private readonly plan: Plan,
    private readonly store: StatusStore,
    private readonly boardAdmins: readonly string[],
    private readonly clock: () => Date,
  ) {}

  isAdmin(person: Person): boolean {
    return isBoardAdmin(person, this.boardAdmins);
  }

  mayUpdate(person: Person, status: ActionStatus): boolean {
    if (!person.email) return false;
    return this.isAdmin(person) || this.isOwner(person, status);
  }

  /**
   * Once the owner's object id is known, the owner is that Entra account (a renamed owner keeps the
   * action, another account with their old name gets nothing); until then, whoever signs in with the
   * assigned address.
   */
  isOwner(person: Person, status: ActionStatus): boolean {
    if (status.ownerEmail === undefined) return false;
    if (status.ownerAadObjectId !== undefined) return person.aadObjectId === status.ownerAadObjectId;
    return answersTo(person, status.ownerEmail);
  }

  async currentStatuses(): Promise<Map<string, StoredStatus>> {
    return this.store.readAll();
  }

  async currentStatus(actionId: string): Promise<StoredStatus> {
    return (await this.store.read(actionId)) ?? initialStatus(actionId);
  }

  async history(actionId: string, limit: number): Promise<HistoryEntry[]> {
    return this.store.readHistory(actionId, limit);
  }

  async updateStatus(request: StatusUpdateRequest): Promise<StatusUpdateOutcome> {
    const action = findAction(this.plan, request.actionId);
    if (!action) return { kind: 'unknownAction', actionId: request.actionId };

    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const previous = await this.currentStatus(action.id);
      const rag = parseRagWord(request.ragWord);
      const checked = rag
        ? validateStatusUpdate({ rag, note: request.note })
        : ({ ok: false, problem: unknownRagProblem(request.ragWord) } as const);
      if (!checked.ok || !rag)
        return { kind: 'invalid', problem: checked.ok ? '' : checked.problem, current: previous };
      if (!request.by.email) return { kind: 'noIdentity' };
      if (!this.mayUpdate(request.by, previous)) return { kind: 'notAllowed', current: previous };
      if (request.baseVersion !== undefined && request.baseVersion !== previous.version) {
        return { kind: 'changedSinceForm', rag, note: checked.note, current: previous };
      }
      if (!request.confirmPersonalData) {
        const findings = findPersonalData(checked.note, this.clock());
        if (findings.length > 0)
          return { kind: 'checkPersonalData', findings, rag, note: checked.note, current: previous };
      }

      const at = this.clock().toISOString();
      const version = previous.version + 1;
      const next: ActionStatus = {
        ...withoutEtag(previous),
        rag,
        note: checked.note || undefined,
        version,
        updatedAt: at,
        updatedByEmail: request.by.email,
        updatedByName: request.by.name,
        ownerAadObjectId: previous.ownerAadObjectId ?? ownerObjectIdOf(request.by, previous),
      };
      const entry: HistoryEntry = {
        actionId: action.id,
        version,
        kind: 'status',
        at,
        byEmail: request.by.email,
        byName: request.by.name,
        fromRag: previous.rag,
        toRag: rag,
        note: checked.note || undefined,
      };
      if ((await this.store.append(previous, next, entry)) === 'saved') {
        return { kind: 'saved', action, previous: withoutEtag(previous), current: next };
      }
      // Someone else wrote first. A form's submit was based on what they saw, so ask them again; a typed
      // update states the whole intent, so re-apply it on the fresh status.
      if (request.baseVersion !== undefined) {
        const current = await this.currentStatus(action.id);
        return { kind: 'changedSinceForm', rag, note: checked.note, current };
      }
    }
    return { kind: 'busy' };
  }

  async assignOwner(request: OwnerAssignmentRequest): Promise<OwnerAssignmentOutcome> {
    const action = findAction(this.plan, request.actionId);
    if (!action) return { kind: 'unknownAction', actionId: request.actionId };
    if (!request.by.email || !this.isAdmin(request.by)) return { kind: 'notAllowed' };
    const ownerEmail = loginKey(request.ownerEmail);

    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const previous = await this.currentStatus(action.id);
      if (previous.ownerEmail === ownerEmail) return { kind: 'unchanged', action, current: previous };
      const at = this.clock().toISOString();
      const version = previous.version + 1;
      const next: ActionStatus = {
        ...withoutEtag(previous),
        version,
        ownerEmail,
        ownerName: request.ownerName,
        ownerTeamsUserId: request.ownerTeamsUserId,
        ownerAadObjectId: request.ownerAadObjectId,
      };
      const entry: HistoryEntry = {
        actionId: action.id,
        version,
        kind: 'owner',
        at,
        byEmail: request.by.email,
        byName: request.by.name,
        fromRag: previous.rag,
        toRag: previous.rag,
        ownerEmail,
        previousOwnerEmail: previous.ownerEmail,
      };
      if ((await this.store.append(previous, next, entry)) === 'saved') {
        return { kind: 'assigned', action, previousOwnerEmail: previous.ownerEmail, current: next };
      }
    }
    return { kind: 'busy' };
  }
}

/** The owner's object id is learnt the first time the owner, by sign-in name, updates the action. */
function ownerObjectIdOf(person: Person, status: ActionStatus): string | undefined {
  return answersTo(person, status.ownerEmail) ? person.aadObjectId : undefined;
}

function withoutEtag(status: StoredStatus): ActionStatus {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { etag, ...rest } = status;
  return rest;
}

function unknownRagProblem(word: string): string {
  return `"${word}" is not a status I know. Use red, amber, green or complete.`;
}
