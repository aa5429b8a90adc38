import restify from 'restify';
import { App, type HttpRouteHandler } from '@microsoft/teams.apps';

export interface EchoBot {
  listen(): Promise<number>;
  close(): Promise<void>;
}

const silent = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  trace: () => undefined,
  log: () => undefined,
  child: () => silent,
};

/**
 * The framework's floor: the Teams SDK's `App` behind restify (through its HTTP server adapter, as the
 * bot runs), unauthenticated as local mode is, replying with the text it was sent (and a one-line card to
 * an Action.Execute), with no storage, cards or logging.
 */
export function createEchoBot(host: string, port: number): EchoBot {
  const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  const app = new App({
    dangerouslyAllowUnauthenticatedRequests: true,
    logger: silent,
    state: false,
    httpServerAdapter: {
      registerRoute(_method, path, handler: HttpRouteHandler) {
        server.post(path, async (req, res) => {
          const answer = await handler({
            body: req.body as unknown,
            headers: req.headers as Record<string, string | string[]>,
          });
          res.send(answer.status, answer.body);
        });
      },
    },
  });
  app.on('message', async (context) => {
    // A reply to the message (replyToId), as the bot sends its answers.
    const { text, id } = context.activity;
    await context.send({ type: 'message', text: text ?? '', replyToId: id } as never);
  });
  app.on('card.action', async (context) => {
    const data = (context.activity.value.action as { data?: { note?: string } }).data;
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: data?.note ?? '' }] },
    } as never;
  });
  return {
    listen: async () => {
      await app.initialize();
      return new Promise((resolve) => server.listen(port, host, () => resolve(server.address().port)));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
