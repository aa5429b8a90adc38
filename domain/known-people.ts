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

/** Which Entra account a sign-in name belongs to: the first one seen with it, for good. */
export interface LoginBindings {
  /** Binds `login` to `aadObjectId` unless it is bound already; answers the object id it is bound to. */
  bind(login: string, aadObjectId: string, at: string): Promise<string>;
}
