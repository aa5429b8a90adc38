import type { Plan, PlanAction } from '../plan/plan-schema';
import type { ActionStatus, StatusStore, StoredStatus } from '../domain/action-status';
import { readTypedDate, todayIn } from '../domain/board-cycle/calendar-date';
import { readLeadAgency } from '../domain/board-cycle/lead-agency';
import {
  isAdmin,
  isOwner,
  mayUpdate,
  withoutEtag,
  type Decision,
  type Rights,
} from '../domain/changes/decision';
import {
  decideAssign,
  type OwnerAssignmentOutcome,
  type OwnerAssignmentRequest,
} from '../domain/changes/owner-change';
import {
  changeToRedact,
  decideRedaction,
  redactedWordsOf,
  type PreparedRedaction,
  type RedactionOutcome,
  type RedactionRequest,
} from '../domain/changes/redaction-change';
import {
  decideUpdate,
  readStatusUpdate,
  replayedUpdate,
  type StatusUpdateOutcome,
  type StatusUpdateRequest,
} from '../domain/changes/status-update';
import {
  decideLead,
  decideTargetChange,
  type FactOutcome,
  type LeadOutcome,
  type LeadRequest,
  type TargetOutcome,
  type TargetRequest,
} from '../domain/changes/target-change';
import { HISTORY_PAGE_SIZE, type HistoryPage, type PeriodHistory } from '../domain/history-page';
import { wordsOf, type ChangeOf, type HistoryEntry, type StoredHistoryEntry } from '../domain/history-entry';
import type { Person } from '../domain/person';
import { findAction } from '../domain/plan-lookup';
import { checkRedactionReason, redactedNoteText } from '../domain/redaction';
import { personalDataProblem, readTargetReason } from '../domain/target-and-lead';
import { WritePipeline } from './write-pipeline';

/**
 * The action record's use cases: status updates, owners, target dates, lead agencies and redactions, each
 * checked, then decided (domain/changes/) and written by the one write pipeline; and the reads beside them.
 */
export class StatusService {
  private readonly pipeline: WritePipeline;
  private readonly rights: Rights;

  constructor(
    private readonly plan: Plan,
    private readonly store: StatusStore,
    boardAdmins: readonly string[],
    private readonly clock: () => Date,
    private readonly timeZone = 'Europe/London',
  ) {
    this.pipeline = new WritePipeline(store, clock);
    this.rights = { boardAdmins };
  }

  isAdmin(person: Person): boolean {
    return isAdmin(this.rights, person);
  }

  mayUpdate(person: Person, status: ActionStatus): boolean {
    return mayUpdate(this.rights, person, status);
  }

  isOwner(person: Person, status: ActionStatus): boolean {
    return isOwner(person, status);
  }

  async currentStatuses(): Promise<Map<string, StoredStatus>> {
    return this.store.readAll();
  }

  async currentStatus(actionId: string): Promise<StoredStatus> {
    return this.pipeline.current(actionId);
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

  async updateStatus(request: StatusUpdateRequest): Promise<StatusUpdateOutcome> {
    const action = findAction(this.plan, request.actionId);
    if (!action) return { kind: 'unknownAction', actionId: request.actionId };
    const update = readStatusUpdate(request, this.clock());
    if (update.kind === 'noIdentity') return update;
    if (update.kind !== 'read') return { ...update, current: await this.currentStatus(action.id) };
    const by = { email: request.by.email ?? '', name: request.by.name };
    return this.pipeline.run<StatusUpdateOutcome>({
      actionId: action.id,
      by,
      delivery: request.delivery,
      decide: (previous, at) => decideUpdate(this.rights, request, update, previous, at),
      saved: ({ previous, next }) => ({
        kind: 'saved',
        action,
        previous: withoutEtag(previous),
        current: next,
      }),
      replay: async (made, current) =>
        made.kind === 'status' ? replayedUpdate(action, made, await current()) : undefined,
      // A form's submit was based on what they saw, so ask them again; a typed update states the whole
      // intent, so it is re-applied on the fresh status.
      onConflict: async () =>
        request.baseVersion === undefined
          ? undefined
          : {
              kind: 'changedSinceForm',
              rag: update.rag,
              note: update.note,
              current: await this.currentStatus(action.id),
            },
    });
  }

  async assignOwner(request: OwnerAssignmentRequest): Promise<OwnerAssignmentOutcome> {
    const action = findAction(this.plan, request.actionId);
    if (!action) return { kind: 'unknownAction', actionId: request.actionId };
    if (!request.by.email || !(request.escalatedAt !== undefined || this.isAdmin(request.by)))
      return { kind: 'notAllowed' };
    return this.pipeline.run<OwnerAssignmentOutcome>({
      actionId: action.id,
      by: { email: request.by.email, name: request.by.name },
      delivery: request.delivery,
      decide: (previous, at) => decideAssign(action, request, previous, at),
      saved: ({ previous, next }) => ({
        kind: 'assigned',
        action,
        previousOwnerEmail: previous.ownerEmail,
        current: next,
      }),
      replay: async (made, current) =>
        made.kind === 'owner'
          ? {
              kind: 'assigned',
              action,
              previousOwnerEmail: made.previousOwnerEmail,
              current: await current(),
            }
          : undefined,
    });
  }

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
    const target = { date: date.date, reason };
    return this.recordFact(action, request, 'target', (previous) =>
      decideTargetChange(this.rights, action, request.by, target, previous),
    );
  }

