/** Someone the bot has met in Teams, kept so it can reach them later (reminders) and show them forms. */
export interface KnownPerson {
  email: string;
  name: string;
  teamsUserId: string;
  aadObjectId?: string;
  /** The conversation reference of their personal chat with the bot; opaque to the domain. */
  personalConversation?: Record<string, unknown>;
  lastSeenAt: string;
}

export interface PeopleStore {
  remember(person: KnownPerson): Promise<void>;
  findByEmail(email: string): Promise<KnownPerson | undefined>;
  all(): Promise<KnownPerson[]>;
}
