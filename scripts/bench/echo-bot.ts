import restify from 'restify';
import { App, type HttpRouteHandler } from '@microsoft/teams.apps';
import { odata, TableClient } from '@azure/data-tables';

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

/** The rows a show reads for the shipped plan: its 16 current statuses. */
export const FLOOR_ROWS = 16;

/**
 * The floor's one read: a range query for 16 rows in one partition, as a show command makes for the
 * shipped plan. Seeded once when the table is new.
 */
export async function floorRead(connectionString: string, tableName: string): Promise<() => Promise<number>> {
  const table = TableClient.fromConnectionString(connectionString, tableName, {
    allowInsecureConnection: true,
  });
  await table.createTable();
  for (let index = 1; index <= FLOOR_ROWS; index += 1)
    await table.upsertEntity({
      partitionKey: 'floor',
      rowKey: `cur|${index}`,
      rag: 'amber',
      note: 'On track',
    });
  const filter = odata`PartitionKey eq ${'floor'} and RowKey ge ${'cur|'} and RowKey lt ${'cur}'}`;
  return async () => {
    const rows = [];
    for await (const row of table.listEntities({ queryOptions: { filter } })) rows.push(row);
    return rows.length;
  };
}

/**
 * The framework's floor: the Teams SDK's `App` behind restify (through its HTTP server adapter, as the
 * bot runs), unauthenticated as local mode is, replying with the text it was sent (and a one-line card to
 * an Action.Execute), with no cards or logging. With `read`, every turn first makes that one table read
 * (the floor the show commands are held to); without it, no storage at all (the cold start's floor).
 */
export function createEchoBot(host: string, port: number, read?: () => Promise<number>): EchoBot {
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
    if (read) await read();
    await context.send({ type: 'message', text: text ?? '', replyToId: id } as never);
  });
  app.on('card.action', async (context) => {
    const data = (context.activity.value.action as { data?: { note?: string } }).data;
    if (read) await read();
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
