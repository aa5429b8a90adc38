import type { PlaygroundUser } from './playground-config';

/**
 * The bot recognises people (and the chair's admin rights) by the email or userPrincipalName that
 * TeamsInfo.getMember returns, so check that the Playground's roster API answers with it.
 */
export async function checkRosterEmail(
  playgroundUrl: string,
  conversationId: string,
  user: PlaygroundUser,
): Promise<void> {
  const url = `${playgroundUrl}/_connector/v3/conversations/${encodeURIComponent(conversationId)}/members/${encodeURIComponent(user.id)}`;
  const response = await fetch(url);
  const body = await response.text();
  let member: { email?: unknown; userPrincipalName?: unknown } = {};
  try {
    member = JSON.parse(body) as typeof member;
  } catch {
    // Reported below with the raw body.
  }
  const email = String(member.email || member.userPrincipalName || '').toLowerCase();
  if (!response.ok || email !== user.email) {
    throw new Error(
      `The Playground's roster API (GET ${url}) answered ${response.status} ${body}; ` +
        `the bot needs email or userPrincipalName "${user.email}" to know ${user.name}.`,
    );
  }
}
