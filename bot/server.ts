import { performance } from 'node:perf_hooks';
import restify from 'restify';
import type { TurnContext } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from './logger';
import { inboundActivityProblem } from './inbound-activity';

export interface HealthCheck {
  (): Promise<{ healthy: boolean; details: Record<string, string> }>;
}

export interface ServerParts {
  adapter: TeamsAdapter;
  runTurn: (context: TurnContext) => Promise<void>;
  health: HealthCheck;
  logger: Logger;
}

/** Activities are small; a body this large is a mistake or an attack. */
const MAX_BODY_BYTES = 256 * 1024;

export function createServer({ adapter, runTurn, health, logger }: ServerParts): restify.Server {
  const server = restify.createServer({ name: 'oscb-plan-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    const started = performance.now();
    const activity = (req.body ?? {}) as {
      type?: string;
      name?: string;
      conversation?: { conversationType?: string };
    };
    const problem = inboundActivityProblem(req.body);
    if (problem) {
      logger.warn({ activityType: activity.type, problem }, 'activity rejected');
      res.send(400, { code: 'BadRequest', message: problem });
      return;
    }
    try {
      await adapter.process(req, res, runTurn);
    } finally {
      logger.info(
        {
          activityType: activity.type,
          activityName: activity.name,
          conversationType: activity.conversation?.conversationType,
          status: res.statusCode,
          latencyMs: Math.round((performance.now() - started) * 10) / 10,
        },
        'turn',
      );
    }
  });

  server.get('/healthz', async (_req, res) => {
    const report = await health();
    res.json(report.healthy ? 200 : 503, { status: report.healthy ? 'ok' : 'degraded', ...report.details });
  });

  return server;
}
