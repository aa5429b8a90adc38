import {
  executeAction,
  personalConversation,
  personalMessage,
  type TestUser,
} from '../support/teams-activities';
import { actionsOf, cardText, cardsOf } from '../support/card-content';
import type { PostedReply } from './bench-connector';
import type { HttpResult } from './http-post';
import type { BotKind } from './ipc';

/** A turn's outcome: `stale` is the bot's honest "changed since your form" answer, not an error. */
export type Verdict = { ok: true; stale?: boolean } | { ok: false; error: string };

export interface PreparedTurn {
  activity: Record<string, unknown> & { id: string };
  judge(result: HttpResult, reply: PostedReply | undefined): Verdict;
}

/** What a load run needs to know about one bot: who talks to it and the versions its actions are at. */
export interface BotUnderTest {
  kind: BotKind;
  url: string;
  serviceUrl: string;
  users: TestUser[];
  actionIds: string[];
  planTitle: string;
  versions: Map<string, number>;
  sequence: number;
}

export interface Scenario {
  name: string;
  isUpdate: boolean;
  /** Turns with the same key are not sent concurrently (updates to one action, see `actionFor`). */
  lockKey?(bot: BotUnderTest, conversation: number): string;
  /** Called once the turn may go, so it sees the versions its predecessors left. */
  prepare(bot: BotUnderTest, conversation: number): PreparedTurn;
}

const OK: Verdict = { ok: true };
const CARD = 'application/vnd.microsoft.card.adaptive';

/**
 * Conversation i updates action i mod 16, so 50 conversations share the plan's 16 actions; the load
 * generator sends one update per action at a time, which keeps card versions exact and typed updates
 * free of retries caused by the bench itself.
 */
function actionFor(bot: BotUnderTest, conversation: number): string {
  return bot.actionIds[conversation % bot.actionIds.length];
}

function failure(result: HttpResult, what: string): Verdict {
  if (result.status !== 200) return { ok: false, error: `HTTP ${result.status}` };
  return { ok: false, error: what };
}

/** The form on a returned action card carries the version the next submit must name. */
function rememberVersion(bot: BotUnderTest, actionId: string, card: unknown): void {
  const submit = actionsOf(card).find((action) => action.verb === 'updateStatus');
  const version = submit?.data?.baseVersion;
  if (typeof version === 'number') bot.versions.set(actionId, version);
}

function textTurn(
  bot: BotUnderTest,
  conversation: number,
  text: string,
  expectSummary: (summary: string) => boolean,
  onCard?: (card: unknown) => void,
): PreparedTurn {
  const activity = personalMessage(bot.serviceUrl, bot.users[conversation], text) as PreparedTurn['activity'];
  return {
    activity,
    judge(result, reply) {
      if (result.status !== 200 || !reply) return failure(result, 'no reply');
      if (bot.kind === 'echo') return reply.text === text ? OK : failure(result, 'wrong echo');
      const summary = String(reply.summary ?? '');
      if (!expectSummary(summary)) return failure(result, `replied "${summary}"`);
      onCard?.(cardsOf(reply)[0]);
      return OK;
    },
  };
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'show priority 5',
    isUpdate: false,
    prepare: (bot, conversation) =>
      textTurn(bot, conversation, 'show priority 5', (summary) => summary.startsWith('Priority 5:')),
  },
  {
    name: 'show plan',
    isUpdate: false,
    prepare: (bot, conversation) =>
      textTurn(bot, conversation, 'show plan', (summary) => summary === bot.planTitle),
  },
  {
    name: 'text update',
    isUpdate: true,
    lockKey: actionFor,
    prepare(bot, conversation) {
      const actionId = actionFor(bot, conversation);
      const text = `update ${actionId} amber bench note ${++bot.sequence}`;
      return textTurn(
        bot,
        conversation,
        text,
        (summary) => summary === `${actionId} is now Amber`,
        (card) => rememberVersion(bot, actionId, card),
      );
    },
  },
  {
    name: 'card Action.Execute update',
    isUpdate: true,
    lockKey: actionFor,
    prepare(bot, conversation) {
      const actionId = actionFor(bot, conversation);
      const user = bot.users[conversation];
      const data = {
        actionId,
        baseVersion: bot.versions.get(actionId) ?? 0,
        rag: 'amber',
        note: `bench card note ${++bot.sequence}`,
      };
      const activity = executeAction(
        bot.serviceUrl,
        user,
        'updateStatus',
        data,
        personalConversation(user),
      ) as PreparedTurn['activity'];
      return {
        activity,
        judge(result) {
          const body = result.body as { type?: string; value?: unknown } | undefined;
          if (result.status !== 200 || body?.type !== CARD) return failure(result, 'no card in the answer');
          if (bot.kind === 'echo') return OK;
          const text = cardText(body.value as Record<string, unknown>);
          rememberVersion(bot, actionId, body.value);
          if (text.includes('Saved:')) return OK;
          if (/submit anyway/i.test(text)) return { ok: true, stale: true };
          return failure(result, `card without "Saved:": ${text.slice(0, 80)}`);
        },
      };
    },
  },
];
