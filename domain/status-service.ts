import type { Plan, PlanAction } from '../plan/plan-schema';
import {
  initialStatus,
  type AppendOptions,
  type ActionStatus,
  type HistoryEntry,
  type StatusStore,
  type StoredHistoryEntry,
  type StoredStatus,
} from './action-status';
import { ActionWrites, WriteConflict } from './action-writes';
import { answersTo, isBoardAdmin, loginKey, type Person } from './person';
import { findPersonalData } from './personal-data';
import { parseRagWord, validateStatusUpdate, type RagStatus } from './rag-status';
import { findAction } from './plan-lookup';
import { checkRedactionReason, redactedNoteText } from './redaction';
import { readTypedDate, todayIn } from './board-cycle/calendar-date';
import { readLeadAgency } from './board-cycle/lead-agency';
import { decideTarget, leadUnchanged, personalDataProblem, readTargetReason } from './target-and-lead';
import { readUpdateDetails, type TypedUpdateDetails, type UpdateDetails } from './update-details';
import {
  currentLeadRedacted,
  laterCopiesRedacted,
  redactedWordsOf,
  typedTextsOf,
  withTypedTextsRedacted,
} from './redactable-texts';

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
}

export type OwnerAssignmentOutcome =
  | { kind: 'assigned'; action: PlanAction; previousOwnerEmail?: string; current: StoredStatus }
  | { kind: 'unchanged'; action: PlanAction; current: StoredStatus }
  | { kind: 'unknownAction'; actionId: string }
  | { kind: 'notAllowed' }
  | { kind: 'busy' };

export interface RedactionRequest {
  actionId: string;
  /** The change whose note goes: its number in the history. */
  version: number;
  reason: string;
  by: Person;
  delivery?: string;
}

export type RedactionOutcome =
  | {
      kind: 'redacted';
      action: PlanAction;
      /** The audit entry recording the redaction. */
      audit: HistoryEntry;
      /** What the change's note now reads. */
      replacement: string;
      /**
       * The texts taken out, so the caller can remove their copies (posted digests). Never log them.
       * Absent when answering a redelivery: that copy work was done by the first delivery.
       */
      removed?: string[];
      /** When the redacted change was made: with the action, what names it on posted cards. */
      changeAt?: string;
    }
  | { kind: 'unknownAction'; actionId: string }
  | { kind: 'notAllowed' }
  | { kind: 'invalidReason'; problem: string }
  | { kind: 'noSuchChange'; actionId: string; version: number; changes: number }
  | { kind: 'noNote'; actionId: string; version: number }
  /** `at` and `replacement` (what the note reads now) let a caller sweep the copies again. */
  | { kind: 'alreadyRedacted'; actionId: string; version: number; at?: string; replacement?: string }
  | { kind: 'busy' };

/** A redaction that may go ahead: the text it removes (never log it) and what replaces it. */
export interface PreparedRedaction {
  kind: 'ready';
  /** Every text of the change: its note, and a status update's impact, evidence link and corrective action. */
  removed: string[];
  replacement: string;
  at: Date;
}

export interface TargetRequest {
  actionId: string;
  /** As typed after the action id: "31 March 2027", "2027-03-31", "31/03/2027". */
  dateText: string;
  reason?: string;
  by: Person;
  delivery?: string;
}

export type TargetOutcome =
  | { kind: 'set'; action: PlanAction; change: HistoryEntry; current: StoredStatus }
  | { kind: 'unchanged'; action: PlanAction; current: StoredStatus }
  | { kind: 'unknownAction'; actionId: string }
  | { kind: 'notAllowed' }
  | { kind: 'invalid'; problem: string }
  | { kind: 'busy' };

export interface LeadRequest {
  actionId: string;
  agency: string;
  by: Person;
  delivery?: string;
}

export type LeadOutcome = TargetOutcome;

/** Changes in a period, newest first, across one action or a priority's. */
export interface PeriodHistory {
  entries: HistoryEntry[];
  /** How many changes the period holds in all; more than `entries.length` when the answer was capped. */
  total: number;
}

export interface HistoryPage {
  action: PlanAction;
  entries: HistoryEntry[];
  /** How many changes the action has had: the newest is #changes. */
  changes: number;
  page: number;
  pages: number;
}

/** Changes per history card: ten fit on one card even with long notes. */
export const HISTORY_PAGE_SIZE = 10;

