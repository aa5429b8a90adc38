import os from 'node:os';
import readline from 'node:readline';
import { cardAsText, inputsOf, type CardButton, type CardInput } from './chat/card-text';
import { ChatActivities, chatMember } from './chat/chat-activities';
import { LoopbackConnector } from './chat/loopback-connector';
import { LOCAL_CHAIR } from '../bot/config';
import { FILE_CONSENT_CONTENT_TYPE } from '../bot/file-consent';
import { answeredHelp } from './support/help-flag';

/**
 * `npm run chat [-- --as you@example.com] [-- --url http://localhost:3978/api/messages]`: a terminal chat
 * with a bot in local mode. It plays the Bot Connector on loopback (the bot posts its replies here), prints
 * each reply card as text, and numbers the buttons: type a number to press one. Works over SSH.
 */
type Activity = Record<string, unknown>;
type Card = Record<string, unknown>;

const USAGE = `Usage: npm run chat -- [--as you@example.com] [--name "Your Name"] [--url http://localhost:3978/api/messages]

A terminal chat with a bot in local mode (npm start without BOT_ID). Type a command (try "help"), a number
to press a button, /quit to leave. With BOARD_ADMINS unset, --as ${LOCAL_CHAIR} is a board admin.
Board pack files cannot be accepted here: write them with npm run board-pack -- --out packs.`;

const TURN_TIMEOUT_MS = 30_000;
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

function option(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
}

const tty = process.stdout.isTTY === true;
// What people typed reaches this terminal: control characters (escape sequences) are not printed.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const printable = (text: string) => text.replace(CONTROL, '');
const bold = (text: string) => (tty ? `\x1b[1m${text}\x1b[22m` : text);
const dim = (text: string) => (tty ? `\x1b[2m${text}\x1b[22m` : text);

/** Teams asks the person to accept each file into their OneDrive; here there is no OneDrive to accept into. */
const FILES_LOCALLY =
  'Teams would ask you to accept these files into your OneDrive; locally, write the same files with npm run board-pack -- --out packs';

function fileOfferLine(attachment: Activity): string {
  const size = (attachment.content as { sizeInBytes?: unknown } | undefined)?.sizeInBytes;
  const kb =
    typeof size === 'number' ? ` (${Math.max(1, Math.round(size / 1024)).toLocaleString('en-GB')} KB)` : '';
  return `File offered: ${printable(String(attachment.name ?? 'a file'))}${kb}`;
}

class Chat {
  private buttons = new Map<number, CardButton>();
  private readonly pendingLines: string[] = [];
  private lineWaiter?: (line: string | undefined) => void;
  private closed = false;

  constructor(
    private readonly botUrl: string,
    private readonly activities: ChatActivities,
    input: readline.Interface,
  ) {
    input.on('line', (line) => {
      if (this.lineWaiter) {
        const waiter = this.lineWaiter;
        this.lineWaiter = undefined;
        waiter(line);
      } else this.pendingLines.push(line);
    });
    input.on('close', () => {
      this.closed = true;
      this.lineWaiter?.(undefined);
    });
  }

