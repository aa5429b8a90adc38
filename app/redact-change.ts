import type { PostedCardUpdater, PostedDigestCopies } from '../domain/digest-ports';
import { withoutRemovedText } from '../domain/redaction';
import type { RedactionOutcome, RedactionRequest } from '../domain/changes/redaction-change';
import type { StatusService } from './status-service';
import type { Answer } from '../views/answer';
import { notice } from './notices';
import { noSuchAction } from './refusals';
import { plural } from '../domain/wording';
import type { RedactionLog, RedactionSweep, SweepReport } from './redaction-sweep';

export type ChangeRedactionOutcome = RedactionOutcome & {
  /** What sweeping the copies outside the record found (posted cards, stored digest copies). */
  sweep?: SweepReport;
  /** Posted digest cards updated in place before the record was changed (the first pass). */
  cardsUpdated?: number;
  cardsNotUpdated?: number;
};

export type { RedactionLog } from './redaction-sweep';

/**
 * A redaction, start to finish. The stored digest copies known now go first (a failure part-way leaves
 * the text in the record, where a retry finds it again), then the record itself in one atomic write,
 * then the seal moves and every copy is swept again, waiting for digests being posted at that moment:
 * a card drawn before the commit is found here or, if it is recorded later, by its own poster.
 */
export class RedactChange {
  constructor(
    private readonly statusService: StatusService,
    private readonly postedDigestCopies: PostedDigestCopies,
    private readonly cards: PostedCardUpdater,
    private readonly log: RedactionLog,
    private readonly sweeper: RedactionSweep,
  ) {}

  /** "redact 5.1 #3 <reason>" or the history card's Redact form: board admins only. */
  async redact(request: RedactionRequest): Promise<Answer> {
    return redactionAnswer(await this.run(request));
  }

  async run(request: RedactionRequest): Promise<ChangeRedactionOutcome> {
    const prepared = await this.statusService.prepareRedaction(request);
    if (prepared.kind === 'alreadyRedacted' && prepared.at && prepared.replacement) {
      // Swept again: a copy a failed sweep left, or one Teams refused before, is found by its index.
      const sweep = await this.sweeper.sweep(
        { actionId: prepared.actionId, at: prepared.at, replacement: prepared.replacement },
        [],
      );
      return { ...prepared, sweep };
    }
    if (prepared.kind !== 'ready') return prepared;
    const tracked = await this.sweeper.trackedActivities();
    const copies = await this.removeFromPostedDigestCopies(prepared.removed, prepared.replacement, tracked);
    const outcome = await this.statusService.redactChange({ ...request, at: prepared.at });
    let sweep: SweepReport | undefined;
    if (outcome.kind === 'redacted' && outcome.changeAt) {
      sweep = await this.sweeper.afterRedaction(
        { actionId: outcome.action.id, at: outcome.changeAt, replacement: outcome.replacement },
        outcome.removed ?? prepared.removed,
      );
    }
    this.log.info(
      { actionId: request.actionId, change: request.version, outcome: outcome.kind, ...copies },
      'redaction',
    );
    return outcome.kind === 'redacted' ? { ...outcome, ...copies, ...(sweep ? { sweep } : {}) } : outcome;
  }

  /** Digests posted before cards were tracked are updated in Teams here; tracked ones by the sweep. */
  private async removeFromPostedDigestCopies(
    removed: readonly string[],
    replacement: string,
    tracked: ReadonlySet<string>,
  ) {
    const updatedActivities = new Set<string>(tracked);
    let cardsUpdated = 0;
    let cardsNotUpdated = 0;
    for (const copy of await this.postedDigestCopies.list()) {
      if (!copy.card) continue;
      let card: Record<string, unknown> | undefined;
      for (const text of removed) {
        card =
          withoutRemovedText(card ?? (JSON.parse(copy.card) as Record<string, unknown>), text, replacement) ??
          card;
      }
      if (!card) continue;
      await this.postedDigestCopies.replaceCard(copy.id, JSON.stringify(card));
      // The same posted message may be stored twice (its week and "latest"): update it once.
      if (!copy.activityId || !copy.reference || updatedActivities.has(copy.activityId)) continue;
      updatedActivities.add(copy.activityId);
      const result = await this.cards.updateCard(copy.reference, copy.activityId, card);
      if (result === 'updated') cardsUpdated++;
      else cardsNotUpdated++;
    }
    return { cardsUpdated, cardsNotUpdated };
  }
}