const FORM_NOT_FROM_RECORD =
  "This form does not match the action's record, so nothing was saved. Please open the action again.";

/**
 * Status updates, owner assignments and redactions: who may change what, the rules for a note, and the
 * guarantee that every change lands in history exactly once, even when Teams delivers it twice.
 */
export class StatusService {
  private readonly writes = new ActionWrites();
  /**
   * What this process last wrote to each action, with the row's new ETag. The next write to the action
   * starts from it instead of reading: the ETag guard still refuses it if another instance wrote since,
   * and a refusal, or an answer that is not "saved", is decided again on a fresh read.
   */
  private readonly lastWritten = new Map<string, StoredStatus>();

  constructor(
    private readonly plan: Plan,
    private readonly store: StatusStore,
    private readonly boardAdmins: readonly string[],
    private readonly clock: () => Date,
    private readonly timeZone = 'Europe/London',
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
    return isActionOwner(person, status);
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

  /** One page of an action's history, newest first; page 1 is the newest. Undefined past the last page. */
  async historyPage(action: PlanAction, page: number): Promise<HistoryPage | undefined> {
    const { version: changes } = await this.currentStatus(action.id);
    const pages = Math.max(1, Math.ceil(changes / HISTORY_PAGE_SIZE));
    if (page < 1 || page > pages) return undefined;
    const from = changes - (page - 1) * HISTORY_PAGE_SIZE;
    const entries = changes === 0 ? [] : await this.store.readHistory(action.id, HISTORY_PAGE_SIZE, from);
    return { action, entries, changes, page, pages };
  }

  async updateStatus(request: StatusUpdateRequest): Promise<StatusUpdateOutcome> {
    const action = findAction(this.plan, request.actionId);
    if (!action) return { kind: 'unknownAction', actionId: request.actionId };
    const rag = parseRagWord(request.ragWord);
    const checked = rag
      ? validateStatusUpdate({ rag, note: request.note })
      : ({ ok: false, problem: unknownRagProblem(request.ragWord) } as const);
    if (!checked.ok || !rag) {
      const problem = checked.ok ? '' : checked.problem;
      return { kind: 'invalid', problem, current: await this.currentStatus(action.id) };
    }
    if (!request.by.email) return { kind: 'noIdentity' };
    const by = { email: request.by.email, name: request.by.name };
    const note = checked.note;
    // A typed update states no details: on red its note is the corrective action.
    const read = readUpdateDetails(
      rag,
      request.details ?? { correctiveAction: rag === 'red' ? note : undefined },
    );
    if (!read.ok)
      return { kind: 'invalid', problem: read.problem, current: await this.currentStatus(action.id) };
    const details = read.details;
    if (!request.confirmPersonalData) {
      const texts = [note, details.impact, details.evidenceUrl, details.correctiveAction];
      const findings = findPersonalDataIn(texts, this.clock());
      if (findings.length > 0) {
        const current = await this.currentStatus(action.id);
        return { kind: 'checkPersonalData', findings, rag, note, details, current };
      }
    }

    const outcome = await this.writes.serialised(action.id, async (): Promise<StatusUpdateOutcome> => {
      const replay = () => this.replayUpdate(action, request.delivery);
      const refusal = async (previous: StoredStatus): Promise<StatusUpdateOutcome | undefined> => {
        if (!this.mayUpdate(request.by, previous)) return { kind: 'notAllowed', current: previous };
        // A form drawn from a version the record never reached was not drawn by this bot.
        if (request.baseVersion !== undefined && request.baseVersion > previous.version) {
          return { kind: 'invalid', problem: FORM_NOT_FROM_RECORD, current: previous };
        }
        if (request.baseVersion !== undefined && request.baseVersion !== previous.version) {
          return (await replay()) ?? { kind: 'changedSinceForm', rag, note, current: previous };
        }
        return undefined;
      };
      let previous = this.lastWritten.get(action.id) ?? (await this.readForWrite(action.id));
      let refused = await refusal(previous);
      if (refused && this.lastWritten.has(action.id)) {
        previous = await this.readForWrite(action.id);
        refused = await refusal(previous);
      }
      if (refused) return refused;
      const at = this.clock().toISOString();
      const version = previous.version + 1;
      // A typed update keeps the impact and evidence it did not restate; a form restates them.
      const kept = request.details
        ? {
            impact: details.impact,
            evidenceUrl: details.evidenceUrl,
            correctiveAction: details.correctiveAction,
          }
        : {
            impact: previous.impact,
            evidenceUrl: previous.evidenceUrl,
            correctiveAction: details.correctiveAction,
          };
      const next: ActionStatus = {
        ...withoutEtag(previous),
        rag,
        note: note || undefined,
        version,
        updatedAt: at,
        updatedByEmail: by.email,
        updatedByName: by.name,
        ownerAadObjectId: previous.ownerAadObjectId ?? ownerObjectIdOf(request.by, previous),
        ragSince: rag !== previous.rag ? at : previous.ragSince,
        ...kept,
      };
      const entry: HistoryEntry = {
        actionId: action.id,
        version,
        kind: 'status',
        at,
        byEmail: by.email,
        byName: by.name,
        fromRag: previous.rag,
        toRag: rag,
        note: note || undefined,
        ...details,
      };
      if (await this.write(previous, next, entry, { delivery: request.delivery })) {
        return { kind: 'saved', action, previous: withoutEtag(previous), current: next };
      }
      // Someone else wrote first, or this very activity was already applied.
      const replayed = await replay();
      if (replayed) return replayed;
      // A form's submit was based on what they saw, so ask them again; a typed update states the whole
      // intent, so it is re-applied on the fresh status.
      if (request.baseVersion !== undefined) {
        return { kind: 'changedSinceForm', rag, note, current: await this.currentStatus(action.id) };
      }
      throw new WriteConflict();
    });
    return outcome === 'busy' ? { kind: 'busy' } : outcome;
  }

  /**
   * "due 5.1 31 March 2027 [because …]" by the owner or an admin. The first target is kept for ever; later
   * ones are revisions beside it, each a 'target' change in the history with the old and new dates.
   */
  async setTarget(request: TargetRequest): Promise<TargetOutcome> {
    const action = findAction(this.plan, request.actionId);
    if (!action) return { kind: 'unknownAction', actionId: request.actionId };
    if (!request.by.email) return { kind: 'notAllowed' };
    const now = this.clock();
    const date = readTypedDate(request.dateText, { today: todayIn(now, this.timeZone) });
    if (!date.ok) return { kind: 'invalid', problem: date.problem };
    let reason: string | undefined;
    if (request.reason !== undefined) {
      const read = readTargetReason(request.reason, now);
      if (!read.ok) return { kind: 'invalid', problem: read.problem };
      reason = read.text || undefined;
    }
    return this.appendFact(action, request, 'target', (previous, entry) => {
      if (!this.mayUpdate(request.by, previous)) return { kind: 'notAllowed' };
      const decision = decideTarget(previous, action.due, date.date);
      if (decision.kind === 'unchanged') return { kind: 'unchanged', action, current: previous };
      return {
        next: { ...withoutEtag(previous), ...decision.fields },
        entry: { ...entry, targetDate: date.date, previousTargetDate: decision.previousTarget, reason },
      };
    });
  }

  /** "lead 5.1 Thames Valley Police" by an admin: a 'lead' change; the plan file's lead is the default. */
  async setLead(request: LeadRequest): Promise<LeadOutcome> {
    const action = findAction(this.plan, request.actionId);
    if (!action) return { kind: 'unknownAction', actionId: request.actionId };
    if (!request.by.email || !this.isAdmin(request.by)) return { kind: 'notAllowed' };
    const read = readLeadAgency(request.agency);
    if (!read.ok) return { kind: 'invalid', problem: read.problem };
    const personal = personalDataProblem("The agency's name", read.agency, this.clock());
    if (personal) return { kind: 'invalid', problem: personal };
    return this.appendFact(action, request, 'lead', (previous, entry) => {
      if (leadUnchanged(previous, action.lead, read.agency))
        return { kind: 'unchanged', action, current: previous };
      return {
        next: { ...withoutEtag(previous), leadAgency: read.agency },
        entry: { ...entry, leadAgency: read.agency, previousLeadAgency: previous.leadAgency ?? action.lead },
      };
    });
  }

  /** Every change to these actions in [startsAt, endsBefore), newest first, at most `limit` of them. */
  async historyInPeriod(
    actionIds: readonly string[],
    period: { startsAt: Date; endsBefore?: Date },
    limit: number,
  ): Promise<PeriodHistory> {
    const reads = await Promise.all(
      actionIds.map((actionId) =>
        this.store.readHistoryInPeriod(
          actionId,
          { from: period.startsAt.toISOString(), before: period.endsBefore?.toISOString() },
          limit,
        ),
      ),
    );
    const entries = reads
      .flatMap((read) => read.entries)
      .sort((a, b) => (a.at === b.at ? b.version - a.version : a.at < b.at ? 1 : -1))
      .slice(0, limit);
    return { entries, total: reads.reduce((sum, read) => sum + read.total, 0) };
  }

  /**
   * One change that is neither a status update nor a redaction (a target date, a lead agency): `decide`
   * sees the fresh status and answers the change to append, or an outcome that stores nothing.
   */
  private async appendFact(
    action: PlanAction,
    request: { by: Person; delivery?: string },
    kind: 'target' | 'lead',
    decide: (
      previous: StoredStatus,
      entry: HistoryEntry,
    ) => TargetOutcome | { next: ActionStatus; entry: HistoryEntry },
  ): Promise<TargetOutcome> {
    const by = { email: request.by.email ?? '', name: request.by.name };
    const outcome = await this.writes.serialised(action.id, async (): Promise<TargetOutcome> => {
      const replay = async (): Promise<TargetOutcome | undefined> => {
        const made = await this.changeMadeBy(request.delivery);
        if (made?.kind !== kind) return undefined;
        return { kind: 'set', action, change: made, current: await this.currentStatus(action.id) };
      };
      const previous = await this.readForWrite(action.id);
      const version = previous.version + 1;
      const decided = decide(previous, {
        actionId: action.id,
        version,
        kind,
        at: this.clock().toISOString(),
        byEmail: by.email,
        byName: by.name,
        fromRag: previous.rag,
        toRag: previous.rag,
      });
      if ('kind' in decided) return decided.kind === 'unchanged' ? ((await replay()) ?? decided) : decided;
      const next = { ...decided.next, version };
      if (await this.write(previous, next, decided.entry, { delivery: request.delivery })) {
        return { kind: 'set', action, change: decided.entry, current: next };
      }
      const replayed = await replay();
      if (replayed) return replayed;
      throw new WriteConflict();
    });
    return outcome === 'busy' ? { kind: 'busy' } : outcome;
  }

  /** A fresh read, which also drops what this process remembered writing. */
  private async readForWrite(actionId: string): Promise<StoredStatus> {
    this.lastWritten.delete(actionId);
    return this.currentStatus(actionId);
  }

  /** One atomic change; true when it was stored. Remembers the new current row for the next write. */
  private async write(
    previous: StoredStatus,
    next: ActionStatus,
    entry: HistoryEntry,
    options: AppendOptions,
  ): Promise<boolean> {
    const result = await this.store.append(previous, next, entry, options);
    if (result.kind === 'saved' && result.etag)
      this.lastWritten.set(next.actionId, { ...next, etag: result.etag });
    else this.lastWritten.delete(next.actionId);
    return result.kind === 'saved';
  }

  /** The answer the first delivery of this activity got, rebuilt from the change it made. */
  private async replayUpdate(
    action: PlanAction,
    delivery: string | undefined,
  ): Promise<StatusUpdateOutcome | undefined> {
    const made = await this.changeMadeBy(delivery);
    if (!made || made.kind !== 'status') return undefined;
    const now = await this.currentStatus(action.id);
    return {
      kind: 'saved',
      action,
      previous: { ...withoutEtag(now), rag: made.fromRag },
      current: statusAfter(made, now),
    };
  }

  private async changeMadeBy(delivery: string | undefined): Promise<HistoryEntry | undefined> {
    if (!delivery) return undefined;
    const delivered = await this.store.delivered(delivery);
    return delivered && this.store.readChange(delivered.actionId, delivered.version);
  }

  async assignOwner(request: OwnerAssignmentRequest): Promise<OwnerAssignmentOutcome> {
    const action = findAction(this.plan, request.actionId);
    if (!action) return { kind: 'unknownAction', actionId: request.actionId };
    if (!request.by.email || !this.isAdmin(request.by)) return { kind: 'notAllowed' };
    const by = { email: request.by.email, name: request.by.name };
    const ownerEmail = loginKey(request.ownerEmail);

    const outcome = await this.writes.serialised(action.id, async (): Promise<OwnerAssignmentOutcome> => {
      const previous = await this.readForWrite(action.id);
      const replay = async (): Promise<OwnerAssignmentOutcome | undefined> => {
        const made = await this.changeMadeBy(request.delivery);
        if (made?.kind !== 'owner') return undefined;
        const now = await this.currentStatus(action.id);
        return { kind: 'assigned', action, previousOwnerEmail: made.previousOwnerEmail, current: now };
      };
      if (previous.ownerEmail === ownerEmail) {
        return (await replay()) ?? { kind: 'unchanged', action, current: previous };
      }
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
        byEmail: by.email,
        byName: by.name,
        fromRag: previous.rag,
        toRag: previous.rag,
        ownerEmail,
        previousOwnerEmail: previous.ownerEmail,
      };
      if (await this.write(previous, next, entry, { delivery: request.delivery })) {
        return { kind: 'assigned', action, previousOwnerEmail: previous.ownerEmail, current: next };
      }
      const replayed = await replay();
      if (replayed) return replayed;
      throw new WriteConflict();
    });
    return outcome === 'busy' ? { kind: 'busy' } : outcome;
  }

