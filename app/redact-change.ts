import type { PostedCardUpdater, PostedDigestCopies } from '../domain/digest-ports';
import { withoutRemovedText } from '../domain/redaction';
import type { RedactionOutcome, RedactionRequest, StatusService } from '../domain/status-service';
import type { Answer } from '../views/answer';
import { notice } from './notices';
import { noSuchAction } from './refusals';
import { plural } from '../domain/wording';

export type ChangeRedactionOutcome = RedactionOutcome & {
  /** Posted digest cards updated in place, and those Teams refused or could not be reached for. */
  cardsUpdated?: number;
  cardsNotUpdated?: number;
};

/** Logs without the removed text: only ids and counts ever reach it. */
export interface RedactionLog {
  info(fields: Record<string, unknown>, message: string): void;
}

/**
 * A redaction, start to finish. The copies outside the record go first (posted digest cards: stored
 * copy rewritten, then the card in Teams updated in place), then the record itself in one atomic write.
 * In that order a failure part-way leaves the text in the record, where a retry finds it again; the other
 * order could leave copies that nothing can find any more.
 */
export class RedactChange {
  constructor(
    private readonly statusService: StatusService,
    private readonly postedDigestCopies: PostedDigestCopies,
    private readonly cards: PostedCardUpdater,
    private readonly log: RedactionLog,
  ) {}

  /** "redact 5.1 #3 <reason>" or the history card's Redact form: board admins only. */
  async redact(request: RedactionRequest): Promise<Answer> {
    return redactionAnswer(await this.run(request));
  }

  async run(request: RedactionRequest): Promise<ChangeRedactionOutcome> {
    const prepared = await this.statusService.prepareRedaction(request);
    if (prepared.kind !== 'ready') return prepared;
    const copies = await this.removeFromPostedDigestCopies(prepared.removed, prepared.replacement);
    const outcome = await this.statusService.redactChange({ ...request, at: prepared.at });
    this.log.info(
      { actionId: request.actionId, change: request.version, outcome: outcome.kind, ...copies },
      'redaction',
    );
    return outcome.kind === 'redacted' ? { ...outcome, ...copies } : outcome;
  }

  private async removeFromPostedDigestCopies(removed: readonly string[], replacement: string) {
    const updatedActivities = new Set<string>();
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

function redactionAnswer(outcome: ChangeRedactionOutcome): Answer {
  switch (outcome.kind) {
    case 'redacted': {
      const { action, audit, replacement } = outcome;
      const copies =
        outcome.cardsNotUpdated && outcome.cardsNotUpdated > 0
          ? ` ${plural(outcome.cardsNotUpdated, 'posted digest card')} could not be updated in Teams; their stored copies were.`
          : outcome.cardsUpdated
            ? ` ${plural(outcome.cardsUpdated, 'posted digest card')} updated.`
            : '';
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
        `Change #${outcome.version} of ${outcome.actionId} has no note to redact.`,
        [`history ${outcome.actionId}`],
      );
    case 'alreadyRedacted':
      return notice(
        'default',
        'Already redacted',
        `The note of #${outcome.version} of ${outcome.actionId} is already redacted.`,
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
