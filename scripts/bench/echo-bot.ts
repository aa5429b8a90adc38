import restify from 'restify';
import { ActivityTypes, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';

/** Never authenticated: local mode, as the bench runs the real bot. */
const LOCAL_BOT_ID = '00000000-0000-0000-0000-000000000000';

export interface EchoBot {
  listen(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The framework's floor: teams-ai `Application` on a `TeamsAdapter` behind restify, replying with the
 * text it was sent (and a one-line card to an Action.Execute), with no storage, cards or logging.
 */
export function createEchoBot(host: string, port: number): EchoBot {
  const adapter = new TeamsAdapter({}, new ConfigurationServiceClientCredentialFactory({}));
  const app = new Application<TurnState>({
    adapter,
    botAppId: LOCAL_BOT_ID,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  app.activity(ActivityTypes.Message, async (context) => {
    await context.sendActivity(context.activity.text ?? '');
  });
  app.adaptiveCards.actionExecute<{ note?: string }>(/.*/, async (_context, _state, data) => ({
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: data.note ?? '' }],
  }));

  const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, async (context) => {
      await app.run(context);
    });
  });
  return {
    listen: () => new Promise((resolve) => server.listen(port, host, () => resolve(server.address().port))),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