  /**
   * Checks a redaction and says what it would remove, changing nothing: the caller removes the copies
   * outside the record first, so a failure there leaves the text in the record for a retry to find.
   */
  async prepareRedaction(request: RedactionRequest): Promise<RedactionOutcome | PreparedRedaction> {
    const checked = this.checkRedactionRequest(request);
    if ('kind' in checked) return checked;
    const { action, by, reason } = checked;
    const previous = await this.currentStatus(action.id);
    const change = await this.changeToRedact(action, request, previous.version);
    if (!isStoredChange(change)) return change;
    const at = this.clock();
    const replacement = redactedNoteText(by.name, at, this.timeZone, reason);
    return { kind: 'ready', removed: textsOf(change), replacement, at };
  }

  /**
   * Takes one change's note out of the record: the change keeps its status, author and time, its note
   * reads "[redacted by …]", the current note too when it was that one, and the redaction is recorded
   * as a change of its own (who, when, which change, why; never the removed text). One atomic write.
   */
  async redactChange(request: RedactionRequest & { at?: Date }): Promise<RedactionOutcome> {
    const checked = this.checkRedactionRequest(request);
    if ('kind' in checked) return checked;
    const { action, by, reason } = checked;
    const outcome = await this.writes.serialised(action.id, async (): Promise<RedactionOutcome> => {
      const previous = await this.readForWrite(action.id);
      const found = await this.changeToRedact(action, request, previous.version);
      if (!isStoredChange(found)) return found;
      const change = found;
      const now = request.at ?? this.clock();
      const replacement = redactedNoteText(by.name, now, this.timeZone, reason);
      const version = previous.version + 1;
      // The current note came from this change when it is the same words written at the same moment; a
      // detail the status still holds in the same words goes too, wherever it was restated.
      const currentNoteIsThis =
        change.note !== undefined && previous.note === change.note && previous.updatedAt === change.at;
      const next: ActionStatus = {
        ...withoutEtag(previous),
        version,
        ...(currentNoteIsThis ? { note: replacement } : {}),
        ...redactedDetails(previous, change, replacement),
        ...currentLeadRedacted(previous, change, replacement),
      };
      const audit: HistoryEntry = {
        actionId: action.id,
        version,
        kind: 'redaction',
        at: now.toISOString(),
        byEmail: by.email,
        byName: by.name,
        fromRag: previous.rag,
        toRag: previous.rag,
        redactsVersion: change.version,
        reason,
      };
      const rewritten = { ...withTypedTextsRedacted(change, replacement), redacted: true };
      const alsoReplaces = await this.laterCopiesOf(change, previous.version, replacement);
      const options = { replaces: rewritten, alsoReplaces, delivery: request.delivery };
      if (await this.write(previous, next, audit, options)) {
        return {
          kind: 'redacted',
          action,
          audit,
          replacement,
          removed: textsOf(change),
          changeAt: change.at,
        };
      }
      const replayed = await this.replayRedaction(action, request.delivery);
      if (replayed) return replayed;
      throw new WriteConflict();
    });
    return outcome === 'busy' ? { kind: 'busy' } : outcome;
  }

