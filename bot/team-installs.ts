import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { KnownTeamStore } from '../domain/known-teams';
import type { Logger } from './logger';

/** Teams ids are well under this; a team name is shown, so it is cut to a readable length. */
const teamData = z.object({
  team: z.object({
    id: z.string().min(1).max(256),
    name: z.string().optional(),
  }),
});
const MAX_TEAM_NAME = 256;

/**
 * Records the team the app was just installed in. It does not touch the board channel: any team member
 * can install an app, and the digest (every red and amber note) must go only where an admin said.
 */
export async function recordTeamInstall(
  context: TurnContext,
  teams: KnownTeamStore,
  clock: () => Date,
  logger: Logger,
): Promise<void> {
  const parsed = teamData.safeParse(context.activity.channelData);
  if (!parsed.success) {
    logger.warn(
      { conversationType: context.activity.conversation?.conversationType },
      'install without a team id',
    );
    return;
  }
  const { id, name } = parsed.data.team;
  const installedBy = context.activity.from?.aadObjectId ?? context.activity.from?.id;
  await teams.record({
    teamId: id,
    name: name?.slice(0, MAX_TEAM_NAME),
    conversationId: context.activity.conversation.id.split(';')[0],
    installedAt: clock().toISOString(),
    installedBy: installedBy?.slice(0, 256),
  });
  logger.info({ teamId: id }, 'installed in a team; the board channel is unchanged');
}
