import type { BoardChannelStore } from '../domain/digest-ports';
import type { KnownTeam, KnownTeamStore } from '../domain/known-teams';
import type { Person } from '../domain/person';
import type { Answer } from '../views/answer';
import type { Log } from './log';
import { notice } from './notices';
import { adminsOnly } from './refusals';

/** A team channel as Teams names it: the channel's own conversation, and how to reach it later (opaque). */
export interface ChannelAddress {
  conversationId: string;
  reference: Record<string, unknown>;
}

/**
 * Which channel gets the weekly digest. Only an admin, in that channel, says so; installing the app in a
 * team records the team and nothing more (any member can install an app).
 */
export class BoardChannel {
  constructor(
    private readonly boardChannels: BoardChannelStore,
    private readonly teams: KnownTeamStore,
    private readonly isAdmin: (person: Person) => boolean,
    private readonly clock: () => Date,
    private readonly log: Log,
  ) {}

  /** "set board channel"; `channel` is absent outside a team channel (a personal or group chat). */
  async set(by: Person, channel: ChannelAddress | undefined): Promise<Answer> {
    if (!this.isAdmin(by)) return adminsOnly();
    if (!channel) {
      return notice(
        'default',
        'The board channel has to be a team channel',
        'The digest goes to a channel of the board\'s team, not to a personal or group chat. In that channel, @mention me with "set board channel".',
        [],
      );
    }
    await this.boardChannels.set({
      conversationId: channel.conversationId,
      reference: channel.reference,
      active: true,
      setAt: this.clock().toISOString(),
      setBy: by.email ?? by.name,
    });
    this.log.info({ conversationId: channel.conversationId }, 'board channel recorded');
    return notice('good', 'Board channel set', 'The weekly digest will be posted here.', ['preview digest']);
  }

  /** The bot was removed from a conversation (or the app uninstalled): no digest goes there again. */
  async removedFrom(conversationId: string): Promise<void> {
    await this.boardChannels.markInactive(conversationId, 'the bot was removed', this.clock().toISOString());
    this.log.warn({ conversationId }, 'bot removed from a conversation');
  }

  /** Installed in a team: the team is recorded; the board channel is unchanged. */
  async installedIn(team: Omit<KnownTeam, 'installedAt'>): Promise<void> {
    await this.teams.record({ ...team, installedAt: this.clock().toISOString() });
    this.log.info({ teamId: team.teamId }, 'installed in a team; the board channel is unchanged');
  }
}
