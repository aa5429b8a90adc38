/** A person in a conversation's roster, as the Bot Connector describes them. */
export interface RosterMember {
  id: string;
  name: string;
  email?: string;
  userPrincipalName?: string;
  aadObjectId?: string;
}

/** The Teams user id a roster lookup (GET /v3/conversations/<id>/members/<user id>) asks about. */
export function rosterLookupUserId(method: string | undefined, path: string): string | undefined {
  if (method !== 'GET') return undefined;
  return /^\/v3\/conversations\/[^/]+\/members\/([^/]+)$/.exec(path)?.[1];
}

/** A roster lookup's answer: the connector names the Entra object id `objectId`. */
export function rosterAnswer(member: RosterMember): Record<string, unknown> {
  return { ...member, objectId: member.aadObjectId };
}
