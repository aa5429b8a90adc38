import type http from 'node:http';
import { LoopbackService } from '../support/loopback-server';

type Activity = Record<string, unknown>;

export interface ChatMember {
  id: string;
  name: string;
  email: string;
  aadObjectId: string;
}

/**
 * Plays the Bot Connector on loopback for `npm run chat`: the bot posts its replies (and updates, and
 * proactive messages such as the digest) here, and asks here who the user is. Each activity is handed to
 * `onActivity` as it arrives.
 */
export class LoopbackConnector extends LoopbackService {
  private nextId = 1;

  constructor(
    private readonly member: ChatMember,
    private readonly onActivity: (activity: Activity, replaces: boolean) => void,
  ) {
    super();
  }

  protected override async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://loopback').pathname);
    const method = req.method ?? 'GET';
    let body: Activity = {};
    try {
      body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Activity) : {};
    } catch {
      return reply(res, 400, { error: { code: 'BadSyntax', message: 'body is not JSON' } });
    }

    if (method === 'GET' && /^\/v3\/conversations\/[^/]+\/members(\/[^/]+)?$/.test(path)) {
      const profile = {
        id: this.member.id,
        name: this.member.name,
        email: this.member.email,
        userPrincipalName: this.member.email,
        objectId: this.member.aadObjectId,
        aadObjectId: this.member.aadObjectId,
      };
      return reply(res, 200, path.endsWith('/members') ? [profile] : profile);
    }
    if (method === 'POST' && path === '/v3/conversations') {
      // A proactive conversation (a reminder, a personal digest preview): there is only one person here.
      const activity = body.activity as Activity | undefined;
      if (activity) this.onActivity(activity, false);
      return reply(res, 200, { id: `a:chat-${this.nextId++}`, activityId: `chat-${this.nextId++}` });
    }
    if (
      (method === 'POST' || method === 'PUT') &&
      /^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(path)
    ) {
      this.onActivity(body, method === 'PUT');
      return reply(res, 200, { id: `chat-${this.nextId++}` });
    }
    reply(res, 404, { error: { code: 'NotFound', message: `${method} ${path}` } });
  }
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