  /** Later changes that restate the redacted words (a lead change names the lead it replaced). */
  private async laterCopiesOf(
    change: StoredHistoryEntry,
    latest: number,
    replacement: string,
  ): Promise<StoredHistoryEntry[]> {
    if (change.kind !== 'lead' || latest <= change.version) return [];
    const later = await this.store.readHistory(change.actionId, latest - change.version, latest);
    const found = laterCopiesRedacted(later, change, replacement);
    const stored = await Promise.all(
      found.map((entry) => this.store.readChange(entry.actionId, entry.version)),
    );
    return stored.flatMap((entry) => (entry ? laterCopiesRedacted([entry], change, replacement) : []));
  }

  private checkRedactionRequest(
    request: RedactionRequest,
  ): RedactionOutcome | { action: PlanAction; by: { email: string; name: string }; reason: string } {
    const action = findAction(this.plan, request.actionId);
    if (!action) return { kind: 'unknownAction', actionId: request.actionId };
    if (!request.by.email || !this.isAdmin(request.by)) return { kind: 'notAllowed' };
    const checked = checkRedactionReason(request.reason, this.clock());
    if (!checked.ok) return { kind: 'invalidReason', problem: checked.problem };
    return { action, by: { email: request.by.email, name: request.by.name }, reason: checked.reason };
  }

