import type { PlanAction } from '../../plan/plan-schema';
import type { ActionStatus, StoredStatus } from '../action-status';
import type { ChangeOf } from '../history-entry';
import { answersTo, type Person } from '../person';
import { findPersonalData } from '../personal-data';
import { parseRagWord, validateStatusUpdate, type RagStatus } from '../rag-status';
import { readUpdateDetails, type TypedUpdateDetails, type UpdateDetails } from '../update-details';
import { mayUpdate, refuse, withoutEtag, write, type Decision, type Rights } from './decision';

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
  /** The Teams delivery (conversation and activity id) this came in: a redelivery applies once. */
  delivery?: string;
  /**
   * The form's impact, evidence link and corrective action: the form states all three, blank meaning none.
   * Absent for a typed update, which keeps the impact and evidence and, on red, has its note serve as the
   * corrective action.
   */
  details?: TypedUpdateDetails;
}

export type StatusUpdateOutcome =
  | { kind: 'saved'; action: PlanAction; previous: ActionStatus; current: StoredStatus }
  | { kind: 'unknownAction'; actionId: string }
  | { kind: 'invalid'; problem: string; current: StoredStatus }
  | { kind: 'noIdentity' }
  | { kind: 'notAllowed'; current: StoredStatus }
  | {
      kind: 'checkPersonalData';
      findings: string[];
      rag: RagStatus;
      note: string;
      /** The details as they would be stored, for the "store as written" button. */
      details: UpdateDetails;
      current: StoredStatus;
    }
  | { kind: 'changedSinceForm'; rag: RagStatus; note: string; current: StoredStatus }
  | { kind: 'busy' };

/** An update read and checked before the action is locked: what it would store. */
export interface ReadUpdate {
  kind: 'read';
  rag: RagStatus;
  note: string;
  details: UpdateDetails;
  /** A form states its details in full; a typed update keeps the impact and evidence it did not restate. */
  detailsStated: boolean;
}

/** Refusals found before any read of the record; the caller adds the current status the answer shows. */
export type EarlyRefusal =
  | { kind: 'invalid'; problem: string }
  | { kind: 'noIdentity' }
  | Omit<Extract<StatusUpdateOutcome, { kind: 'checkPersonalData' }>, 'current'>;

const FORM_NOT_FROM_RECORD =
  "This form does not match the action's record, so nothing was saved. Please open the action again.";

/** The status word, note and details as they would be stored, or why nothing can be. */
export function readStatusUpdate(request: StatusUpdateRequest, now: Date): ReadUpdate | EarlyRefusal {
  const rag = parseRagWord(request.ragWord);
  if (!rag) return { kind: 'invalid', problem: unknownRagProblem(request.ragWord) };
  const checked = validateStatusUpdate({ rag, note: request.note });
  if (!checked.ok) return { kind: 'invalid', problem: checked.problem };
  if (!request.by.email) return { kind: 'noIdentity' };
  const note = checked.note;
  // A typed update states no details: on red its note is the corrective action.
  const read = readUpdateDetails(
    rag,
    request.details ?? { correctiveAction: rag === 'red' ? note : undefined },
  );
  if (!read.ok) return { kind: 'invalid', problem: read.problem };
  const details = read.details;
  if (!request.confirmPersonalData) {
    const texts = [note, details.impact, details.evidenceUrl, details.correctiveAction];
    const findings = findPersonalDataIn(texts, now);
    if (findings.length > 0) return { kind: 'checkPersonalData', findings, rag, note, details };
  }
  return { kind: 'read', rag, note, details, detailsStated: request.details !== undefined };
}

/** The update on the action's fresh status: who may, whether the form is still current, what it moves. */
export function decideUpdate(
  rights: Rights,
  request: Pick<StatusUpdateRequest, 'by' | 'baseVersion'>,
  update: ReadUpdate,
  previous: StoredStatus,
  at: string,
): Decision<StatusUpdateOutcome> {
  const { rag, note, details } = update;
  if (!mayUpdate(rights, request.by, previous)) return refuse({ kind: 'notAllowed', current: previous });
  // A form drawn from a version the record never reached was not drawn by this bot.
  if (request.baseVersion !== undefined && request.baseVersion > previous.version) {
    return refuse({ kind: 'invalid', problem: FORM_NOT_FROM_RECORD, current: previous });
  }
  if (request.baseVersion !== undefined && request.baseVersion !== previous.version) {
    return refuse({ kind: 'changedSinceForm', rag, note, current: previous }, true);
  }
  const kept = update.detailsStated
    ? { impact: details.impact, evidenceUrl: details.evidenceUrl }
    : { impact: previous.impact, evidenceUrl: previous.evidenceUrl };
  return write(
    { kind: 'status', note: note || undefined, ...details },
    {
      rag,
      note: note || undefined,
      updatedAt: at,
      updatedByEmail: request.by.email,
      updatedByName: request.by.name,
      ownerAadObjectId: previous.ownerAadObjectId ?? ownerObjectIdOf(request.by, previous),
      ragSince: rag !== previous.rag ? at : previous.ragSince,
      ...kept,
      correctiveAction: details.correctiveAction,
    },
  );
}

/** The answer the first delivery of an update got, rebuilt from the change it made and the status now. */
export function replayedUpdate(
  action: PlanAction,
  made: ChangeOf<'status'>,
  now: StoredStatus,
): StatusUpdateOutcome {
  return {
    kind: 'saved',
    action,
    previous: { ...withoutEtag(now), rag: made.fromRag },
    current: statusAfter(made, now),
  };
}

/** The action's status just after `change`, for answering a redelivery the way the first was answered. */
function statusAfter(change: ChangeOf<'status'>, now: StoredStatus): StoredStatus {
  if (now.version === change.version) return now;
  return {
    ...withoutEtag(now),
    rag: change.toRag,
    note: change.note,
    version: change.version,
    updatedAt: change.at,
    updatedByEmail: change.byEmail,
    updatedByName: change.byName,
  };
}

/** Every finding in any of the texts, each once, in the order the check reports them. */
function findPersonalDataIn(texts: readonly (string | undefined)[], now: Date): string[] {
  const found = texts.flatMap((text) => (text ? findPersonalData(text, now) : []));
  return [...new Set(found)];
}

/** The owner's object id is learnt the first time the owner, by sign-in name, updates the action. */
function ownerObjectIdOf(person: Person, status: ActionStatus): string | undefined {
  return answersTo(person, status.ownerEmail) ? person.aadObjectId : undefined;
}

function unknownRagProblem(word: string): string {
  return `"${word}" is not a status I know. Use red, amber, green or complete.`;
}
