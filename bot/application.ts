import type { App } from '@microsoft/teams.apps';
import type { WatchSaves } from '../app/save-watch';
import type { UseCases } from '../app/use-cases';
import { identityUnavailable, somethingWentWrong, storeUnavailable, unknownButton } from '../app/refusals';
import { buildCard, type AdaptiveCardJson } from '../cards';
import { EXECUTE_VERB, SUBMIT_VERB, readRedactChangePayload, runCommandPayload } from '../cards/verbs';
import { parseCommand, type ChatText } from '../domain/commands';
import { StoreUnavailableError } from '../domain/store-unavailable';
import type { Plan } from '../plan/plan-schema';
import type { Answer } from '../views/answer';
import { CardActions } from './card-actions';
import { commandRoutes, routeCommand } from './command-routes';
import { replyInSharedConversation } from './shared-replies';
import { channelConversationId, placeOf } from './conversation';
import type { Logger } from './logger';
import { commandText } from './mention-text';
import { IdentityUnavailableError, type PeopleDirectory } from './people-directory';
import type { PeopleRegister } from './people-register';
import { executeAnswer, replyWithAll, replyWithCard, type ExecuteResponse } from './replies';
import type { BoardPackDelivery } from './board-pack-delivery';
import { teamOfInstall } from './team-install';
import {
  activityOf,
  connectorStatusOf,
  hasResponded,
  isConnectorFailure,
  type InboundActivity,
  type TurnContext,
} from './teams-turn';
import { tenantProblem } from './tenant-check';
import { turnOf } from './turn';
import { answerWithin, TURN_ANSWER_MS } from './turn-answer';
import type { WorkAfterAnswer } from './work-after-answer';

/** What the Teams routes need: the use cases, and the Teams-side pieces that say who is asking. */
export interface ApplicationParts {
  plan: Plan;
  useCases: UseCases;
  people: PeopleDirectory;
  peopleRegister: PeopleRegister;
  logger: Logger;
  boardPackFiles: BoardPackDelivery;
  /** Single tenant: activities from any other tenant are refused before any route runs. */
  tenantId?: string;
  /** Where a turn's work goes on once the turn has been answered (see answerWithin). */
  workAfterAnswer: WorkAfterAnswer;
  /** Tests shorten how long a turn waits for its own work before it is answered. */
  turnAnswerMs?: number;
  /** Lets a card action's deadline know whether the record write it waits for was sent or committed. */
  watchSaves: WatchSaves;
  invokeDeadlineMs?: number;
}

/** What the SDK's routes hand a handler; read through TurnContext and activityOf. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RouteContext = any;

/**
 * app.on, with the answer typed as the bot builds it: the SDK types each invoke's answer by its name, and
 * the bot answers every card invoke with the Universal Actions card response (replies.ts).
 */
function on(app: App, name: string, handler: (context: RouteContext) => Promise<unknown>): void {
  app.on(name as 'activity', handler as never);
}

