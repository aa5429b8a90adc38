/**
 * A team the app was installed in. Kept so admins can see where the bot is; it never becomes the board
 * channel by itself (an admin says `set board channel` in the channel the digest should go to).
 */
export interface KnownTeam {
  teamId: string;
  name?: string;
  /** The conversation the install arrived in (the team's General channel). */
  conversationId: string;
  installedAt: string;
  /** The Entra object id (or Teams id) of whoever installed it, when Teams says. */
  installedBy?: string;
}

export interface KnownTeamStore {
  record(team: KnownTeam): Promise<void>;
  all(): Promise<KnownTeam[]>;
}
