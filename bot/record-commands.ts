import type { TurnContext } from 'botbuilder';
import { buildHistoryCard } from '../cards';
import { findAction } from '../domain/plan-lookup';
import type { ChangeRedactionOutcome } from '../domain/change-redaction';
import { historyView } from '../domain/views/action-views';
import type { BotDependencies } from './bot-dependencies';
import { isPersonalChat } from './action-card-views';
import type { CommandReply } from './command-handlers';
import { deliveryOf } from './delivery';
import { notice } from './notices';

/** The record of an action: its history, page by page, and taking a note out of it (admins). */
export class RecordCommands {
  constructor(private readonly deps: BotDependencies) {}

  async history(actionId: string, page: number, context: TurnContext): Promise<CommandReply> {
    const action = findAction(this.deps.plan, actionId);
    if (!action)
      return notice('warning', 'Not in the plan', `There is no action ${actionId}.`, ['show plan']);
    const history = await this.deps.statusService.historyPage(action, page);
    if (!history) {
      const { pages } = (await this.deps.statusService.historyPage(action, 1)) ?? { pages: 1 };
      return notice(
        'default',
        'No such page',
        `The history of ${action.id} has ${pages === 1 ? '1 page' : `${pages} pages`}.`,
        [`history ${action.id}`],
      );
    }
    // History needs no identity; only the admin's Redact buttons do, so a roster failure just hides them.
    const viewer = await this.deps.people.identifyIfPossible(context);
    // Redact buttons only where the admin alone sees them: a channel's card is everyone's.
    const canRedact = isPersonalChat(context) && this.deps.statusService.isAdmin(viewer);
    const view = historyView(
      history,
      { now: this.deps.clock(), timeZone: this.deps.timeZone },
      { canRedact },
    );
    return { summary: `History of ${action.id}`, card: buildHistoryCard(view) };
  }

  async redact(
    request: { actionId: string; version: number; reason: string },
    context: TurnContext,
  ): Promise<CommandReply> {
    const by = await this.deps.people.identify(context);
    const outcome = await this.deps.redaction.redact({ ...request, by, delivery: deliveryOf(context) });
    return redactionReply(outcome);
  }
}

function redactionReply(outcome: ChangeRedactionOutcome): CommandReply {
  switch (outcome.kind) {
    case 'redacted': {
      const { action, audit, replacement } = outcome;
      const copies =
        outcome.cardsNotUpdated && outcome.cardsNotUpdated > 0
          ? ` ${outcome.cardsNotUpdated} posted digest card(s) could not be updated in Teams; their stored copies were.`
          : outcome.cardsUpdated
            ? ` ${outcome.cardsUpdated} posted digest card(s) updated.`
            : '';
      return notice(
        'good',
        `Note of #${audit.redactsVersion} redacted`,
        `Change #${audit.redactsVersion} of ${action.id} now reads "${replacement}". The redaction is recorded as #${audit.version}.${copies}`,
        [`history ${action.id}`],
      );
    }
    case 'unknownAction':
      return notice('warning', 'Not in the plan', `There is no action ${outcome.actionId}.`, ['show plan']);
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
        `${outcome.actionId} has no change #${outcome.version}: it has ${outcome.changes === 1 ? 'only 1 change' : `only ${outcome.changes} changes`}.`,
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
