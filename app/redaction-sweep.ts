import type { PostedCardUpdater, PostedDigestCopies } from '../domain/digest-ports';
import {
  sameChange,
  shownOn,
  sweptCard,
  type NoteSource,
  type PostedCopies,
  type PostedCopy,
  type RedactedChange,
} from '../domain/posted-copies';
import { withoutRemovedText } from '../domain/redaction';

/** Logs without the removed text: only ids and counts ever reach it. */
export interface RedactionLog {
  info(fields: Record<string, unknown>, message: string): void;
}

/** What a sweep found: cards corrected in Teams, cards Teams refused (named), digests still being posted. */
export interface SweepReport {
  updated: number;
  refused: string[];
  pending: string[];
  /** Posts Teams never confirmed that showed the words: they may be in the channel (named). */
  unconfirmed: string[];
  /** Stored copies rewritten (the posted cards' and the digest ledger's). */
  storedCopies: number;
}

export interface SweepTimings {
  /** How long a redaction waits for a digest that is being posted right now. */
  pendingWaitMs: number;
  pollMs: number;
  /** A pending row older than this is a run that died, not one to wait for. */
  pendingTrustMs: number;
}

export const DEFAULT_SWEEP_TIMINGS: SweepTimings = {
  pendingWaitMs: 5_000,
  pollMs: 100,
  pendingTrustMs: 120_000,
};
/** Rounds of "someone else rewrote the card while I sent mine": each round sends the newest. */
const MAX_ROUNDS = 8;

/**
 * Every copy of a redacted change's words outside the record: cards the bot posted where others read
 * them (digests, show cards in channels and group chats) and the digest ledger's stored cards. Posters
 * and redactions meet through the seal (see PostedCopies): whichever commits second sweeps.
 */
export class RedactionSweep {
  constructor(
    private readonly copies: PostedCopies,
    private readonly digestCopies: PostedDigestCopies,
    private readonly cards: PostedCardUpdater,
    private readonly log: RedactionLog,
    private readonly clock: () => Date,
    private readonly timings: SweepTimings = DEFAULT_SWEEP_TIMINGS,
  ) {}

  /** After a redaction commits: the seal moves (so later posters notice), then every copy is swept. */
  async afterRedaction(redaction: RedactedChange, knownTexts: readonly string[]): Promise<SweepReport> {
    await this.copies.moveSeal(redaction);
    return this.sweep(redaction, knownTexts);
  }

  /** Every copy, waiting (bounded) for digests being posted right now. */
  async sweep(redaction: RedactedChange, knownTexts: readonly string[]): Promise<SweepReport> {
    const report = emptyReport();
    const giveUpAt = Date.now() + this.timings.pendingWaitMs;
    let copies = await this.copies.list();
    while (this.stillPending(copies).length > 0 && Date.now() < giveUpAt) {
      await new Promise((resolve) => setTimeout(resolve, this.timings.pollMs));
      copies = await this.copies.list();
    }
    report.pending = this.stillPending(copies).map((copy) => copy.what);
    const texts = new Set(knownTexts);
    for (const copy of copies)
      for (const source of copy.shown)
        if (sameChange(source, redaction)) source.texts.forEach((t) => texts.add(t));
    for (const copy of copies) {
      if (copy.state === 'posted') await this.sweepCopy(copy, redaction, [...texts], report);
      if (copy.state === 'unconfirmed') await this.sweepUnconfirmed(copy, redaction, [...texts], report);
    }
    await this.sweepDigestLedger([...texts], redaction.replacement, report);
    this.log.info(
      {
        actionId: redaction.actionId,
        updated: report.updated,
        refused: report.refused.length,
        pending: report.pending.length,
      },
      'redaction sweep',
    );
    return report;
  }

