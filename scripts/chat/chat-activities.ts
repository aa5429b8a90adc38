import { createHash, randomUUID } from 'node:crypto';
import type { ChatMember } from './loopback-connector';

type Activity = Record<string, unknown>;

/** Not a real tenant: the bot in local mode accepts any, and this one says where it came from. */
export const CHAT_TENANT_ID = '00000000-0000-4000-8000-00000000c4a7';
const BOT = { id: '28:oscb-plan-bot', name: 'OSCB Plan Bot' };

/** The same email is the same person across runs, so the bot's record of who said what stays consistent. */
export function chatMember(email: string, name: string): ChatMember {
  const hash = createHash('sha256').update(email.toLowerCase()).digest('hex');
  const uuid = `${hash.slice(0, 8)}-${hash.slice(8, 12)}-4${hash.slice(13, 16)}-8${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
  return { id: `29:chat-${hash.slice(0, 16)}`, name, email, aadObjectId: uuid };
}

/** Builds the activities Teams would send from a personal chat with the bot. */
export class ChatActivities {
  constructor(
    private readonly member: ChatMember,
    private readonly serviceUrl: string,
  ) {}

  private base(extra: Activity): Activity {
    return {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      from: { id: this.member.id, name: this.member.name, aadObjectId: this.member.aadObjectId },
      recipient: BOT,
      conversation: {
        id: `a:chat-${this.member.id.slice(8)}`,
        conversationType: 'personal',
        tenantId: CHAT_TENANT_ID,
      },
      channelData: { tenant: { id: CHAT_TENANT_ID } },
      locale: 'en-GB',
      ...extra,
    };
  }

  installed(): Activity {
    return this.base({ type: 'conversationUpdate', membersAdded: [BOT] });
  }

  message(text: string): Activity {
    return this.base({ type: 'message', text, textFormat: 'plain' });
  }

  submit(value: Record<string, unknown>): Activity {
    return this.base({ type: 'message', value, replyToId: 'chat-card' });
  }

  execute(verb: string, data: Record<string, unknown>): Activity {
    return this.base({
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: 'chat-card',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
  }
}
