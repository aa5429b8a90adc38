import type http from 'node:http';
import { ConnectorRoster } from '../support/connector-roster';
import { LoopbackService } from '../support/loopback-server';

/** A reply the bot posted to a conversation, keyed by the activity it answers. */
export type PostedReply = Record<string, unknown>;

/**
 * The Bot Connector's role for the bench: answers roster lookups and accepts replies, keeping each reply
 * only until the load generator takes it. Unlike the test suite's recording connector it keeps no log,
 * so memory stays flat over thousands of turns.
 */
export class BenchConnector extends LoopbackService {
  /** Who the bench's users are, for the bot's roster lookups. */
  readonly roster = new ConnectorRoster();
  private readonly replies = new Map<string, PostedReply>();
  calls = 0;
  rosterLookups = 0;
  /** How late roster lookups are answered: a Teams answering near the bot's roster deadline. */
  rosterDelayMs = 0;
  unexpected: string[] = [];

  /** The reply to the activity with this id, removed from the connector. */
  takeReply(activityId: string): PostedReply | undefined {
    const reply = this.replies.get(activityId);
    this.replies.delete(activityId);
    return reply;
  }

  /** Replies nobody took (a turn that answered twice, say); cleared. */
  drainStray(): number {
    const stray = this.replies.size;
    this.replies.clear();
    return stray;
  }

  protected override async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.calls += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);

    const lookup = this.roster.answer(req.method, path);
    if (lookup) {
      this.rosterLookups += 1;
      if (this.rosterDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.rosterDelayMs));
      return json(res, lookup.status, lookup.body);
    }
    const reply = /^\/v3\/conversations\/[^/]+\/activities(?:\/([^/]+))?$/.exec(path);
    if ((req.method === 'POST' || req.method === 'PUT') && reply) {
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as PostedReply;
      const answers = (activity.replyToId as string | undefined) ?? reply[1];
      if (answers) this.replies.set(answers, activity);
      return json(res, 200, { id: `reply-${this.calls}` });
    }
    if (this.unexpected.length < 20) this.unexpected.push(`${req.method} ${path}`);
    json(res, 404, { error: { code: 'NotFound', message: `${req.method} ${path}` } });
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