  /**
   * Records a card just posted where others read it, then re-asserts the seal tag known from before it
   * was drawn: if a redaction committed meanwhile, this poster sweeps its own card. No read on the way:
   * the tag is the one this process last saw (none yet: check).
   */
  async recordPosted(
    copy: { what: string; reference: Record<string, unknown>; activityId: string; card: string },
    sources: readonly NoteSource[],
    tagBeforeDrawing: string | undefined,
    pendingId?: string,
  ): Promise<void> {
    const shown = shownOn(copy.card, sources);
    if (shown.length === 0 && !pendingId) return;
    const id = await this.copies.record({ ...copy, shown }, this.clock(), pendingId);
    if (tagBeforeDrawing !== undefined && (await this.copies.holdSeal(tagBeforeDrawing))) return;
    for (const redaction of await this.copies.recentRedactions()) {
      if (!shown.some((source) => sameChange(source, redaction))) continue;
      const report = emptyReport();
      const recorded = await this.copies.read(id);
      if (recorded) await this.sweepCopy(recorded, redaction, [], report);
      const texts = shown.filter((source) => sameChange(source, redaction)).flatMap((source) => source.texts);
      await this.sweepDigestLedger(texts, redaction.replacement, report);
      this.log.info(
        { actionId: redaction.actionId, ...report },
        'a card posted during a redaction was swept',
      );
    }
  }

  /** The seal's tag before a digest is drawn, and a pending row a redaction will wait for. */
  async beginPosting(what: string): Promise<{ pendingId: string; tag: string; what: string }> {
    const pendingId = await this.copies.begin(what, this.clock());
    return { pendingId, tag: await this.copies.sealTag(), what };
  }

  /**
   * A post Teams did not confirm in time: its pending row is kept with the card, so a redaction can correct
   * the stored card and name the post; a redaction that committed since it was drawn is applied now.
   */
  async unconfirmed(
    posting: { pendingId: string; tag: string | undefined },
    card: string,
    sources: readonly NoteSource[],
  ): Promise<void> {
    const id = await this.copies.unconfirmed(posting.pendingId, card, shownOn(card, sources));
    if (!id || (posting.tag !== undefined && (await this.copies.holdSeal(posting.tag)))) return;
    for (const redaction of await this.copies.recentRedactions()) {
      const copy = await this.copies.read(id);
      if (copy?.state === 'unconfirmed') await this.sweepUnconfirmed(copy, redaction, [], emptyReport());
    }
  }

  /**
   * A post that failed in a way that may still have posted it (a gateway's 5xx, no answer in time), or an
   * earlier attempt of a post that was retried: kept on record, unconfirmed, if its card shows notes, so
   * that a redaction corrects its stored card and names it. `tagBeforeDrawing` as for recordPosted.
   */
  async recordUnconfirmed(
    what: string,
    card: string,
    sources: readonly NoteSource[],
    tagBeforeDrawing: string | undefined,
  ): Promise<void> {
    if (shownOn(card, sources).length === 0) return;
    const pendingId = await this.copies.begin(what, this.clock());
    await this.unconfirmed({ pendingId, tag: tagBeforeDrawing }, card, sources);
  }

  /** The Teams messages whose cards are tracked here (so the caller need not update them itself). */
  async trackedActivities(): Promise<Set<string>> {
    const copies = await this.copies.list();
    return new Set(copies.flatMap((copy) => (copy.activityId ? [copy.activityId] : [])));
  }

  knownSealTag(): string | undefined {
    return this.copies.knownSealTag();
  }

  abandon(pendingId: string): Promise<void> {
    return this.copies.abandon(pendingId);
  }

  private stillPending(copies: readonly PostedCopy[]): PostedCopy[] {
    const trustedSince = this.clock().getTime() - this.timings.pendingTrustMs;
    return copies.filter(
      (copy) => copy.state === 'pending' && new Date(copy.startedAt).getTime() >= trustedSince,
    );
  }

