import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import { PLAYGROUND_CHAIR } from '../../scripts/playground/playground-config';
import { startPlaygroundSession, type PlaygroundSession } from '../../scripts/playground/session';
import { sharedAzurite, uniqueTablePrefix } from './azurite';
import { repoRoot, shippedPlanFile } from '../../scripts/support/repo-paths';
import { LogCapture } from './test-bot';

export const artifactsDirectory = path.join(repoRoot, 'test', 'artifacts', 'playground');

export interface TestPlayground {
  session: PlaygroundSession;
  logs: LogCapture;
  stop(): Promise<void>;
}

/** The real bot on the shared Azurite, with the Playground's user as chair, and the Playground on any port. */
export async function startTestPlayground(): Promise<TestPlayground> {
  const logs = new LogCapture();
  const config = loadConfig({
    PORT: '0',
    AZURE_STORAGE_CONNECTION_STRING: (await sharedAzurite()).connectionString,
    TABLE_PREFIX: uniqueTablePrefix(),
    PLAN_FILE: shippedPlanFile,
    BOARD_ADMINS: PLAYGROUND_CHAIR.email,
    DIGEST_SCHEDULE: 'off',
    LOG_LEVEL: 'debug',
  });
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-playground-'));
  const session = await startPlaygroundSession({
    config,
    composition: { logger: createLogger(config.logLevel, logs) },
    playgroundPort: 0,
    directory,
  });
  return {
    session,
    logs,
    async stop() {
      await session.stop();
      fs.mkdirSync(artifactsDirectory, { recursive: true });
      fs.writeFileSync(path.join(artifactsDirectory, 'bot.log'), `${logs.raw.join('\n')}\n`);
      if (fs.existsSync(session.playground.logFile)) {
        fs.copyFileSync(
          session.playground.logFile,
          path.join(artifactsDirectory, 'm365agentsplayground.log'),
        );
      }
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The Playground's chat, driven as a person would: its compose box, its Adaptive Cards. */
export class PlaygroundChat {
  constructor(private readonly page: Page) {}

  /** The compose box is a Lexical editor, not an input; card inputs are never contenteditable. */
  private get composeBox(): Locator {
    return this.page.locator('[contenteditable="true"][role="textbox"]');
  }

  get cards(): Locator {
    return this.page.locator('.ac-adaptiveCard');
  }

  card(hasText: string | RegExp): Locator {
    return this.cards.filter({ hasText });
  }

  async send(text: string): Promise<void> {
    await this.composeBox.click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: path.join(artifactsDirectory, `${name}.png`) });
  }
}
