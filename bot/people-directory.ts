import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Person } from '../domain/person';
import type { Logger } from './logger';

interface CachedPerson {
  person: Person;
  expiresAt: number;
}

const CACHE_TTL_MS = 30 * 60 * 1000;
const CACHE_LIMIT = 5000;

function statusCodeOf(error: unknown): number | undefined {
  const code = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/**
 * Who is speaking, by their Teams account: the email/UPN comes from the Teams roster API, never from the
 * display name. Answers are cached per Teams user id; a failed lookup is not cached.
 */
export class PeopleDirectory {
  private readonly cache = new Map<string, CachedPerson>();

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async identify(context: TurnContext): Promise<Person> {
    const from = context.activity.from;
    const teamsUserId = from?.id ?? '';
    const cached = this.cache.get(teamsUserId);
    if (cached && cached.expiresAt > this.now()) return cached.person;

    const fallback: Person = { name: from?.name || 'Someone', teamsUserId, aadObjectId: from?.aadObjectId };
    if (!teamsUserId) return fallback;
    try {
      const member = await TeamsInfo.getMember(context, teamsUserId);
      const email = (member.email || member.userPrincipalName || '').trim().toLowerCase();
      const person: Person = {
        ...fallback,
        name: member.name || fallback.name,
        email: email || undefined,
        aadObjectId: member.aadObjectId || fallback.aadObjectId,
      };
      this.remember(teamsUserId, person);
      return person;
    } catch (error) {
      const status = statusCodeOf(error);
      // Not in the roster (a guest, another tenant, a removed member): they are someone without an email.
      if (status === undefined || ![400, 403, 404].includes(status)) throw error;
      this.logger.warn(
        { err: error, status, conversationType: context.activity.conversation?.conversationType },
        'roster lookup failed',
      );
      return fallback;
    }
  }

  private remember(teamsUserId: string, person: Person): void {
    if (this.cache.size >= CACHE_LIMIT) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(teamsUserId, { person, expiresAt: this.now() + CACHE_TTL_MS });
  }
}
