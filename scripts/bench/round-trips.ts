import type { BenchConnector } from './bench-connector';
import type { CountingProxy } from './counting-proxy';
import { postJson } from './http-post';
import type { BotUnderTest, Scenario } from './scenarios';

export interface RoundTrips {
  /** Table requests of each counted turn. */
  perTurn: number[];
  /** Connector requests (roster lookups, the reply) of each counted turn. */
  connectorPerTurn: number[];
  /** What the last counted turn asked Azurite for. */
  requests: string[];
  errors: string[];
}

/** One turn alone, with the table requests it caused. */
async function countedTurn(
  bot: BotUnderTest,
  connector: BenchConnector,
  proxy: CountingProxy,
  scenario: Scenario,
  conversation: number,
): Promise<{ table: number; connector: number; requests: string[]; error?: string }> {
  const turn = scenario.prepare(bot, conversation);
  proxy.reset();
  const connectorBefore = connector.calls;
  const answer = await postJson(bot.url, turn.activity);
  const counted = proxy.reset();
  const verdict = turn.judge(answer, connector.takeReply(turn.activity.id));
  return {
    table: counted.count,
    connector: connector.calls - connectorBefore,
    requests: counted.requests,
    error: verdict.ok ? undefined : verdict.error,
  };
}

/**
 * Sequential single turns (concurrency 1) against a bot whose table endpoint is the counting proxy.
 * `firstTurn` is the speaker's very first turn (the bot learns who they are); the counted turns after
 * it are steady state.
 */
export async function countRoundTrips(
  bot: BotUnderTest,
  connector: BenchConnector,
  proxy: CountingProxy,
  scenarios: Scenario[],
  turns: number,
): Promise<{ byScenario: Map<string, RoundTrips>; firstTurn: { table: number; requests: string[] } }> {
  const newcomer = await countedTurn(bot, connector, proxy, scenarios[0], 0);
  const byScenario = new Map<string, RoundTrips>();
  for (const scenario of scenarios) {
    const counts: RoundTrips = { perTurn: [], connectorPerTurn: [], requests: [], errors: [] };
    for (let index = 0; index < turns; index++) {
      const turn = await countedTurn(bot, connector, proxy, scenario, 0);
      if (turn.error) counts.errors.push(turn.error);
      counts.perTurn.push(turn.table);
      counts.connectorPerTurn.push(turn.connector);
      counts.requests = turn.requests;
    }
    byScenario.set(scenario.name, counts);
  }
  return { byScenario, firstTurn: { table: newcomer.table, requests: newcomer.requests } };
}
