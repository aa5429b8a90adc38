/** Someone talking to the bot, as Teams identifies them. Email is the identity; the name is for display. */
export interface Person {
  name: string;
  /** Lower-cased email or UPN from the Teams roster; absent when Teams could not tell us. */
  email?: string;
  teamsUserId?: string;
  aadObjectId?: string;
}

export function isBoardAdmin(person: Person, boardAdmins: readonly string[]): boolean {
  return person.email !== undefined && boardAdmins.includes(person.email);
}
