import type { PostedCardUpdater, PostedDigestCopies } from './digest-ports';
import { withoutRemovedText } from './redaction';
import type { RedactionOutcome, RedactionRequest, StatusService } from './status-service';

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
export class ChangeRedaction {
  constructor(
    private readonly statusService: StatusService,
    private readonly postedDigestCopies: PostedDigestCopies,
    private readonly cards: PostedCardUpdater,
    private readonly log: RedactionLog,
  ) {}

  async redact(request: RedactionRequest): Promise<ChangeRedactionOutcome> {
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

  private async removeFromPostedDigestCopies(removed: string, replacement: string) {
    const updatedActivities = new Set<string>();
    let cardsUpdated = 0;
    let cardsNotUpdated = 0;
    for (const copy of await this.postedDigestCopies.list()) {
      if (!copy.card) continue;
      const card = withoutRemovedText(JSON.parse(copy.card) as Record<string, unknown>, removed, replacement);
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
