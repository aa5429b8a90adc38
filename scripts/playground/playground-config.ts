import fs from 'node:fs';
import path from 'node:path';

/** Someone the Playground lets you be, as its roster API (TeamsInfo.getMember) reports them. */
export interface PlaygroundUser {
  id: string;
  name: string;
  email: string;
}

/** The Playground's own default user, kept as is so that its documentation still applies. */
export const PLAYGROUND_CHAIR: PlaygroundUser = {
  id: 'user-id-0',
  name: 'Alex Wilber',
  email: 'alexw@example.com',
};

export const PLAYGROUND_BOT_NAME = 'OSCB Plan Bot';
export const PLAYGROUND_TEAM_NAME = 'OSCB Board';

/** The Playground insists on exactly five other users; these are its defaults. */
const OTHER_USERS: PlaygroundUser[] = [
  { id: 'user-id-1', name: 'Megan Bowen', email: 'meganb@example.com' },
  { id: 'user-id-2', name: 'Adele Vance', email: 'adelev@example.com' },
  { id: 'user-id-3', name: 'Isaiah Langer', email: 'isaiahl@example.com' },
  { id: 'user-id-4', name: 'Patti Fernandez', email: 'pattif@example.com' },
  { id: 'user-id-5', name: 'Lynne Robbins', email: 'lynner@example.com' },
];

function account(user: PlaygroundUser, index: number) {
  const [givenName, ...rest] = user.name.split(' ');
  return {
    id: user.id,
    name: user.name,
    // Sic: the Playground's schema spells it this way, and reports it as userPrincipalName.
    userPrincipleName: user.email,
    aadObjectId: `00000000-0000-0000-0000-0000000000${20 + index}`,
    givenName,
    surname: rest.join(' '),
    email: user.email,
  };
}

/**
 * The Playground's config file (schema 0.1.1). Written by us so that the chair, the chat ids and the
 * names are known before it starts, whatever .m365agentsplayground.yml lies in the working directory.
 */
export function playgroundConfig(personalChatId: string) {
  return {
    version: '0.1.1',
    tenantId: '00000000-0000-0000-0000-000000000001',
    bot: { id: '00000000-0000-0000-0000-000000000011', name: PLAYGROUND_BOT_NAME },
    currentUser: account(PLAYGROUND_CHAIR, 0),
    users: OTHER_USERS.map((user, index) => account(user, index + 1)),
    personalChat: { id: personalChatId },
    groupChat: { id: `${personalChatId}-group`, name: 'Board members' },
    team: {
      id: 'team-id',
      name: PLAYGROUND_TEAM_NAME,
      aadGroupId: '00000000-0000-0000-0000-000000000031',
      channels: [{ id: 'channel-announcements-id', name: 'Announcements' }],
    },
  };
}

/** JSON is valid YAML, so no YAML library is needed. Returns the file's path. */
export function writePlaygroundConfig(directory: string, personalChatId: string): string {
  fs.mkdirSync(directory, { recursive: true });
  const file = path.join(directory, '.m365agentsplayground.yml');
  fs.writeFileSync(file, `${JSON.stringify(playgroundConfig(personalChatId), null, 2)}\n`);
  return file;
}