  /** The change to redact, or why not; a redelivery of a redaction already made gets its answer. */
  private async changeToRedact(
    action: PlanAction,
    request: RedactionRequest,
    changes: number,
  ): Promise<StoredHistoryEntry | RedactionOutcome> {
    const { version } = request;
    const change = version >= 1 ? await this.store.readChange(action.id, version) : undefined;
    if (!change) return { kind: 'noSuchChange', actionId: action.id, version, changes };
    if (change.redacted) {
      return (
        (await this.replayRedaction(action, request.delivery)) ?? {
          kind: 'alreadyRedacted',
          actionId: action.id,
          version,
          at: change.at,
          replacement: redactedWordsOf(change),
        }
      );
    }
    if (textsOf(change).length === 0) {
      return { kind: 'noNote', actionId: action.id, version };
    }
    return change;
  }

  private async replayRedaction(
    action: PlanAction,
    delivery: string | undefined,
  ): Promise<RedactionOutcome | undefined> {
    const made = await this.changeMadeBy(delivery);
    if (made?.kind !== 'redaction') return undefined;
    const redacted = await this.store.readChange(action.id, made.redactsVersion ?? 0);
    return {
      kind: 'redacted',
      action,
      audit: made,
      replacement: (redacted && redactedWordsOf(redacted)) ?? '',
      changeAt: redacted?.at,
    };
  }
}

