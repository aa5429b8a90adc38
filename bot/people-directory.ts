import { LRUCache } from 'lru-cache';
import type { LoginBindings } from '../domain/known-people';
import { displayName, guestHomeAddress, loginKey, MAX_ADDRESS_LENGTH, type Person } from '../domain/person';
import type { Logger } from './logger';
import { activityOf, connectorStatusOf, isConnectorFailure, type TurnContext } from './teams-turn';

const CACHE_TTL_MS = 30 * 60 * 1000;
const CACHE_LIMIT = 5000;
/** Teams user ids are about 100 characters; anything far longer is not one, and is never looked up. */
export const MAX_TEAMS_ID_LENGTH = 512;

/** Teams could not say who is asking just now (roster 401/429/5xx, a timeout, a network failure). */
export class IdentityUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The Teams roster could not be read', { cause });
    this.name = 'IdentityUnavailableError';
  }
}

/** Teams answers these when the person is not a member it can describe: a stranger, not an outage. */
const NOT_IN_ROSTER = new Set([400, 403, 404]);

interface RosterMember {
  name?: string;
  userPrincipalName?: string;
  aadObjectId?: string;
  objectId?: string;
}

/**
 * Who is speaking, by their Teams account: the Entra object id and UPN from the Teams roster API, never
 * the display name or the mail attribute. A sign-in name is bound to the first object id seen with it
 * (kept in the people table); another account presenting it later gets no rights from it. Answers are
 * cached per Teams user id; a failed lookup is not cached.
 */
export class PeopleDirectory {
  private readonly cache: LRUCache<string, Person>;
  private readonly bound = new LRUCache<string, string>({ max: CACHE_LIMIT });
  /** Asked once per turn (keyed by the turn's activity, which lives as long as the turn). */
  private readonly asked = new WeakMap<object, Promise<Person>>();

  constructor(
    private readonly logger: Logger,
    private readonly bindings: LoginBindings,
    private readonly clock: () => Date,
    now: () => number = Date.now,
  ) {
    // ttlResolution 0: the clock is read on each get, not remembered for a millisecond.
    this.cache = new LRUCache({ max: CACHE_LIMIT, ttl: CACHE_TTL_MS, ttlResolution: 0, perf: { now } });
  }

  /**
   * Throws IdentityUnavailableError when Teams cannot say who this is right now. Asked once per turn:
   * a turn that asks again (remembering a personal chat, then the command) gets the same answer.
   */
  identify(context: TurnContext): Promise<Person> {
    const key = context.activity as object;
    const asked = this.asked.get(key);
    if (asked) return asked;
    const answer = this.lookUp(context);
    this.asked.set(key, answer);
    return answer;
  }

  private async lookUp(context: TurnContext): Promise<Person> {
    const activity = activityOf(context);
    const from = activity.from;
    const rawId = typeof from?.id === 'string' ? from.id : '';
    const teamsUserId = rawId.length <= MAX_TEAMS_ID_LENGTH ? rawId : '';
    const fallback: Person = {
      name: displayName(from?.name),
      teamsUserId: teamsUserId || undefined,
    };
    if (!teamsUserId) return fallback;
    const cached = this.cache.get(teamsUserId);
    if (cached) return cached;

    let member: RosterMember;
    try {
      member = await context.api.conversations.members(activity.conversation?.id ?? '').getById(teamsUserId);
    } catch (error) {
      if (!isConnectorFailure(error)) throw error;
      const status = connectorStatusOf(error);
      const conversationType = activity.conversation?.conversationType;
      if (status !== undefined && NOT_IN_ROSTER.has(status)) {
        // Not in the roster (another tenant, a removed member): someone without a sign-in name.
        this.logger.warn({ err: error, status, conversationType }, 'roster lookup: not a member');
        return fallback;
      }
      this.logger.warn({ err: error, status, conversationType }, 'roster lookup failed');
      throw new IdentityUnavailableError(error);
    }
    const person = await this.fromRoster(member, fallback);
    this.cache.set(teamsUserId, person);
    return person;
  }

  /** For answers that need no identity: on a roster failure, an anonymous person. */
  async identifyIfPossible(context: TurnContext): Promise<Person> {
    try {
      return await this.identify(context);
    } catch (error) {
      if (!(error instanceof IdentityUnavailableError)) throw error;
      return { name: displayName(activityOf(context).from?.name) };
    }
  }

  private async fromRoster(member: RosterMember, fallback: Person): Promise<Person> {
    const rawUpn = typeof member.userPrincipalName === 'string' ? member.userPrincipalName : '';
    const upn = rawUpn.length <= MAX_ADDRESS_LENGTH ? loginKey(rawUpn) : '';
    const aadObjectId = member.aadObjectId || member.objectId || undefined;
    const person: Person = { ...fallback, name: displayName(member.name, fallback.name), aadObjectId };
    // Without an object id there is nobody to bind rights to.
    if (!upn || !aadObjectId) return person;
    // Rights are checked against the UPN and the address a guest UPN reads back to, so both are bound:
    // another spelling of a guest UPN must not inherit what the first account holds.
    const email = guestHomeAddress(upn) ?? upn;
    for (const name of new Set([upn, email])) {
      const boundTo = await this.boundObjectId(name, aadObjectId);
      if (boundTo === aadObjectId) continue;
      this.logger.warn(
        { teamsUserId: fallback.teamsUserId, aadObjectId, boundTo },
        'sign-in name presented by another Entra account: no rights granted',
      );
      return { ...person, boundElsewhere: true };
    }
    return { ...person, upn, email };
  }

  /** Bindings never change, so each is read from the table once per process. */
  private async boundObjectId(upn: string, aadObjectId: string): Promise<string> {
    const known = this.bound.get(upn);
    if (known) return known;
    const boundTo = await this.bindings.bind(upn, aadObjectId, this.clock().toISOString());
    this.bound.set(upn, boundTo);
    return boundTo;
  }
}
