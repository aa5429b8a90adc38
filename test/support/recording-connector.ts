import type http from 'node:http';
import { ConnectorRoster, isRosterLookup, type RosterMember } from '../../scripts/support/connector-roster';
import { LoopbackService } from '../../scripts/support/loopback-server';

/** One request the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
  headers: http.IncomingHttpHeaders;
  /** The id Teams gave a new message (a channel post's message id, a reply's activity id). */
  answeredId?: string;
}

/**
 * Every message the bot posted outside personal chats, as Teams shows it now: the post, or the last
 * update (PUT) to it.
 */
export function sharedMessagesNow(calls: readonly ConnectorCall[]): string[] {
  const updates = new Map<string, string>();
  for (const call of calls)
    if (call.method === 'PUT')
      updates.set(call.path.split('/activities/')[1] ?? '', JSON.stringify(call.body));
  return calls
    .filter((call) => call.method === 'POST' && call.answeredId && !call.path.includes('a:personal-'))
    .map((call) => updates.get(call.answeredId ?? '') ?? JSON.stringify(call.body));
}

/** A new conversation: how a bot starts a new post in a channel (or a new chat). */
export function isNewConversation(call: ConnectorCall): boolean {
  return call.method === 'POST' && call.path === '/v3/conversations';
}

/** One PUT the bot made to the stand-in OneDrive upload session. */
export interface UploadCall {
  path: string;
  /** The query string, where OneDrive puts the session's token. */
  search: string;
  headers: http.IncomingHttpHeaders;
  bytes: Buffer;
}

/** Where the stand-in OneDrive takes uploads; a file consent accept names a URL under it. */
const UPLOAD_PATH = '/upload/';

/** A scripted answer for the next matching calls: e.g. 429 twice, or 403 for ever. */
export interface ScriptedFailure {
  match: (call: ConnectorCall) => boolean;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many calls it applies to; Infinity for all. */
  times: number;
  /** Teams made the post before failing to answer (a gateway's 502/504): it is in the conversation. */
  posted?: boolean;
}

/** Matches the bot replacing a message it posted (updateActivity): PUT …/activities/<id>. */
export const updateActivityCall = (call: ConnectorCall): boolean =>
  call.method === 'PUT' && /\/v3\/conversations\/[^/]+\/activities\/[^/]+$/.test(call.path);

/** The roster lookup for one Teams user id (GET …/members/<id>). */
export const rosterLookup = (call: ConnectorCall): boolean => isRosterLookup(call.method, call.path);

/**
 * Plays the Bot Connector service (the activity's serviceUrl) over real HTTP: accepts the bot's replies,
 * updates and proactive conversations, answers roster lookups, and records every call for assertions.
 */
export class RecordingConnector extends LoopbackService {
  readonly calls: ConnectorCall[] = [];
  private readonly roster = new ConnectorRoster();
  private readonly failures: ScriptedFailure[] = [];
  private readonly silences: { match: (call: ConnectorCall) => boolean; times: number; posted: boolean }[] =
    [];
  private readonly holds: {
    match: (call: ConnectorCall) => boolean;
    arrived: (call: ConnectorCall) => void;
    released: Promise<void>;
  }[] = [];
  private nextId = 1;
  /** PUTs to the upload URLs handed out by uploadUrl(), in order. */
  readonly uploads: UploadCall[] = [];
  private uploadAnswer: number | 'never' = 201;

  /**
   * An upload session URL on this server, as Teams' accept names one: its token in the query string.
   * What the bot PUTs there is recorded in `uploads`, and answered as answerUploads() says.
   */
  uploadUrl(name: string, token = 'upload-session-token'): string {
    return `${this.url.replace(/\/$/, '')}${UPLOAD_PATH}${encodeURIComponent(name)}?tempauth=${token}`;
  }

  /** How the stand-in OneDrive answers uploads: a status (201 by default), or never. */
  answerUploads(answer: number | 'never'): void {
    this.uploadAnswer = answer;
  }

  addMember(member: RosterMember): void {
    this.roster.add(member);
  }

  /** Adds people made up for a test to the roster, their email as their sign-in name. */
  meet(...people: RosterMember[]): void {
    this.roster.meet(...people);
  }

  failNext(failure: ScriptedFailure): void {
    this.failures.push(failure);
  }

