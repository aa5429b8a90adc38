/** A person in a conversation's roster, as the Bot Connector describes them. */
export interface RosterMember {
  id: string;
  name: string;
  email?: string;
  userPrincipalName?: string;
  aadObjectId?: string;
}

/** An answer a stand-in Bot Connector sends back as JSON. */
export interface ConnectorAnswer {
  status: number;
  body: unknown;
}

const ROSTER_LOOKUP = /^\/v3\/conversations\/[^/]+\/members\/([^/]+)$/;

/** Whether a request is a roster lookup for one Teams user id (GET /v3/conversations/<id>/members/<user id>). */
export function isRosterLookup(method: string | undefined, path: string): boolean {
  return method === 'GET' && ROSTER_LOOKUP.test(path);
}

/** The people a stand-in Bot Connector knows, answering roster lookups as the real one does. */
export class ConnectorRoster {
  private readonly members = new Map<string, RosterMember>();

  add(member: RosterMember): void {
    this.members.set(member.id, member);
  }

  /** People made up for tests or the bench, whose sign-in name (UPN) is their email. */
  meet(...people: RosterMember[]): void {
    for (const person of people) this.add({ ...person, userPrincipalName: person.email });
  }

  /** The answer to a roster lookup, or undefined when the request is not one. */
  answer(method: string | undefined, path: string): ConnectorAnswer | undefined {
    const userId = method === 'GET' ? ROSTER_LOOKUP.exec(path)?.[1] : undefined;
    if (userId === undefined) return undefined;
    const found = this.members.get(userId);
    if (!found)
      return { status: 404, body: { error: { code: 'MemberNotFoundInConversation', message: 'not found' } } };
    // The connector names the Entra object id `objectId`.
    return { status: 200, body: { ...found, objectId: found.aadObjectId } };
  }
}