  /** The next line typed (or piped), or undefined at the end of input. */
  private nextLine(prompt: string): Promise<string | undefined> {
    if (process.stdin.isTTY) process.stdout.write(prompt);
    const queued = this.pendingLines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => (this.lineWaiter = resolve));
  }

  /** Prints what the bot sent: its text, and each card as a person reads it. */
  show(activity: Activity, replaces: boolean): void {
    if (activity.type !== 'message') return; // typing indicators and the like
    const lines: string[] = replaces ? [dim('(a card above now reads)')] : [];
    if (typeof activity.text === 'string' && activity.text.trim())
      lines.push(printable(activity.text.trim()));
    const attachments = (Array.isArray(activity.attachments) ? activity.attachments : []) as Activity[];
    for (const attachment of attachments) {
      if (attachment.contentType === ADAPTIVE_CARD) lines.push(...this.cardLines(attachment.content as Card));
      if (attachment.contentType === FILE_CONSENT_CONTENT_TYPE) lines.push(fileOfferLine(attachment));
    }
    if (attachments.some((attachment) => attachment.contentType === FILE_CONSENT_CONTENT_TYPE)) {
      lines.push(dim(FILES_LOCALLY));
    }
    this.print('bot', lines);
  }

  private cardLines(card: Card): string[] {
    const text = cardAsText(card, this.buttons.size + 1);
    for (const button of text.buttons) this.buttons.set(button.number, button);
    return text.lines.map((line) => (line.heading ? bold(printable(line.text)) : printable(line.text)));
  }

  private print(label: string, lines: string[]): void {
    if (!lines.length) return;
    const [first, ...rest] = lines;
    const indent = ' '.repeat(label.length + 2);
    process.stdout.write(
      `${dim(`${label}>`)} ${first}\n${rest.map((line) => `${indent}${line}\n`).join('')}`,
    );
  }

  /** False when the bot could not be reached at all. */
  async run(): Promise<boolean> {
    if (!(await this.send(this.activities.installed()))) return false;
    for (;;) {
      const line = await this.nextLine('you> ');
      if (line === undefined || ['/quit', '/exit'].includes(line.trim())) return true;
      const text = line.trim();
      if (!text) continue;
      const pressed = /^\d+$/.test(text) ? this.buttons.get(Number(text)) : undefined;
      if (/^\d+$/.test(text) && !pressed) {
        this.print('chat', [`There is no button ${text}.`]);
        continue;
      }
      if (pressed) await this.press(pressed);
      else {
        this.buttons.clear();
        await this.send(this.activities.message(text));
      }
    }
  }

  private async press({ action, card, title }: CardButton): Promise<void> {
    if (action.type === 'Action.OpenUrl') return this.print('chat', [`Open ${String(action.url)}`]);
    if (action.type === 'Action.ShowCard') {
      return this.print(title, this.cardLines((action.card ?? {}) as Card));
    }
    const values = await this.askInputs(inputsOf(card));
    if (values === undefined) return;
    const data = { ...((action.data ?? {}) as Record<string, unknown>), ...values };
    this.buttons.clear();
    if (action.type === 'Action.Execute')
      await this.send(this.activities.execute(String(action.verb ?? ''), data));
    else await this.send(this.activities.submit(data));
  }

  /** Asks for each input of the card the button is on; Enter keeps the value shown. */
  private async askInputs(inputs: CardInput[]): Promise<Record<string, string> | undefined> {
    const values: Record<string, string> = {};
    for (const input of inputs) {
      const choices = input.choices.map((choice, index) => `${index + 1}=${choice.title}`).join(', ');
      const current = input.value ? ` [${input.value}]` : '';
      const answer = await this.nextLine(
        `  ${input.label || input.id}${choices ? ` (${choices})` : ''}${current}: `,
      );
      if (answer === undefined) return undefined;
      const typed = answer.trim();
      const chosen = /^\d+$/.test(typed) ? input.choices[Number(typed) - 1]?.value : undefined;
      const byTitle = input.choices.find(
        (choice) => choice.title.toLowerCase() === typed.toLowerCase(),
      )?.value;
      values[input.id] = chosen ?? byTitle ?? (typed || input.value || '');
    }
    return values;
  }

  /** One turn: POST the activity as the Bot Connector would; replies arrive at the loopback connector. */
  private async send(activity: Activity): Promise<boolean> {
    let response: Response;
    try {
      response = await fetch(this.botUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(TURN_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      this.print('chat', [
        `Could not reach the bot at ${this.botUrl} (${cause}). Is \`npm start\` running? (--url to point elsewhere)`,
      ]);
      return false;
    }
    const body = await response.text();
    if (response.status === 401) {
      this.print('chat', [
        'The bot wants Bot Framework authentication (BOT_ID is set): npm run chat talks to a bot in local mode only.',
      ]);
      return false;
    }
    if (response.status >= 400) this.print('chat', [`The bot answered HTTP ${response.status}: ${body}`]);
    else if (activity.type === 'invoke' && body) this.showInvokeResponse(JSON.parse(body) as Activity);
    return true;
  }

  /** Teams puts an Action.Execute's answer in place of the card that was pressed. */
  private showInvokeResponse(response: Activity): void {
    if (response.type === ADAPTIVE_CARD) {
      this.print('bot', [dim('(the card you pressed now reads)'), ...this.cardLines(response.value as Card)]);
    } else if (typeof response.value === 'string') {
      this.print('bot', [printable(response.value)]);
    }
  }
}

async function main(argv: string[]): Promise<void> {
  const email = option(argv, '--as') ?? `${os.userInfo().username}@chat.localhost`;
  const name = option(argv, '--name') ?? email.split('@')[0];
  const botUrl = option(argv, '--url') ?? `http://localhost:${process.env.PORT ?? '3978'}/api/messages`;
  const member = chatMember(email, name);

  const input = readline.createInterface({ input: process.stdin, terminal: process.stdin.isTTY === true });
  const connector = new LoopbackConnector(member, (activity, replaces) => chat.show(activity, replaces));
  const serviceUrl = await connector.start();
  const chat = new Chat(botUrl, new ChatActivities(member, serviceUrl), input);
  process.stdout.write(
    dim(
      `Chatting with ${botUrl} as ${name} <${email}>. Type a command (try "help"), a number to press a button, /quit to leave.\n`,
    ),
  );
  try {
    if (!(await chat.run())) process.exitCode = 1;
  } finally {
    input.close();
    await connector.stop();
  }
}

if (answeredHelp(USAGE)) process.exitCode = 0;
else
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error((error as Error).stack ?? String(error));
    process.exitCode = 1;
  });
