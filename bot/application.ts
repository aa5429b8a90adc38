import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import type { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import type { UseCases } from '../app/use-cases';
import { identityUnavailable, somethingWentWrong, storeUnavailable, unknownButton } from '../app/refusals';
import { buildCard, type AdaptiveCardJson } from '../cards';
import { EXECUTE_VERB, SUBMIT_VERB, readRedactChangePayload, runCommandPayload } from '../cards/verbs';
import { parseCommand } from '../domain/commands';
import { StoreUnavailableError } from '../domain/store-unavailable';
import type { Plan } from '../plan/plan-schema';
import type { Answer } from '../views/answer';
import { CardActions } from './card-actions';
import { commandRoutes, routeCommand } from './command-routes';
import { replyInSharedConversation } from './shared-replies';
import { channelConversationId, placeOf } from './conversation';
import type { Logger } from './logger';
import { IdentityUnavailableError, type PeopleDirectory } from './people-directory';
import type { PeopleRegister } from './people-register';
import { QuietApplication } from './quiet-application';
import { answerExecuteWithCard, replyWithAll, replyWithCard } from './replies';
import type { BoardPackDelivery } from './board-pack-delivery';
import { teamOfInstall } from './team-install';
import { turnOf } from './turn';

/** What the Teams routes need: the use cases, and the Teams-side pieces that say who is asking. */
export interface ApplicationParts {
  plan: Plan;
  useCases: UseCases;
  people: PeopleDirectory;
  peopleRegister: PeopleRegister;
  logger: Logger;
  boardPackFiles: BoardPackDelivery;
}

/** The bot's routes: activity → who and what → use case → view-model → card → reply. */
export function createApplication(
  adapter: TeamsAdapter,
  botAppId: string,
  parts: ApplicationParts,
): Application<TurnState> {
  const { plan, useCases, people, peopleRegister, logger, boardPackFiles } = parts;
  const app = new QuietApplication<TurnState>({
    adapter,
    botAppId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  const routes = commandRoutes(useCases, boardPackFiles);
  const cardActions = new CardActions(useCases.showAction, useCases.updateStatus, people, logger);
  const reply = (context: TurnContext, answer: Answer) =>
    replyWithCard(context, buildCard(answer.screen), answer.summary);

  const runText = async (context: TurnContext, text: string, from: 'typed' | 'button' = 'typed') => {
    await peopleRegister.notePersonalChat(context);
    const command = parseCommand(text, plan);
    logger.info({ command: command.kind, from }, 'command');
    const refused = from === 'button' ? useCases.commandReplies.buttonAskedForChange(command) : undefined;
    if (refused) logger.warn({ command: command.kind }, 'a button asked for a change; not run');
    if (placeOf(context.activity) === 'personal')
      return replyWithAll(context, refused ?? (await routeCommand(routes, command, turnOf(context, people))));
    // Known before the record is read: see RedactionSweep.recordPosted.
    const sealTag = useCases.redactionSweep.knownSealTag();
    const answer = refused ?? (await routeCommand(routes, command, turnOf(context, people)));
    await replyInSharedConversation(context, answer, useCases.redactionSweep, sealTag, logger);
  };

  app.adaptiveCards.actionExecute(EXECUTE_VERB.updateStatus, async (context, _state, data) => {
    await guardInvoke(context, logger, () => cardActions.updateStatus(context, data));
    return '';
  });
  app.adaptiveCards.actionExecute(EXECUTE_VERB.refreshAction, async (context, _state, data) => {
    await guardInvoke(context, logger, () => cardActions.refreshAction(context, data));
    return '';
  });
  app.adaptiveCards.actionExecute(EXECUTE_VERB.openForm, async (context, _state, data) => {
    await guardInvoke(context, logger, () => cardActions.openForm(context, data));
    return '';
  });
  app.adaptiveCards.actionSubmit(SUBMIT_VERB.runCommand, async (context, _state, data) => {
    const payload = runCommandPayload.safeParse(data);
    await guardMessage(context, logger, () =>
      runText(context, payload.success ? payload.data.command : '', 'button'),
    );
  });

  // The history card's Redact form: the reason is what the admin typed in it, nothing else.
  app.adaptiveCards.actionSubmit(SUBMIT_VERB.redactChange, async (context, _state, data) => {
    const payload = readRedactChangePayload(data);
    await guardMessage(context, logger, async () => {
      if (!payload.success) return runText(context, '');
      await peopleRegister.notePersonalChat(context);
      logger.info({ command: 'redact', via: 'card' }, 'command');
      const turn = turnOf(context, people);
      await reply(
        context,
        await useCases.redactChange.redact({
          ...payload.data,
          by: await turn.who(),
          delivery: turn.delivery,
        }),
      );
    });
  });

  // The retry after a failed upload: offers the same file again, nothing more.
  app.adaptiveCards.actionSubmit(SUBMIT_VERB.offerBoardPackFile, async (context, _state, data) => {
    await guardMessage(context, logger, () => boardPackFiles.offerAgain(context, data));
  });

  // Teams' file consent card: teams-ai answers the invoke (200) once the handler returns; the upload
  // itself runs after that answer (see BoardPackDelivery.fileConsent), so a guard here keeps every
  // failure a message to the person and never a failed invoke.
  const fileConsent = async (context: TurnContext) => {
    try {
      await guardMessage(context, logger, () => boardPackFiles.fileConsent(context));
    } catch (error) {
      logger.error({ err: error, invokeName: context.activity.name }, 'file consent failed');
      await answerUnexpected(context, logger, true);
    }
  };
  app.fileConsentAccept(fileConsent);
  app.fileConsentDecline(fileConsent);

  app.conversationUpdate('membersAdded', async (context) => {
    const botWasAdded = context.activity.membersAdded?.some(
      (member) => member.id === context.activity.recipient.id,
    );
    if (!botWasAdded) return;
    const inTeam = context.activity.conversation?.conversationType === 'channel';
    await guardMessage(context, logger, async () => {
      await peopleRegister.notePersonalChat(context);
      if (!inTeam) return;
      const team = teamOfInstall(context.activity);
      if (team) await useCases.boardChannel.installedIn(team);
      else
        logger.warn(
          { conversationType: context.activity.conversation?.conversationType },
          'install without a team id',
        );
    });
    await reply(context, useCases.help.welcome(inTeam));
  });

  app.activity(ActivityTypes.Message, async (context) => {
    await guardMessage(context, logger, () => runText(context, context.activity.text ?? ''));
  });

  const botRemoved = (context: TurnContext) =>
    guardMessage(context, logger, () =>
      useCases.boardChannel.removedFrom(channelConversationId(context.activity)),
    );
  app.conversationUpdate('membersRemoved', async (context) => {
    const removed = context.activity.membersRemoved?.some(
      (member) => member.id === context.activity.recipient.id,
    );
    if (removed) await botRemoved(context);
  });
  // Uninstalling the app from a team arrives as an installationUpdate, not as a member leaving.
  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    if (/^remove/.test(String(context.activity.action ?? ''))) await botRemoved(context);
  });

  // Registered last, so it answers only invokes no route above took: an unknown verb or invoke name gets
  // a card saying so (Teams shows a bare 501 as a failure the person cannot act on).
  app.activity(ActivityTypes.Invoke, async (context) => {
    logger.warn({ invokeName: context.activity.name }, 'unknown invoke answered');
    await answerExecuteWithCard(context, buildCard(unknownButton().screen));
  });

  app.error(async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'unhandled turn error');
    await answerUnexpected(context, logger);
  });

  return app;
}

