import type { InboundActivity as Activity } from './teams-turn';
import { z } from 'zod';
import type { KnownTeam } from '../domain/known-teams';
import { channelConversationId } from './conversation';

/** Teams ids are well under this; a team name is shown, so it is cut to a readable length. */
const teamData = z.object({
  team: z.object({
    id: z.string().min(1).max(256),
    name: z.string().optional(),
  }),
});
const MAX_TEAM_NAME = 256;

/** The team an install arrived from, read from its channelData; undefined when Teams did not say. */
export function teamOfInstall(activity: Activity): Omit<KnownTeam, 'installedAt'> | undefined {
  const parsed = teamData.safeParse(activity.channelData);
  if (!parsed.success) return undefined;
  const { id, name } = parsed.data.team;
  const installedBy = activity.from?.aadObjectId ?? activity.from?.id;
  return {
    teamId: id,
    name: name?.slice(0, MAX_TEAM_NAME),
    conversationId: channelConversationId(activity),
    installedBy: installedBy?.slice(0, 256),
  };
}
