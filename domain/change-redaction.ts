import type { PostedCardUpdater, PostedDigestCopies } from './digest-ports';
import { withoutRemovedText } from './redaction';
import type { RedactionOutcome, RedactionRequest, StatusService } from './status-service';

export type ChangeRedactionOutcome = RedactionOutcome & {
  /** Posted digest cards updated in place, and those Teams no longer has or refused. */
  cardsUpdated?: number;
  cardsNotUpdated?: number;
};

/** Logs without the removed text: only counts and status codes ever reach it. */
export interface RedactionLog {
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
}

/**
 * A redaction, start to finish: the record (history and current, one atomic write), then every stored
 * copy of the removed text outside it (posted digest cards), then the digest cards in the board channel
 * updated in place. The record is changed first, so a failure later leaves the note out of the record
 * and is reported; the copies are found again by the same text on a retry.
 */
export class ChangeRedaction {
  constructor(
    private readonly statusService: StatusService,
    private readonly postedDigestCopies: PostedDigestCopies,
    private readonly cards: PostedCardUpdater,
    private readonly log: RedactionLog,
  ) {}

  async redact(request: RedactionRequest): Promise<ChangeRedactionOutcome> {
    const outcome = await this.statusService.redactChange(request);
    if (outcome.kind !== 'redacted' || outcome.removed === undefined) return outcome;
    const { removed, replacement } = outcome;
    const copies = await this.postedDigestCopies.list();
    const updatedActivities = new Set<string>();
    let cardsUpdated = 0;
    let cardsNotUpdated = 0;
    for (const copy of copies) {
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
    this.log.info(
      { actionId: request.actionId, change: request.version, cardsUpdated, cardsNotUpdated },
      'note redacted',
    );
    return { ...outcome, cardsUpdated, cardsNotUpdated };
  }
}