  /**
   * Holds the next matching request (recorded at once) until release() is called: a Teams that answers
   * late, on cue, so a test can order a race exactly. `reached` resolves when the request arrives.
   */
  hold(match: (call: ConnectorCall) => boolean): { reached: Promise<ConnectorCall>; release: () => void } {
    let arrived: (call: ConnectorCall) => void = () => undefined;
    let release: () => void = () => undefined;
    const reached = new Promise<ConnectorCall>((resolve) => (arrived = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.push({ match, arrived, released });
    return { reached, release };
  }

  /** Accepts matching requests and never answers them (a connector that hangs), until stop(). */
  neverAnswer(match: (call: ConnectorCall) => boolean, times = Infinity, posted = false): void {
    this.silences.push({ match, times, posted });
  }

  reset(): void {
    this.calls.length = 0;
    this.uploads.length = 0;
    this.uploadAnswer = 201;
    this.failures.length = 0;
    this.silences.length = 0;
    this.holds.length = 0;
  }

  /** New posts in a channel: POST /v3/conversations naming the channel, as Teams documents for bots. */
  channelPosts(channelId: string): ConnectorCall[] {
    return this.calls.filter(
      (call) =>
        isNewConversation(call) &&
        (call.body?.channelData as { channel?: { id?: string } } | undefined)?.channel?.id === channelId,
    );
  }

  /** Activities the bot sent (new messages and replies), in order. */
  sentActivities(): Record<string, unknown>[] {
    return this.calls
      .filter(
        (call) =>
          call.method === 'POST' && /\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(call.path),
      )
      .map((call) => call.body ?? {});
  }

  /** Activities the bot replaced (updateActivity). */
  updatedActivities(): Record<string, unknown>[] {
    return this.calls.filter((call) => call.method === 'PUT').map((call) => call.body ?? {});
  }

  protected override async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const address = new URL(req.url ?? '/', 'http://x');
    if (address.pathname.startsWith(UPLOAD_PATH)) {
      const bytes = Buffer.concat(chunks);
      this.uploads.push({ path: address.pathname, search: address.search, headers: req.headers, bytes });
      if (this.uploadAnswer === 'never') return;
      // OneDrive answers the last byte range with the drive item it made.
      return this.json(res, this.uploadAnswer, { id: 'drive-item-1', size: bytes.length });
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent(address.pathname);
    const call: ConnectorCall = {
      method: req.method ?? 'GET',
      path,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
      headers: req.headers,
    };
    this.calls.push(call);

    const held = this.holds.findIndex((candidate) => candidate.match(call));
    if (held >= 0) {
      const [{ arrived, released }] = this.holds.splice(held, 1);
      arrived(call);
      await released;
    }

    const silence = this.silences.find((candidate) => candidate.times > 0 && candidate.match(call));
    if (silence) {
      silence.times -= 1;
      if (silence.posted) call.answeredId = String(1_700_000_000_000 + this.nextId++);
      return;
    }

    const failure = this.failures.find((candidate) => candidate.times > 0 && candidate.match(call));
    if (failure) {
      failure.times -= 1;
      if (failure.posted) call.answeredId = String(1_700_000_000_000 + this.nextId++);
      res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
      res.end(
        JSON.stringify(
          failure.body ?? { error: { code: 'ScriptedFailure', message: `status ${failure.status}` } },
        ),
      );
      return;
    }

    const lookup = this.roster.answer(call.method, path);
    if (lookup) return this.json(res, lookup.status, lookup.body);
    const channelId = (call.body?.channelData as { channel?: { id?: unknown } } | undefined)?.channel?.id;
    if (call.method === 'POST' && path === '/v3/conversations' && typeof channelId === 'string') {
      // A new post in a channel: Teams answers the thread's conversation id and the post's message id.
      const messageId = String(1_700_000_000_000 + this.nextId++);
      call.answeredId = messageId;
      return this.json(res, 201, { id: `${channelId};messageid=${messageId}`, activityId: messageId });
    }
    if (call.method === 'POST' && path === '/v3/conversations') {
      return this.json(res, 200, {
        id: `a:personal-${this.nextId++}`,
        activityId: `activity-${this.nextId++}`,
      });
    }
    if ((call.method === 'POST' || call.method === 'PUT') && /\/activities(\/[^/]+)?$/.test(path)) {
      const id = `activity-${this.nextId++}`;
      if (call.method === 'POST') call.answeredId = id;
      return this.json(res, 200, { id });
    }
    this.json(res, 404, { error: { code: 'NotFound', message: `${call.method} ${path}` } });
  }

  private json(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}
