import { spawn } from 'node:child_process';
import path from 'node:path';
import { stopChild } from '../support/stop-child';

export interface AgentsPlaygroundOptions {
  /** Where the Playground sends activities, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** 0 lets the Playground pick a free port; a busy port also makes it pick one. */
  port: number;
  /** The Playground's config file (see playground-config.ts). */
  configFile: string;
  /** Working directory for the Playground's log and any files it writes. */
  directory: string;
  openBrowser?: boolean;
  startTimeoutMs?: number;
}

export interface AgentsPlayground {
  pid: number;
  port: number;
  /** The Playground listens on all interfaces; we talk to it over loopback. */
  url: string;
  logFile: string;
  /** Settles when the process ends, for whatever reason. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

function playgroundCli(): string {
  return path.join(path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
}

/**
 * The Playground also reads settings from the environment (service URL, conversation id, delivery
 * mode, config path...); ours are passed explicitly, so none left over from elsewhere may change them.
 */
function inheritedEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(M365_AGENTS_PLAYGROUND_|TEAMSAPPTESTER_|TEAMS_APP_TEST_TOOL_)/.test(name),
    ),
  );
}

/** Starts the Microsoft 365 Agents Playground CLI as a child process that we stop by PID. */
export async function startAgentsPlayground(options: AgentsPlaygroundOptions): Promise<AgentsPlayground> {
  const logFile = path.join(options.directory, 'm365agentsplayground.log');
  const env: NodeJS.ProcessEnv = {
    ...inheritedEnvironment(),
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configFile,
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    // --disable-telemetry stops its events, but the Application Insights SDK is still set up and would
    // otherwise send its own usage statistics ("statsbeat").
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    TEAMSAPPTESTER_BROWSER: 'none',
  };
  if (options.openBrowser) delete env.TEAMSAPPTESTER_BROWSER;

  const args = [
    playgroundCli(),
    'start',
    '--port',
    String(options.port),
    '--app-endpoint',
    options.botEndpoint,
    '--channel-id',
    'msteams',
    '--disable-telemetry',
  ];
  const child = spawn(process.execPath, args, {
    cwd: options.directory,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stderr.on('data', keep);

  // With stdout not a TTY, the Playground prints exactly one line, "Listening on <port>", and logs the
  // rest to its log file.
  const port = await new Promise<number>((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(
        new Error(`Agents Playground ${reason}${output ? `:\n${output.trim()}` : ''} (log: ${logFile})`),
      );
    };
    const timer = setTimeout(
      () => fail(`did not start within ${options.startTimeoutMs ?? 20_000} ms`),
      options.startTimeoutMs ?? 20_000,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      keep(chunk);
      const match = /Listening on (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before listening`));
    child.once('error', (error) => fail(`could not be started: ${error.message}`));
  });

  return {
    pid: child.pid ?? -1,
    port,
    url: `http://127.0.0.1:${port}`,
    logFile,
    exited,
    stop: () => stopChild(child),
  };
}
