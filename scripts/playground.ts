import path from 'node:path';
import { parseArgs } from 'node:util';
import { CREDENTIAL_SETTINGS, loadConfig, readEnvironment, type Config } from '../bot/config';
import { describeFailure } from '../bot/one-line-problem';
import { PLAYGROUND_BOT_NAME, PLAYGROUND_CHAIR } from './playground/playground-config';
import { startPlaygroundSession, type PlaygroundSession } from './playground/session';

const USAGE = `Usage: npm run playground -- [--port <n>] [--open] [--as chair|owner]

Starts the bot and the Microsoft 365 Agents Playground (a local, offline Teams stand-in) pointed at it.
  --port <n>  the Playground's port (default 56150; 0 for any free one)
  --open      open the Playground in your browser
  --as owner  act as an action owner (owns 5.1 and 4.3) instead of the chair (a board admin)`;

/**
 * The Playground cannot sign its requests and stands in for real Teams, so the bot always runs here in
 * local mode, on loopback, with the embedded table store: never against real credentials or data.
 */
function playgroundConfig(role: Role): Config {
  const config = loadConfig({
    ...readEnvironment(),
    ...Object.fromEntries(CREDENTIAL_SETTINGS.map((name) => [name, ''])),
    AZURE_STORAGE_CONNECTION_STRING: '',
  });
  const boardAdmins =
    role === 'chair'
      ? [...new Set([...config.boardAdmins, PLAYGROUND_CHAIR.email])]
      : [...config.boardAdmins.filter((email) => email !== PLAYGROUND_CHAIR.email), BUSINESS_MANAGER.email];
  return { ...config, boardAdmins };
}

type Role = 'chair' | 'owner';

/** A stand-in admin who assigns the owner's actions; nobody signs in as them. */
const BUSINESS_MANAGER = { name: 'Playground business manager', email: 'business.manager@oscb.example.org' };

const OWNED_AS_OWNER = ['5.1', '4.3'];

/** As an owner, the Playground user owns a couple of actions, assigned by a stand-in business manager. */
async function assignOwnedActions(session: PlaygroundSession): Promise<void> {
  const service = session.bot.stores.statusService;
  for (const actionId of OWNED_AS_OWNER) {
    await service.assignOwner({
      actionId,
      ownerEmail: PLAYGROUND_CHAIR.email,
      ownerName: PLAYGROUND_CHAIR.name,
      by: BUSINESS_MANAGER,
    });
  }
}

function dataDirectory(config: Config): string {
  return 'embedded' in config.storage ? config.storage.embedded.directory : '.data';
}

function printWelcome(session: PlaygroundSession, config: Config, role: Role): void {
  const { chair, playground, botEndpoint } = session;
  const who =
    role === 'chair'
      ? `You are ${chair.name} <${chair.email}>, a board admin (BOARD_ADMINS), so you act as the chair.`
      : `You are ${chair.name} <${chair.email}>, owner of ${OWNED_AS_OWNER.join(' and ')} (not an admin): try "my actions".`;
  console.log(`
  Agents Playground: http://localhost:${playground.port}   <- open this
  Bot:               ${botEndpoint} (local mode, table storage in ${dataDirectory(config)})

  ${who}
  Personal chat: "show priority 5", "show action 5.1", then use the card's form to post a status.
  Channels (General, Announcements): @mention "${PLAYGROUND_BOT_NAME}" first, picking it from the list.

  Playground log: ${playground.logFile}
  Ctrl+C stops both.
`);
}

class UsageError extends Error {}

function readArguments(): { port: number; open: boolean; role: Role } {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '56150' },
        open: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
        as: { type: 'string', default: 'chair' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) throw new UsageError('');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError('--port must be a port number');
  if (values.as !== 'chair' && values.as !== 'owner') throw new UsageError('--as is chair or owner');
  return { port, open: values.open, role: values.as };
}

async function main(): Promise<void> {
  const { port, open, role } = readArguments();
  const config = playgroundConfig(role);
  const session = await startPlaygroundSession({
    config,
    playgroundPort: port,
    directory: path.resolve(dataDirectory(config), 'playground'),
    openBrowser: open,
  });
  if (role === 'owner') await assignOwnedActions(session);
  printWelcome(session, config, role);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await session.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  void session.playground.exited.then(() => {
    if (stopping) return;
    console.error(`The Agents Playground stopped unexpectedly; see ${session.playground.logFile}`);
    void stop(1);
  });
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    if (!error.message) {
      console.log(USAGE);
      process.exit(0);
    }
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(describeFailure(error));
  process.exit(1);
});