  /**
   * Rewrites the stored card, then sends it to Teams; when another sweep rewrote it meanwhile, sends the
   * newest again, so the last card Teams receives is the last one stored.
   */
  private async sweepCopy(
    first: PostedCopy,
    redaction: RedactedChange,
    texts: readonly string[],
    report: SweepReport,
  ): Promise<void> {
    let copy: PostedCopy | undefined = first;
    for (let round = 0; copy && round < MAX_ROUNDS; round++) {
      const swept = sweptCard(copy, redaction, texts);
      let id = copy.id;
      if (swept) {
        const written = await this.copies.replace(copy.id, swept.card, swept.shown);
        if (!written) {
          copy = await this.copies.read(copy.id);
          continue;
        }
        report.storedCopies += 1;
        id = written;
        copy = { ...copy, id, card: swept.card, shown: swept.shown, unsent: true };
      }
      if (!copy.unsent) return;
      if (!copy.card || !copy.reference || !copy.activityId) return;
      const result = await this.cards.updateCard(
        copy.reference,
        copy.activityId,
        JSON.parse(copy.card) as Record<string, unknown>,
      );
      if (result !== 'updated') {
        report.refused.push(`${copy.what} (posted ${copy.startedAt.slice(0, 16).replace('T', ' ')} UTC)`);
        return;
      }
      if (await this.copies.markSent(id)) {
        report.updated += 1;
        return;
      }
      // Rewritten by another sweep while this one was sending: send the newest.
      copy = await this.copies.read(id);
      if (copy) copy = { ...copy, unsent: true };
    }
  }

  /** An unconfirmed post's stored card is corrected; the post is named, as Teams may show it. */
  private async sweepUnconfirmed(
    copy: PostedCopy,
    redaction: RedactedChange,
    texts: readonly string[],
    report: SweepReport,
  ): Promise<void> {
    const showed = copy.shown.some((source) => sameChange(source, redaction));
    const swept = sweptCard(copy, redaction, texts);
    // The change stays in the index, without its words: "redact" again names this post again, as it may
    // still show them, while no stored row keeps them.
    const shown = copy.shown.map((source) =>
      sameChange(source, redaction) ? { ...source, texts: [] } : source,
    );
    const wordsKept = copy.shown.some((source) => sameChange(source, redaction) && source.texts.length > 0);
    if (
      (wordsKept || (swept && swept.card !== copy.card)) &&
      (await this.copies.replace(copy.id, swept?.card ?? copy.card ?? '', shown))
    )
      report.storedCopies += 1;
    if (showed || swept)
      report.unconfirmed.push(`${copy.what} (sent ${copy.startedAt.slice(0, 16).replace('T', ' ')} UTC)`);
  }

  /** The digest ledger's stored cards (week, extra and latest rows): stored copies, not messages. */
  private async sweepDigestLedger(texts: readonly string[], replacement: string, report: SweepReport) {
    if (texts.length === 0) return;
    // A row rewritten meanwhile (412) is left by replaceCard: look again until a pass finds nothing.
    for (let pass = 0; pass < 4; pass++) {
      if (!(await this.sweepDigestLedgerOnce(texts, replacement, report))) return;
    }
  }

  private async sweepDigestLedgerOnce(texts: readonly string[], replacement: string, report: SweepReport) {
    let found = false;
    for (const stored of await this.digestCopies.list()) {
      if (!stored.card) continue;
      let card: unknown = JSON.parse(stored.card);
      let changed = false;
      for (const text of texts) {
        const replaced = withoutRemovedText(card, text, replacement);
        if (replaced !== undefined) {
          card = replaced;
          changed = true;
        }
      }
      if (!changed) continue;
      await this.digestCopies.replaceCard(stored.id, JSON.stringify(card));
      report.storedCopies += 1;
      found = true;
    }
    return found;
  }
}

function emptyReport(): SweepReport {
  return { updated: 0, refused: [], pending: [], unconfirmed: [], storedCopies: 0 };
}