/** Teams' Action.Execute names its verb; Action.Submit arrives as a message with the card's data as value. */
const executeVerbOf = (activity: InboundActivity): unknown =>
  (activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
const submitVerbOf = (activity: InboundActivity): unknown =>
  !activity.text && typeof activity.value === 'object' && activity.value !== null
    ? (activity.value as { verb?: unknown }).verb
    : undefined;

/**
 * The bot's routes on the SDK's App, keyed by activity type: activity → who and what → use case →
 * view-model → card → reply. Handlers return their invoke's answer; nothing here sends a typing indicator.
 */
export function registerRoutes(app: App, parts: ApplicationParts): void {
  const { plan, useCases, people, peopleRegister, logger, boardPackFiles, tenantId } = parts;
  /** Messages and conversation updates are answered with 200 whatever happens, so need not wait long. */
  const answered = (what: string, work: Promise<void>) =>
    answerWithin(what, work, parts.turnAnswerMs ?? TURN_ANSWER_MS, parts.workAfterAnswer, logger);
  const routes = commandRoutes(useCases, boardPackFiles);
  const cardActions = new CardActions(
    useCases.showAction,
    useCases.updateStatus,
    people,
    logger,
    parts.watchSaves,
    parts.invokeDeadlineMs,
    useCases.escalations,
  );
  const reply = (context: TurnContext, answer: Answer) =>
    replyWithCard(context, buildCard(answer.screen), answer.summary);

  const runText = async (
    context: TurnContext,
    text: string | ChatText,
    from: 'typed' | 'button' = 'typed',
  ) => {
    await peopleRegister.notePersonalChat(context);
    const command = parseCommand(text, plan);
    logger.info({ command: command.kind, from }, 'command');
    const refused = from === 'button' ? useCases.commandReplies.buttonAskedForChange(command) : undefined;
    if (refused) logger.warn({ command: command.kind }, 'a button asked for a change; not run');
    if (placeOf(activityOf(context)) === 'personal')
      return replyWithAll(context, refused ?? (await routeCommand(routes, command, turnOf(context, people))));
    // Known before the record is read: see RedactionSweep.recordPosted.
    const sealTag = useCases.redactionSweep.knownSealTag();
    const answer = refused ?? (await routeCommand(routes, command, turnOf(context, people)));
    await replyInSharedConversation(context, answer, useCases.redactionSweep, sealTag, logger);
  };

  // The tenant check, before any other route: a verified token only says the activity came through the
  // Bot Framework channel, and a multi-tenant Teams channel signs other tenants' activities too.
  app.use(async (context: RouteContext) => {
    const activity = activityOf(context);
    const problem = tenantId ? tenantProblem(activity, tenantId) : undefined;
    if (!problem) return context.next();
    logger.warn(
      { activityType: activity.type, problem, conversationType: activity.conversation?.conversationType },
      'activity refused: not from the board tenant',
    );
    return { status: 403, body: { code: 'Forbidden', message: problem } };
  });

  const execute: Record<string, (context: TurnContext, data: unknown) => Promise<ExecuteResponse>> = {
    [EXECUTE_VERB.updateStatus]: (context, data) => cardActions.updateStatus(context, data),
    [EXECUTE_VERB.refreshAction]: (context, data) => cardActions.refreshAction(context, data),
    [EXECUTE_VERB.openForm]: (context, data) => cardActions.openForm(context, data),
    [EXECUTE_VERB.assignOwner]: (context, data) => cardActions.assignOwner(context, data),
  };
  on(app, 'card.action', async (context: RouteContext) => {
    const activity = activityOf(context);
    const verb = executeVerbOf(activity);
    const action = typeof verb === 'string' && Object.hasOwn(execute, verb) ? execute[verb] : undefined;
    if (!action) return unknownInvoke(activity, logger);
    const data = (activity.value as { action?: { data?: unknown } }).action?.data;
    return guardInvoke(context, logger, () => action(context, data));
  });

  const submit: Record<string, (context: TurnContext, data: unknown) => Promise<void>> = {
    [SUBMIT_VERB.runCommand]: async (context, data) => {
      const payload = runCommandPayload.safeParse(data);
      await runText(context, payload.success ? payload.data.command : '', 'button');
    },
    // The history card's Redact form: the reason is what the admin typed in it, nothing else.
    [SUBMIT_VERB.redactChange]: async (context, data) => {
      const payload = readRedactChangePayload(data);
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
    },
    // The retry after a failed upload: offers the same file again, nothing more.
    [SUBMIT_VERB.offerBoardPackFile]: (context, data) => boardPackFiles.offerAgain(context, data),
  };
  on(app, 'message', async (context: RouteContext) => {
    const activity = activityOf(context);
    const verb = submitVerbOf(activity);
    const action = typeof verb === 'string' && Object.hasOwn(submit, verb) ? submit[verb] : undefined;
    await answered(
      'message reply',
      guardTurn(context, logger, () =>
        guardMessage(context, logger, () =>
          action ? action(context, activity.value) : runText(context, commandText(activity)),
        ),
      ),
    );
  });

  // Teams' file consent card: the SDK answers the invoke (200) once the handler returns; the upload
  // itself runs after that answer (see BoardPackDelivery.fileConsent), so a guard here keeps every
  // failure a message to the person and never a failed invoke.
  on(app, 'file.consent', async (context: RouteContext) => {
    try {
      await guardMessage(context, logger, () => boardPackFiles.fileConsent(context));
    } catch (error) {
      logger.error({ err: error, invokeName: activityOf(context).name }, 'file consent failed');
      await answerUnexpected(context, logger, true);
    }
  });

  const botRemoved = (context: TurnContext) =>
    guardMessage(context, logger, () =>
      useCases.boardChannel.removedFrom(channelConversationId(activityOf(context))),
    );
  on(app, 'conversationUpdate', async (context: RouteContext) => {
    const activity = activityOf(context);
    const isBot = (member: { id?: string }) => member.id === activity.recipient?.id;
    await answered(
      'conversation update',
      guardTurn(context, logger, async () => {
        if (activity.membersAdded?.some(isBot)) await botAdded(context);
        if (activity.membersRemoved?.some(isBot)) await botRemoved(context);
      }),
    );
  });
  const botAdded = async (context: TurnContext) => {
    const activity = activityOf(context);
    const inTeam = activity.conversation?.conversationType === 'channel';
    await guardMessage(context, logger, async () => {
      await peopleRegister.notePersonalChat(context);
      if (!inTeam) return;
      const team = teamOfInstall(activity);
      if (team) await useCases.boardChannel.installedIn(team);
      else
        logger.warn(
          { conversationType: activity.conversation?.conversationType },
          'install without a team id',
        );
    });
    await reply(context, useCases.help.welcome(inTeam));
  };
  // Uninstalling the app from a team arrives as an installationUpdate, not as a member leaving.
  on(app, 'installationUpdate', async (context: RouteContext) => {
    if (/^remove/.test(String(activityOf(context).action ?? '')))
      await guardTurn(context, logger, () => botRemoved(context));
  });

  // The bot has no sign-in: these replace the SDK's default sign-in handlers, so that every invoke runs
  // after the tenant check above, and is answered as a button the bot does not know.
  for (const name of ['signin.token-exchange', 'signin.verify-state', 'signin.failure'] as const)
    on(app, name, async (context: RouteContext) => unknownInvoke(activityOf(context), logger));

  // Registered last, so it answers only invokes no route above took: an unknown verb or invoke name gets
  // a card saying so (Teams shows a bare 501 as a failure the person cannot act on).
  on(app, 'invoke', async (context: RouteContext) => unknownInvoke(activityOf(context), logger));
}

function unknownInvoke(activity: InboundActivity, logger: Logger): ExecuteResponse {
  logger.warn({ invokeName: activity.name }, 'unknown invoke answered');
  return executeAnswer(buildCard(unknownButton().screen));
}

/** A turn that failed for a reason nobody foresaw is logged, and a message still gets an answer. */
async function guardTurn(context: TurnContext, logger: Logger, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.error({ err: error, activityType: activityOf(context).type }, 'unhandled turn error');
    // A Bot Connector that did not answer (or failed) the reply would not take a second message either.
    if (isConnectorFailure(error) && (connectorStatusOf(error) ?? 500) >= 500) return;
    await answerUnexpected(context, logger);
  }
}

