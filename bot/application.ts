import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Application, type TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { buildHelpCard, buildNoticeCard, type AdaptiveCardJson } from '../cards';
import { EXECUTE_VERB, SUBMIT_VERB, runCommandPayload } from '../cards/verbs';
import { COMMAND_HELP, parseCommand } from '../domain/commands';
import { StoreUnavailableError } from '../storage/store-errors';
import type { BotDependencies } from './bot-dependencies';
import { CardActions } from './card-actions';
import { CommandHandlers } from './command-handlers';
import { answerExecuteWithCard, replyWithCard } from './replies';

/** The bot's routes: text commands, card buttons and installs. Handlers read like the turn. */
export function createApplication(
  adapter: TeamsAdapter,
  botAppId: string,
  deps: BotDependencies,
): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    botAppId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  const commands = new CommandHandlers(deps);
  const cardActions = new CardActions(deps);

  const runText = async (context: TurnContext, text: string) => {
    await deps.peopleRegister.notePersonalChat(context);
    const command = parseCommand(text, deps.plan);
    deps.logger.info({ command: command.kind }, 'command');
    const reply = await commands.handle(command, context);
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
  app.adaptiveCards.actionSubmit(SUBMIT_VERB.runCommand, async (context, _state, data) => {
    const payload = runCommandPayload.safeParse(data);
    await guardMessage(context, deps, () =>
      payload.success ? runText(context, payload.data.command) : runText(context, ''),
    );
  });

  app.conversationUpdate('membersAdded', async (context) => {
    const botWasAdded = context.activity.membersAdded?.some(
      (member) => member.id === context.activity.recipient.id,
    );
    if (!botWasAdded) return;
    await guardMessage(context, deps, async () => {
      await deps.peopleRegister.notePersonalChat(context);
      if (context.activity.conversation?.conversationType === 'channel') {
        const current = await deps.boardChannels.get();
        if (!current?.active)
          await commands.digest.recordBoardChannel(context, context.activity.from?.id ?? 'install');
      }
    });
    await replyWithCard(
      context,
      buildHelpCard({
        isAdmin: false,
        commands: COMMAND_HELP.filter((item) => !item.adminOnly),
        adminCommands: [],
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

  app.error(async (context, error) => {
    deps.logger.error({ err: error, activityType: context.activity.type }, 'unhandled turn error');
  });

  return app;
}

function storeDownCard() {
  return buildNoticeCard({
    tone: 'attention',
    title: "I can't reach the plan store right now",
    text: 'Nothing was saved. Please try again in a minute.',
    suggestions: [],
  });
}

/**
 * An unreachable plan store is the one failure users are told about; the answer goes where the turn
 * expects it (a reply for messages, the invoke response for card actions). Anything else is rethrown.
 */
async function guardStore(
  context: TurnContext,
  deps: BotDependencies,
  work: () => Promise<void>,
  answer: (card: AdaptiveCardJson) => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    deps.logger.error({ err: error.cause, activityType: context.activity.type }, 'plan store unavailable');
    await answer(storeDownCard());
  }
}

const guardMessage = (context: TurnContext, deps: BotDependencies, work: () => Promise<void>) =>
  guardStore(context, deps, work, (card) =>
    replyWithCard(context, card, "I can't reach the plan store right now"),
  );

const guardInvoke = (context: TurnContext, deps: BotDependencies, work: () => Promise<void>) =>
  guardStore(context, deps, work, (card) => answerExecuteWithCard(context, card));
