import type { PeopleStore } from '../domain/known-people';
import { boundedConversationReference } from './conversation-reference';
import type { Logger } from './logger';
import type { PeopleDirectory } from './people-directory';
import { activityOf, type TurnContext } from './teams-turn';

/**
 * Keeps each person's personal-chat conversation reference (for reminders later) and Teams user id (for
 * card refreshes). Written once per person per process, not on every turn.
 */
export class PeopleRegister {
  private readonly written = new Set<string>();

  constructor(
    private readonly directory: PeopleDirectory,
    private readonly store: PeopleStore,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  /** Best effort: when Teams cannot say who this is right now, the next turn will. */
  async notePersonalChat(context: TurnContext): Promise<void> {
    const activity = activityOf(context);
    if (activity.conversation?.conversationType !== 'personal') return;
    const person = await this.directory.identifyIfPossible(context);
    if (!person.email || !person.teamsUserId) return;
    const key = `${person.email}|${activity.conversation.id}`;
    if (this.written.has(key)) return;
    const reference = boundedConversationReference(activity);
    if (!reference) return;
    await this.store.remember({
      email: person.email,
      name: person.name,
      teamsUserId: person.teamsUserId,
      aadObjectId: person.aadObjectId,
      personalConversation: { ...reference },
      lastSeenAt: this.clock().toISOString(),
    });
    this.written.add(key);
    this.logger.info({ teamsUserId: person.teamsUserId }, 'remembered personal chat');
  }
}