/** Every finding in any of the texts, each once, in the order the check reports them. */
function findPersonalDataIn(texts: readonly (string | undefined)[], now: Date): string[] {
  const found = texts.flatMap((text) => (text ? findPersonalData(text, now) : []));
  return [...new Set(found)];
}

/** The words a person typed into a change, each once: what a redaction takes out. */
function textsOf(change: HistoryEntry): string[] {
  return typedTextsOf(change);
}

/**
 * A redaction's effect on a status or change holding the redacted change's details: the impact and
 * corrective action read as the redaction, the evidence link goes (a link is not worth keeping as "[redacted]").
 */
function redactedDetails(
  holder: Pick<ActionStatus, 'impact' | 'evidenceUrl' | 'correctiveAction'>,
  change: HistoryEntry,
  replacement: string,
): Pick<ActionStatus, 'impact' | 'evidenceUrl' | 'correctiveAction'> {
  const same = (field: 'impact' | 'evidenceUrl' | 'correctiveAction') =>
    change[field] !== undefined && holder[field] === change[field];
  return {
    ...(same('impact') ? { impact: replacement } : {}),
    ...(same('evidenceUrl') ? { evidenceUrl: undefined } : {}),
    ...(same('correctiveAction') ? { correctiveAction: replacement } : {}),
  };
}

function isStoredChange(found: StoredHistoryEntry | RedactionOutcome): found is StoredHistoryEntry {
  return 'actionId' in found && 'byEmail' in found;
}

/** The action's status just after `change`, for answering a redelivery the way the first was answered. */
function statusAfter(change: HistoryEntry, now: StoredStatus): StoredStatus {
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

/**
 * Once the owner's object id is known, the owner is that Entra account (a renamed owner keeps the action,
 * another account with their old name gets nothing); until then, whoever signs in with the assigned address.
 */
export function isActionOwner(person: Person, status: ActionStatus): boolean {
  if (status.ownerEmail === undefined) return false;
  if (status.ownerAadObjectId !== undefined) return person.aadObjectId === status.ownerAadObjectId;
  return answersTo(person, status.ownerEmail);
}