/**
 * No message turn ends in silence: one that failed for a reason nobody foresaw still gets an answer,
 * unless one was already sent (the failure came after it) or the answer cannot be sent. Card actions
 * are answered by guardInvoke.
 */
async function answerUnexpected(context: TurnContext, logger: Logger, asMessage = false): Promise<void> {
  if ((!asMessage && context.activity.type !== ActivityTypes.Message) || context.responded) return;
  try {
    await replyWithCard(context, buildCard(somethingWentWrong().screen), 'Something went wrong on my side');
  } catch (error) {
    logger.warn({ err: error, activityType: context.activity.type }, 'could not answer after a turn error');
  }
}

/**
 * An unreachable plan store and a Teams roster that cannot say who is asking are the failures users are
 * told about; the answer goes where the turn expects it (a reply for messages, the invoke response for
 * card actions). Anything else is rethrown.
 */
async function guardStore(
  context: TurnContext,
  logger: Logger,
  work: () => Promise<void>,
  answer: (card: AdaptiveCardJson, summary: string) => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof IdentityUnavailableError) {
      logger.warn({ activityType: context.activity.type }, 'answered without an identity');
      return answer(
        buildCard(identityUnavailable().screen),
        "I couldn't confirm who you are in Teams just now",
      );
    }
    if (!(error instanceof StoreUnavailableError)) throw error;
    logger.error({ err: error.cause, activityType: context.activity.type }, 'plan store unavailable');
    await answer(buildCard(storeUnavailable().screen), "I can't reach the plan store right now");
  }
}

const guardMessage = (context: TurnContext, logger: Logger, work: () => Promise<void>) =>
  guardStore(context, logger, work, (card, summary) => replyWithCard(context, card, summary));

/** An invoke always gets an answer: Teams shows anything else as a failed button with nothing to act on. */
async function guardInvoke(context: TurnContext, logger: Logger, work: () => Promise<void>) {
  try {
    await guardStore(context, logger, work, (card) => answerExecuteWithCard(context, card));
  } catch (error) {
    logger.error({ err: error, invokeName: context.activity.name }, 'card action failed');
    if (!context.turnState.get(INVOKE_RESPONSE_KEY))
      await answerExecuteWithCard(context, buildCard(somethingWentWrong().screen));
  }
}
