import type { ActionStatus, AppendOptions, StatusStore, StoredStatus } from '../domain/action-status';
import { initialStatus } from '../domain/action-status';
import { withoutEtag, type Decision } from '../domain/changes/decision';
import { historyEntry, type HistoryEntry, type StoredHistoryEntry } from '../domain/history-entry';
import { ActionWrites, WRITE_LIMITS, WriteConflict, type WriteLimits } from './action-writes';

/** One change to one action, as the pipeline runs it: who, which delivery, and the use case's rules. */
export interface ChangeSpec<Outcome> {
  actionId: string;
  by: { email: string; name: string };
  /** The Teams delivery it came in (conversation and activity id): a redelivery applies once. */
  delivery?: string;
  /** When the change is made; the clock's now, at each attempt, when absent. */
  at?: Date;
  /** The pure decision on the action's fresh status (domain/changes/). */
  decide(previous: StoredStatus, at: string): Decision<Outcome> | Promise<Decision<Outcome>>;
  /** The answer once the change is committed. */
  saved(written: { previous: StoredStatus; next: ActionStatus; entry: HistoryEntry }): Outcome;
  /**
   * The answer the first delivery of this activity got, rebuilt from the change it made; undefined when
   * that change is not of this use case's kind.
   */
  replay(made: StoredHistoryEntry, current: () => Promise<StoredStatus>): Promise<Outcome | undefined>;
  /** After losing a race that was not a redelivery: an answer instead of trying again (a form asks again). */
  onConflict?(): Promise<Outcome | undefined>;
}

type Busy = { kind: 'busy' };

/**
 * The one way a change is written: read the action, decide, append the change with its delivery row in
 * one atomic step, and on a conflict answer a redelivery as the first delivery was answered or decide
 * again on a fresh read. Writes to one action queue within this process (bounded wait), and conflicts with
 * another instance back off with jitter; both end in "busy" rather than past Teams' patience.
 */
export class WritePipeline {
  private readonly writes: ActionWrites;
  /**
   * What this process last wrote to each action, with the row's new ETag. The next write to the action
   * starts from it instead of reading: the ETag guard still refuses it if another instance wrote since,
   * and a refusal is decided again on a fresh read.
   */
  private readonly lastWritten = new Map<string, StoredStatus>();

  constructor(
    private readonly store: StatusStore,
    private readonly clock: () => Date,
    limits: WriteLimits = WRITE_LIMITS,
  ) {
    this.writes = new ActionWrites(limits);
  }

  async current(actionId: string): Promise<StoredStatus> {
    return (await this.store.read(actionId)) ?? initialStatus(actionId);
  }

  async run<Outcome>(spec: ChangeSpec<Outcome>): Promise<Outcome | Busy> {
    const outcome = await this.writes.serialised(spec.actionId, () => this.attempt(spec));
    return outcome === 'busy' ? { kind: 'busy' } : outcome;
  }

  /** The answer a redelivered activity gets, if the change it carries was already applied. */
  async replay<Outcome>(
    spec: Pick<ChangeSpec<Outcome>, 'actionId' | 'delivery' | 'replay'>,
  ): Promise<Outcome | undefined> {
    if (!spec.delivery) return undefined;
    const delivered = await this.store.delivered(spec.delivery);
    const made = delivered && (await this.store.readChange(delivered.actionId, delivered.version));
    return made && spec.replay(made, () => this.current(spec.actionId));
  }

  private async attempt<Outcome>(spec: ChangeSpec<Outcome>): Promise<Outcome> {
    const at = (spec.at ?? this.clock()).toISOString();
    let previous = this.lastWritten.get(spec.actionId) ?? (await this.readForWrite(spec.actionId));
    let decision = await spec.decide(previous, at);
    if (decision.kind === 'refuse' && this.lastWritten.has(spec.actionId)) {
      previous = await this.readForWrite(spec.actionId);
      decision = await spec.decide(previous, at);
    }
    if (decision.kind === 'refuse') {
      return (decision.mayBeRedelivery && (await this.replay(spec))) || decision.refusal;
    }
    const next: ActionStatus = {
      ...withoutEtag(previous),
      ...decision.fields,
      version: previous.version + 1,
    };
    const maker = { at, byEmail: spec.by.email, byName: spec.by.name };
    const entry = historyEntry(previous, next, maker, decision.change);
    const options = {
      delivery: spec.delivery,
      replaces: decision.replaces,
      alsoReplaces: decision.alsoReplaces,
    };
    if (await this.write(previous, next, entry, options)) return spec.saved({ previous, next, entry });
    // Someone else wrote first, or this very activity was already applied.
    const answer = (await this.replay(spec)) ?? (await spec.onConflict?.());
    if (answer !== undefined) return answer;
    throw new WriteConflict();
  }

  /** A fresh read, which also drops what this process remembered writing. */
  private async readForWrite(actionId: string): Promise<StoredStatus> {
    this.lastWritten.delete(actionId);
    return this.current(actionId);
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
}
