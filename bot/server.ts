import { performance } from 'node:perf_hooks';
import contentType from 'content-type';
import restify, { type Next, type Request, type Response } from 'restify';
import type { HttpRouteHandler, IHttpServerAdapter } from '@microsoft/teams.apps';
import type { Logger } from './logger';
import { inboundActivityProblem } from './inbound-activity';
import { entraTenantProblem } from './entra-tenant';
import type { KeyEndorsements } from './key-endorsements';
import { serviceUrlProblem, type ServiceUrlRules } from './service-url';
import { isLoopbackHostHeader, isLoopbackUrl } from './loopback';

export interface HealthCheck {
  (): Promise<{ healthy: boolean; details: Record<string, string> }>;
}

export interface ServerParts {
  health: HealthCheck;
  /** With credentials: the channel endorsement of the token's signing key (see KeyEndorsements). */
  endorsements?: KeyEndorsements;
  /** With credentials: the board's tenant, the only one whose Entra tokens are accepted. */
  tenantId?: string;
  logger: Logger;
  /** No inbound authentication: only this machine, and only loopback serviceUrls, are answered. */
  localMode: boolean;
  /** With credentials: where an activity's serviceUrl may point (the Bot Connector's hosts). */
  serviceUrlRules: ServiceUrlRules;
}

/** Activities are small; a body this large is a mistake or an attack. */
const MAX_BODY_BYTES = 256 * 1024;
/** Enough of a refused request's headers to recognise it in the log. */
const shown = (header: string | undefined) => header?.slice(0, 200);

/**
 * The Bot Connector always sends JSON. Refusing every other media type means no web page can post an
 * activity with a plain HTML form (form-encoded, multipart or text/plain need no CORS preflight; JSON does).
 */
export function jsonContentTypeProblem(header: string | undefined): string | undefined {
  if (!header) return 'Send the activity as application/json.';
  let parsed: contentType.ParsedMediaType;
  try {
    parsed = contentType.parse(header);
  } catch {
    return 'The Content-Type header cannot be read; send application/json.';
  }
  if (parsed.type !== 'application/json') return 'Send the activity as application/json.';
  const charset = parsed.parameters.charset?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    return 'Send the activity as UTF-8 JSON.';
  return undefined;
}

/** The one HTTP server: restify, serving /healthz itself and the Teams SDK's messaging endpoint. */
export interface BotServer {
  server: restify.Server;
  /** Handed to the SDK's App as its `httpServerAdapter`: the SDK registers /api/messages through it. */
  teamsAdapter: IHttpServerAdapter;
}

const MESSAGES_PATH = '/api/messages';

export function createServer(parts: ServerParts): BotServer {
  const { health, logger, localMode, endorsements, tenantId, serviceUrlRules } = parts;
  const server = restify.createServer({ name: 'oscb-plan-bot', handleUncaughtExceptions: false });

  const refuse = (res: Response, status: number, code: string, message: string, context: object) => {
    logger.warn({ status, ...context }, `request refused: ${message}`);
    res.send(status, { code, message });
  };

  const requireJson = (req: Request, res: Response, next: Next) => {
    const problem = jsonContentTypeProblem(req.headers['content-type']);
    if (!problem) return next();
    refuse(res, 415, 'UnsupportedMediaType', problem, { contentType: shown(req.headers['content-type']) });
    return next(false);
  };

  /** In local mode a browser page must not reach the bot, not even through a DNS name rebound to 127.0.0.1. */
  const requireThisMachine = (req: Request, res: Response, next: Next) => {
    if (!localMode) return next();
    const origin = req.headers.origin;
    if (!isLoopbackHostHeader(req.headers.host) || (origin !== undefined && !isLoopbackUrl(origin))) {
      refuse(res, 403, 'Forbidden', 'In local mode only this machine may call the bot.', {
        host: shown(req.headers.host),
        origin: shown(origin),
      });
      return next(false);
    }
    return next();
  };

  const parseBody = restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false });

  /**
   * The SDK hands over its handler (token validation, then the app's routes); everything the SDK does not
   * check runs first: local mode's Host and Origin, JSON only, a bounded body, the activity's shape.
   */
  const messages = (handler: HttpRouteHandler) =>
    server.post(MESSAGES_PATH, requireThisMachine, requireJson, parseBody, async (req, res) => {
      const started = performance.now();
      const activity = (req.body ?? {}) as {
        type?: string;
        name?: string;
        conversation?: { conversationType?: string };
      };
      const problem = inboundActivityProblem(req.body, { loopbackServiceUrlOnly: localMode });
      if (problem) {
        logger.warn({ activityType: activity.type, problem }, 'activity rejected');
        res.send(400, { code: 'BadRequest', message: problem });
        return;
      }
      const serviceUrl = (req.body as { serviceUrl?: unknown }).serviceUrl;
      const elsewhere =
        !localMode && serviceUrl !== undefined && serviceUrlProblem(serviceUrl, serviceUrlRules);
      if (elsewhere) {
        refuse(res, 403, 'Forbidden', elsewhere, {
          activityType: activity.type,
          serviceUrl: shown(String(serviceUrl)),
        });
        return;
      }
      try {
        const unendorsed =
          (tenantId && entraTenantProblem(req.headers.authorization, tenantId)) ||
          (await endorsements?.problem(
            req.headers.authorization,
            (req.body as { channelId?: unknown }).channelId,
          ));
        if (unendorsed) {
          refuse(res, 401, 'Unauthorized', unendorsed, { activityType: activity.type });
          return;
        }
        const answer = await handler({
          body: req.body as unknown,
          headers: req.headers as Record<string, string | string[]>,
        });
        if (answer.status === 401)
          logger.warn({ activityType: activity.type }, 'request refused: not authenticated');
        if (answer.body === undefined || answer.body === null) res.send(answer.status);
        else res.send(answer.status, answer.body);
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

  const teamsAdapter: IHttpServerAdapter = {
    registerRoute(method, path, handler) {
      if (method !== 'POST' || path !== MESSAGES_PATH)
        throw new Error(`the bot serves only POST ${MESSAGES_PATH}, not ${method} ${path}`);
      messages(handler);
    },
  };

  server.get('/healthz', async (_req, res) => {
    const report = await health();
    res.json(report.healthy ? 200 : 503, { status: report.healthy ? 'ok' : 'degraded', ...report.details });
  });

  return { server, teamsAdapter };
}