  async setLead(request: LeadRequest): Promise<LeadOutcome> {
    const action = findAction(this.plan, request.actionId);
    if (!action) return { kind: 'unknownAction', actionId: request.actionId };
    if (!request.by.email || !this.isAdmin(request.by)) return { kind: 'notAllowed' };
    const read = readLeadAgency(request.agency);
    if (!read.ok) return { kind: 'invalid', problem: read.problem };
    const personal = personalDataProblem("The agency's name", read.agency, this.clock());
    if (personal) return { kind: 'invalid', problem: personal };
    return this.recordFact(action, request, 'lead', (previous) => decideLead(action, read.agency, previous));
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
    const change = changeToRedact(
      action.id,
      request.version,
      await this.changeNumbered(action.id, request.version),
      previous.version,
    );
    if (change.kind === 'refuse') {
      const replayed = change.mayBeRedelivery
        ? await this.pipeline.replay(this.redactionReplay(action, request))
        : undefined;
      return replayed ?? change.refusal;
    }
    const at = this.clock();
    const replacement = redactedNoteText(by.name, at, this.timeZone, reason);
    return { kind: 'ready', removed: wordsOf(change), replacement, at };
  }

  /**
   * Takes one change's words out of the record in one atomic write (domain/changes/redaction-change.ts),
   * recording the redaction as a change of its own.
   */
  async redactChange(request: RedactionRequest & { at?: Date }): Promise<RedactionOutcome> {
    const checked = this.checkRedactionRequest(request);
    if ('kind' in checked) return checked;
    const { action, by, reason } = checked;
    const at = request.at ?? this.clock();
    const replacement = redactedNoteText(by.name, at, this.timeZone, reason);
    let removed: string[] = [];
    let changeAt: string | undefined;
    return this.pipeline.run<RedactionOutcome>({
      ...this.redactionReplay(action, request),
      by,
      at,
      decide: async (previous) => {
        const found = await this.changeNumbered(action.id, request.version);
        removed = found ? wordsOf(found) : [];
        changeAt = found?.at;
        const redaction = { version: request.version, reason };
        const later = await this.laterLeadChanges(found, previous.version);
        return decideRedaction(action.id, redaction, replacement, found, previous, later);
      },
      saved: ({ entry }) => ({
        kind: 'redacted',
        action,
        audit: asAudit(entry),
        replacement,
        removed,
        changeAt,
      }),
    });
  }

  /** A target date or a lead agency: the same answers, and the same replay of a redelivery. */
  private recordFact<K extends 'target' | 'lead'>(
    action: PlanAction,
    request: { by: Person; delivery?: string },
    kind: K,
    decide: (previous: StoredStatus) => Decision<FactOutcome<K>>,
  ): Promise<FactOutcome<K>> {
    const ofKind = (entry: HistoryEntry): entry is ChangeOf<K> => entry.kind === kind;
    return this.pipeline.run<FactOutcome<K>>({
      actionId: action.id,
      by: { email: request.by.email ?? '', name: request.by.name },
      delivery: request.delivery,
      decide,
      saved: ({ next, entry }) =>
        ofKind(entry) ? { kind: 'set', action, change: entry, current: next } : unreachable(entry),
      replay: async (made, current) =>
        ofKind(made) ? { kind: 'set', action, change: made, current: await current() } : undefined,
    });
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

  /** A lead change's later lead changes, which name its agency as the one they replaced (with ETags). */
  private async laterLeadChanges(
    found: StoredHistoryEntry | undefined,
    latest: number,
  ): Promise<StoredHistoryEntry[]> {
    if (found?.kind !== 'lead' || latest <= found.version) return [];
    const later = await this.store.readHistory(found.actionId, latest - found.version, latest);
    const leads = later.filter((entry) => entry.kind === 'lead' && entry.version > found.version);
    const stored = await Promise.all(
      leads.map((entry) => this.changeNumbered(entry.actionId, entry.version)),
    );
    return stored.filter((entry): entry is StoredHistoryEntry => entry !== undefined);
  }

  private async changeNumbered(actionId: string, version: number): Promise<StoredHistoryEntry | undefined> {
    return version >= 1 ? this.store.readChange(actionId, version) : undefined;
  }

  /** A redelivered redaction gets the first answer: the audit it made and what the note now reads. */
  private redactionReplay(action: PlanAction, request: RedactionRequest) {
    return {
      actionId: action.id,
      delivery: request.delivery,
      replay: async (made: StoredHistoryEntry): Promise<RedactionOutcome | undefined> => {
        if (made.kind !== 'redaction') return undefined;
        const redacted = await this.store.readChange(action.id, made.redactsVersion);
        const replacement = (redacted && redactedWordsOf(redacted)) ?? '';
        return { kind: 'redacted', action, audit: made, replacement, changeAt: redacted?.at };
      },
    };
  }
}

function asAudit(entry: HistoryEntry): ChangeOf<'redaction'> {
  return entry.kind === 'redaction' ? entry : unreachable(entry);
}

/** The pipeline records the change the decision named: any other kind here is a bug. */
function unreachable(entry: HistoryEntry): never {
  throw new Error(`a ${entry.kind} change recorded where another kind was decided`);
}
