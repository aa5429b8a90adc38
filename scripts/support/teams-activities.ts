import { randomUUID } from 'node:crypto';

/* Activities as Teams sends them to the bot, from made-up people: for the test suite and the bench. */

export const TENANT_ID = '11111111-2222-3333-4444-555555555555';
export const BOT = { id: '28:00000000-0000-0000-0000-000000000000', name: 'OSCB Plan Bot' };
export const BOARD_TEAM_ID = '19:board-team@thread.tacv2';
export const BOARD_CHANNEL_ID = '19:board-general@thread.tacv2';

export interface TestUser {
  id: string;
  name: string;
  email: string;
  aadObjectId: string;
}

export function testUser(name: string, email: string): TestUser {
  return { id: `29:${randomUUID()}`, name, email, aadObjectId: randomUUID() };
}

type Activity = Record<string, unknown>;

function base(serviceUrl: string, user: TestUser, conversation: Activity, extra: Activity): Activity {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: BOT,
    conversation: { tenantId: TENANT_ID, ...conversation },
    channelData: { tenant: { id: TENANT_ID } },
    locale: 'en-GB',
    ...extra,
  };
}

export function personalConversation(user: TestUser): Activity {
  return { id: `a:personal-${user.id}`, conversationType: 'personal' };
}

export function channelConversation(threadId = BOARD_CHANNEL_ID): Activity {
  return { id: `${threadId};messageid=${Date.now()}`, conversationType: 'channel', isGroup: true };
}

export function personalMessage(serviceUrl: string, user: TestUser, text: string): Activity {
  return base(serviceUrl, user, personalConversation(user), { type: 'message', text, textFormat: 'plain' });
}

/** A channel message that @mentions the bot, as Teams sends it. */
export function channelMention(
  serviceUrl: string,
  user: TestUser,
  text: string,
  channelId = BOARD_CHANNEL_ID,
): Activity {
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...base(serviceUrl, user, channelConversation(channelId), {
      type: 'message',
      text: `${mention} ${text}`,
    }),
    entities: [{ type: 'mention', text: mention, mentioned: BOT }],
    channelData: { tenant: { id: TENANT_ID }, team: { id: BOARD_TEAM_ID }, channel: { id: channelId } },
  };
}

/** An Action.Execute (Universal Actions) invoke from a card. */
export function executeAction(
  serviceUrl: string,
  user: TestUser,
  verb: string,
  data: unknown,
  conversation: Activity,
  trigger: 'manual' | 'automatic' = 'manual',
): Activity {
  return base(serviceUrl, user, conversation, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'card-message-1',
    value: { action: { type: 'Action.Execute', verb, data }, trigger },
  });
}

/** An Action.Submit from a card: a message activity whose value is the button's data. */
export function submitAction(
  serviceUrl: string,
  user: TestUser,
  data: unknown,
  conversation: Activity,
): Activity {
  return base(serviceUrl, user, conversation, { type: 'message', value: data, replyToId: 'card-message-1' });
}

export function botInstalledInChannel(
  serviceUrl: string,
  user: TestUser,
  channelId = BOARD_CHANNEL_ID,
): Activity {
  return {
    ...base(
      serviceUrl,
      user,
      { id: channelId, conversationType: 'channel', isGroup: true },
      { type: 'conversationUpdate' },
    ),
    membersAdded: [BOT],
    channelData: {
      tenant: { id: TENANT_ID },
      team: { id: BOARD_TEAM_ID, name: 'Safeguarding Board' },
      channel: { id: channelId },
      eventType: 'teamMemberAdded',
    },
  };
}

export function botInstalledPersonally(serviceUrl: string, user: TestUser): Activity {
  return {
    ...base(serviceUrl, user, personalConversation(user), { type: 'conversationUpdate' }),
    membersAdded: [BOT],
  };
}
