import { randomUUID } from 'node:crypto';
import { composeBot, type Bot, type CompositionOptions } from '../../bot/composition-root';
import type { Config } from '../../bot/config';
import { startAgentsPlayground, type AgentsPlayground } from './agents-playground';
import { PLAYGROUND_CHAIR, writePlaygroundConfig, type PlaygroundUser } from './playground-config';
import { checkRosterEmail } from './roster-check';

export interface PlaygroundSessionOptions {
  /** The bot's configuration; BOARD_ADMINS should name PLAYGROUND_CHAIR for the chair's view. */
  config: Config;
  composition?: CompositionOptions;
  /** The Playground's port; 0 for any free one. */
  playgroundPort: number;
  /** Holds the Playground's config file and log. */
  directory: string;
  openBrowser?: boolean;
}

export interface PlaygroundSession {
  bot: Bot;
  botEndpoint: string;
  playground: AgentsPlayground;
  chair: PlaygroundUser;
  personalChatId: string;
  stop(): Promise<void>;
}

/** The real bot, then the Agents Playground pointed at it, its roster checked. */
export async function startPlaygroundSession(options: PlaygroundSessionOptions): Promise<PlaygroundSession> {
  const bot = await composeBot(options.config, options.composition);
  let playground: AgentsPlayground | undefined;
  try {
    const botEndpoint = `http://127.0.0.1:${await bot.listen()}/api/messages`;
    const personalChatId = randomUUID();
    playground = await startAgentsPlayground({
      botEndpoint,
      port: options.playgroundPort,
      configFile: writePlaygroundConfig(options.directory, personalChatId),
      directory: options.directory,
      openBrowser: options.openBrowser,
    });
    await checkRosterEmail(playground.url, personalChatId, PLAYGROUND_CHAIR);
    const started = playground;
    return {
      bot,
      botEndpoint,
      playground: started,
      chair: PLAYGROUND_CHAIR,
      personalChatId,
      // The Playground first: its open connections would otherwise hold the bot's server open.
      async stop() {
        await started.stop();
        await bot.close();
      },
    };
  } catch (error) {
    await playground?.stop();
    await bot.close();
    throw error;
  }
}