/** What the sweep found, in words: every card Teams refused is named. */
function sweepWords(outcome: ChangeRedactionOutcome): string {
  const sweep = outcome.sweep;
  const refusedBefore = outcome.cardsNotUpdated ?? 0;
  const updated = (outcome.cardsUpdated ?? 0) + (sweep?.updated ?? 0);
  const parts: string[] = [];
  if (updated > 0) parts.push(`${plural(updated, 'posted card')} updated in Teams.`);
  if (sweep && sweep.refused.length > 0) {
    parts.push(
      `${plural(sweep.refused.length, 'posted card')} could not be updated in Teams and still show the old words: ${sweep.refused.join('; ')}. Their stored copies were corrected; delete those messages in Teams by hand.`,
    );
  } else if (refusedBefore > 0) {
    parts.push(
      `${plural(refusedBefore, 'posted digest card')} could not be updated in Teams; their stored copies were.`,
    );
  }
  if (sweep && sweep.unconfirmed.length > 0) {
    parts.push(
      `${plural(sweep.unconfirmed.length, 'card')} Teams has not confirmed posting (${sweep.unconfirmed.join('; ')}) may show the old words: their stored copies were corrected, and if Teams confirms one later it is corrected then; one that appears in the channel as it was, delete by hand.`,
    );
  }
  if (sweep && sweep.pending.length > 0) {
    parts.push(
      `${plural(sweep.pending.length, 'card')} being posted at this moment (${sweep.pending.join('; ')}) will be corrected as soon as Teams confirms the post.`,
    );
  }
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

function alreadySweptWords(outcome: ChangeRedactionOutcome): string {
  const sweep = outcome.sweep;
  if (!sweep) return '';
  const named = sweep.refused.length + sweep.pending.length + sweep.unconfirmed.length;
  if (sweep.updated + sweep.storedCopies + named === 0)
    return 'I looked again: no posted card or stored copy still shows it.';
  const found = `I looked again and corrected ${plural(sweep.storedCopies, 'stored copy', 'stored copies')}.`;
  return `${found}${sweepWords(outcome)}`;
}

function redactionAnswer(outcome: ChangeRedactionOutcome): Answer {
  switch (outcome.kind) {
    case 'redacted': {
      const { action, audit, replacement } = outcome;
      const copies = sweepWords(outcome);
      return notice(
        'good',
        `Note of #${audit.redactsVersion} redacted`,
        `Change #${audit.redactsVersion} of ${action.id} now reads "${replacement}". The redaction is recorded as #${audit.version}.${copies}`,
        [`history ${action.id}`],
      );
    }
    case 'unknownAction':
      return noSuchAction(outcome.actionId);
    case 'notAllowed':
      return notice(
        'warning',
        'Only board admins can redact',
        'Ask the board chair or business manager to redact the note. Nothing was changed.',
        [],
      );
    case 'invalidReason':
      return notice('warning', 'Nothing was redacted', outcome.problem, []);
    case 'noSuchChange':
      return notice(
        'warning',
        'Nothing was redacted',
        `${outcome.actionId} has no change #${outcome.version}: it has only ${plural(outcome.changes, 'change')}.`,
        [`history ${outcome.actionId}`],
      );
    case 'noNote':
      return notice(
        'warning',
        'Nothing was redacted',
        `Change #${outcome.version} of ${outcome.actionId} has no note or other typed words to redact.`,
        [`history ${outcome.actionId}`],
      );
    case 'alreadyRedacted':
      return notice(
        'default',
        'Already redacted',
        `The note of #${outcome.version} of ${outcome.actionId} is already redacted. ${alreadySweptWords(outcome)}`,
        [`history ${outcome.actionId}`],
      );
    case 'busy':
      return notice(
        'warning',
        'Please try again',
        'Several people are changing this action at this moment. Nothing was redacted; please try again.',
        [],
      );
  }
}