/**
 * No message turn ends in silence: one that failed for a reason nobody foresaw still gets an answer,
 * unless one was already sent (the failure came after it) or the answer cannot be sent. Card actions
 * are answered by guardInvoke.
 */
async function answerUnexpected(context: TurnContext, logger: Logger, asMessage = false): Promise<void> {
  if ((!asMessage && activityOf(context).type !== 'message') || hasResponded(context)) return;
  try {
    await replyWithCard(context, buildCard(somethingWentWrong().screen), 'Something went wrong on my side');
  } catch (error) {
    logger.warn(
      { err: error, activityType: activityOf(context).type },
      'could not answer after a turn error',
    );
  }
}

/**
 * An unreachable plan store and a Teams roster that cannot say who is asking are the failures users are
 * told about; the answer goes where the turn expects it (a reply for messages, the invoke response for
 * card actions). Anything else is rethrown.
 */
async function guardStore<T>(
  context: TurnContext,
  logger: Logger,
  work: () => Promise<T>,
  answer: (card: AdaptiveCardJson, summary: string) => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof IdentityUnavailableError) {
      logger.warn({ activityType: activityOf(context).type }, 'answered without an identity');
      return answer(
        buildCard(identityUnavailable().screen),
        "I couldn't confirm who you are in Teams just now",
      );
    }
    if (!(error instanceof StoreUnavailableError)) throw error;
    logger.error({ err: error.cause, activityType: activityOf(context).type }, 'plan store unavailable');
    return answer(buildCard(storeUnavailable().screen), "I can't reach the plan store right now");
  }
}

const guardMessage = (context: TurnContext, logger: Logger, work: () => Promise<void>) =>
  guardStore(context, logger, work, (card, summary) => replyWithCard(context, card, summary));

/** An invoke always gets an answer: Teams shows anything else as a failed button with nothing to act on. */
async function guardInvoke(
  context: TurnContext,
  logger: Logger,
  work: () => Promise<ExecuteResponse>,
): Promise<ExecuteResponse> {
  try {
    return await guardStore(context, logger, work, async (card) => executeAnswer(card));
  } catch (error) {
    logger.error({ err: error, invokeName: activityOf(context).name }, 'card action failed');
    return executeAnswer(buildCard(somethingWentWrong().screen));
  }
}
