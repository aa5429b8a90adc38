import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import type { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { buildHelpCard, buildNoticeCard, type AdaptiveCardJson } from '../cards';
import { EXECUTE_VERB, SUBMIT_VERB, readRedactChangePayload, runCommandPayload } from '../cards/verbs';
import { COMMAND_HELP, parseCommand } from '../domain/commands';
import { StoreUnavailableError } from '../storage/store-errors';
import type { BotDependencies } from './bot-dependencies';
import { CardActions } from './card-actions';
import { CommandHandlers } from './command-handlers';
import { IdentityUnavailableError } from './people-directory';
import { QuietApplication } from './quiet-application';
import { answerExecuteWithCard, replyWithCard } from './replies';
import { recordTeamInstall } from './team-installs';

/** The bot's routes: text commands, card buttons and installs. Handlers read like the turn. */
export function createApplication(
  adapter: TeamsAdapter,
  botAppId: string,
  deps: BotDependencies,
): Application<TurnState> {
  const app = new QuietApplication<TurnState>({
    adapter,
    botAppId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  const commands = new CommandHandlers(deps);
  const cardActions = new CardActions(deps);

  const runText = async (context: TurnContext, text: string, from: 'typed' | 'button' = 'typed') => {
    await deps.peopleRegister.notePersonalChat(context);
    const command = parseCommand(text, deps.plan);
    deps.logger.info({ command: command.kind, from }, 'command');
    const reply =
      from === 'button'
        ? await commands.handleFromButton(command, context)
        : await commands.handle(command, context);
    await replyWithCard(context, reply.card, reply.summary);
  };

  app.adaptiveCards.actionExecute(EXECUTE_VERB.updateStatus, async (context, _state, data) => {
    await guardInvoke(context, deps, () => cardActions.updateStatus(context, data));
    return '';
  });
  app.adaptiveCards.actionExecute(EXECUTE_VERB.refreshAction, async (context, _state, data) => {
    await guardInvoke(context, deps, () => cardActions.refreshAction(context, data));
    return '';
  });
  app.adaptiveCards.actionExecute(EXECUTE_VERB.openForm, async (context, _state, data) => {
    await guardInvoke(context, deps, () => cardActions.openForm(context, data));
    return '';
  });
  app.adaptiveCards.actionSubmit(SUBMIT_VERB.runCommand, async (context, _state, data) => {
    const payload = runCommandPayload.safeParse(data);
    await guardMessage(context, deps, () =>
      runText(context, payload.success ? payload.data.command : '', 'button'),
    );
  });

  // The history card's Redact form: the reason is what the admin typed in it, nothing else.
  app.adaptiveCards.actionSubmit(SUBMIT_VERB.redactChange, async (context, _state, data) => {
    const payload = readRedactChangePayload(data);
    await guardMessage(context, deps, async () => {
      if (!payload.success) return runText(context, '');
      await deps.peopleRegister.notePersonalChat(context);
      deps.logger.info({ command: 'redact', via: 'card' }, 'command');
      const reply = await commands.records.redact(payload.data, context);
      await replyWithCard(context, reply.card, reply.summary);
    });
  });

  app.conversationUpdate('membersAdded', async (context) => {
    const botWasAdded = context.activity.membersAdded?.some(
      (member) => member.id === context.activity.recipient.id,
    );
    if (!botWasAdded) return;
    const inTeam = context.activity.conversation?.conversationType === 'channel';
    await guardMessage(context, deps, async () => {
      await deps.peopleRegister.notePersonalChat(context);
      if (inTeam) await recordTeamInstall(context, deps.teams, deps.clock, deps.logger);
    });
    await replyWithCard(
      context,
      buildHelpCard({
        isAdmin: false,
        commands: COMMAND_HELP.filter((item) => !item.adminOnly),
        adminCommands: [],
        boardChannelSetup: inTeam,
      }),
      'Hello from the OSCB plan bot',
    );
  });

  app.activity(ActivityTypes.Message, async (context) => {
    await guardMessage(context, deps, () => runText(context, context.activity.text ?? ''));
  });

  const botRemoved = async (context: TurnContext) => {
    const channelId = (context.activity.channelData as { channel?: { id?: string } } | undefined)?.channel
      ?.id;
    const conversationId = channelId ?? context.activity.conversation.id.split(';')[0];
    await guardMessage(context, deps, () =>
      deps.boardChannels.markInactive(conversationId, 'the bot was removed', deps.clock().toISOString()),
    );
    deps.logger.warn({ conversationId }, 'bot removed from a conversation');
  };
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
    deps.logger.warn({ invokeName: context.activity.name }, 'unknown invoke answered');
    await answerExecuteWithCard(context, unknownButtonCard());
  });

  app.error(async (context, error) => {
    deps.logger.error({ err: error, activityType: context.activity.type }, 'unhandled turn error');
    await answerUnexpected(context, deps);
  });

  return app;
}

function unknownButtonCard() {
  return buildNoticeCard({
    tone: 'warning',
    title: "I don't know that button",
    text: 'It may come from an older version of this app. Nothing was changed.',
    suggestions: [{ title: 'help', command: 'help' }],
  });
}

function somethingWentWrongCard() {
  return buildNoticeCard({
    tone: 'attention',
    title: 'Something went wrong on my side',
    text: "I may not have been able to answer you properly. Check the action's history to see what is stored before repeating a change.",
    suggestions: [{ title: 'help', command: 'help' }],
  });
}

/**
 * No message turn ends in silence: one that failed for a reason nobody foresaw still gets an answer,
 * unless one was already sent (the failure came after it) or the answer cannot be sent. Card actions
 * are answered by guardInvoke.
 */
async function answerUnexpected(context: TurnContext, deps: BotDependencies): Promise<void> {
  if (context.activity.type !== ActivityTypes.Message || context.responded) return;
  try {
    await replyWithCard(context, somethingWentWrongCard(), 'Something went wrong on my side');
  } catch (error) {
    deps.logger.warn(
      { err: error, activityType: context.activity.type },
      'could not answer after a turn error',
    );
  }
}

function storeDownCard() {
  return buildNoticeCard({
    tone: 'attention',
    title: "I can't reach the plan store right now",
    text: 'Nothing was saved. Please try again in a minute.',
    suggestions: [],
  });
}

function identityUnavailableCard() {
  return buildNoticeCard({
    tone: 'warning',
    title: "I couldn't confirm who you are in Teams just now",
    text: "I couldn't confirm who you are in Teams just now; nothing was saved. Please try again.",
    suggestions: [],
  });
}

/**
 * An unreachable plan store and a Teams roster that cannot say who is asking are the failures users are
 * told about; the answer goes where the turn expects it (a reply for messages, the invoke response for
 * card actions). Anything else is rethrown.
 */
async function guardStore(
  context: TurnContext,
  deps: BotDependencies,
  work: () => Promise<void>,
  answer: (card: AdaptiveCardJson, summary: string) => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof IdentityUnavailableError) {
      deps.logger.warn({ activityType: context.activity.type }, 'answered without an identity');
      return answer(identityUnavailableCard(), "I couldn't confirm who you are in Teams just now");
    }
    if (!(error instanceof StoreUnavailableError)) throw error;
    deps.logger.error({ err: error.cause, activityType: context.activity.type }, 'plan store unavailable');
    await answer(storeDownCard(), "I can't reach the plan store right now");
  }
}

const guardMessage = (context: TurnContext, deps: BotDependencies, work: () => Promise<void>) =>
  guardStore(context, deps, work, (card, summary) => replyWithCard(context, card, summary));

/** An invoke always gets an answer: Teams shows anything else as a failed button with nothing to act on. */
async function guardInvoke(context: TurnContext, deps: BotDependencies, work: () => Promise<void>) {
  try {
    await guardStore(context, deps, work, (card) => answerExecuteWithCard(context, card));
  } catch (error) {
    deps.logger.error({ err: error, invokeName: context.activity.name }, 'card action failed');
    if (!context.turnState.get(INVOKE_RESPONSE_KEY))
      await answerExecuteWithCard(context, somethingWentWrongCard());
  }
}
