import { strict as assert } from 'node:assert';
import net from 'node:net';
import { personalMessage, testUser } from '../../scripts/support/teams-activities';
import { TestBot } from '../support/test-bot';

const chair = testUser('Chris Chair', 'chair@oscb.example');

/** Short limits so the cut-offs are seen in a second, not in Teams' 15 s. */
const LIMITS = { headersMs: 400, bodyMs: 400, keepAliveMs: 400, crowdedHeadersMs: 200 };
/** Far above every limit above, far below the defaults (15 s, 5 s): the setting, not the machine, decides. */
const CUT_BY_MS = 4_000;

interface RawClient {
  socket: net.Socket;
  /** Resolves with how long the socket stayed open, once the bot closes it. */
  closed: Promise<number>;
  received: () => string;
}

function connect(url: string): Promise<RawClient> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    let received = '';
    const opened = Date.now();
    const closed = new Promise<number>((done) => socket.once('close', () => done(Date.now() - opened)));
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.on('error', () => {});
    socket.once('connect', () => resolve({ socket, closed, received: () => received }));
    socket.once('error', reject);
  });
}

/** Writes one byte every `everyMs` until the socket closes; never finishes on its own. */
function drip(socket: net.Socket, text: string, everyMs = 50): void {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || at >= text.length) return clearInterval(timer);
    socket.write(text[at++]);
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: still open after ${ms} ms`)), ms),
    ),
  ]);
}

const HEAD = 'POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n';

describe('Slow and idle clients cannot hold the door', function () {
  this.timeout(60_000);
  let bot: TestBot;

  before(async () => {
    bot = await TestBot.start({ doorLimits: LIMITS });
    bot.meet(chair);
  });
  after(() => bot.stop());

  const cases: { name: string; send: (client: RawClient) => void }[] = [
    { name: 'a connection that never sends anything', send: () => {} },
    {
      name: 'a request head dripped a byte at a time',
      send: (c) => drip(c.socket, `${HEAD}X-Slow: ${'a'.repeat(500)}`),
    },
    {
      name: 'a body dripped a byte at a time',
      send: (c) => {
        c.socket.write(`${HEAD}Content-Length: 2000\r\n\r\n`);
        drip(c.socket, `{"type":"message","text":"${'b'.repeat(1900)}"}`);
      },
    },
    {
      name: 'a kept-alive connection left idle after its answer',
      send: (c) =>
        c.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n'),
    },
  ];
  for (const { name, send } of cases) {
    it(`closes ${name}`, async () => {
      const client = await connect(bot.url);
      send(client);
      await within(client.closed, CUT_BY_MS, name);
    });
  }

  it('answers the kept-alive request before closing it, and logs slow clients without their content', async () => {
    const client = await connect(bot.url);
    client.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    await within(client.closed, CUT_BY_MS, 'keep-alive');
    assert.match(client.received(), /^HTTP\/1\.1 200/);
    const slow = await connect(bot.url);
    slow.socket.write(`${HEAD}Content-Length: 100\r\n\r\n{"secret":"943 476 5919"`);
    await within(slow.closed, CUT_BY_MS, 'slow body');
    assert.ok(bot.logs.raw.some((line) => /client too slow/.test(line)));
    assert.ok(!bot.logs.raw.some((line) => line.includes('943 476 5919')));
  });

  it('keeps answering /healthz and turns while hundreds of idle connections crowd it', async () => {
    const crowded = await TestBot.start({ doorLimits: { ...LIMITS, headersMs: 30_000, maxConnections: 50 } });
    try {
      crowded.meet(chair);
      const idle = await Promise.all(Array.from({ length: 300 }, () => connect(crowded.url)));
      const health = await fetch(`${crowded.url}/healthz`);
      assert.equal(health.status, 200);
      const turn = await crowded.send(personalMessage(crowded.serviceUrl, chair, 'show priority 5'));
      assert.equal(turn.status, 200);
      // The idle ones were shed to make room, long before their own 30 s.
      const shed = await Promise.all(
        idle.map((client) => Promise.race([client.closed, Promise.resolve(-1)])),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      const stillOpen = idle.filter((client) => !client.socket.destroyed).length;
      assert.ok(stillOpen <= 50, `${stillOpen} idle connections still open (cap 50); ${shed.length} tried`);
      for (const client of idle) client.socket.destroy();
    } finally {
      await crowded.stop();
    }
  });

  it('under a flood beyond capacity, excess turns wait a bounded time then get 503 with Retry-After; /healthz still answers', async () => {
    const busy = await TestBot.start({
      doorLimits: { maxTurnsInFlight: 2, maxQueued: 3, queueWaitMs: 300 },
      outboundTimeoutMs: 2_000,
    });
    try {
      busy.meet(chair);
      // The connector never answers the replies, so each admitted turn holds its place until the deadline.
      busy.connector.neverAnswer((call) => call.method === 'POST' && /\/activities/.test(call.path));
      const flood = Array.from({ length: 12 }, (_, i) =>
        fetch(`${busy.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            ...personalMessage(busy.serviceUrl, chair, 'show priority 5'),
            id: `flood-${i}`,
          }),
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      const health = await fetch(`${busy.url}/healthz`);
      assert.equal(health.status, 200);
      const answers = await Promise.all(flood);
      const refused = answers.filter((answer) => answer.status === 503);
      assert.ok(refused.length >= 5, `only ${refused.length} of 12 refused with 2 in flight and 3 waiting`);
      for (const answer of refused) {
        assert.equal(answer.headers.get('retry-after'), '1');
        assert.match(await answer.text(), /busy/);
      }
      assert.ok(answers.every((answer) => answer.status === 200 || answer.status === 503));
    } finally {
      await busy.stop();
    }
  });

  describe('the turn gate sees the path that is routed', () => {
    /** One raw request (the target exactly as written), answered and closed; returns the status line's code. */
    async function rawPost(target: string, body: string): Promise<number> {
      const client = await connect(bot.url);
      client.socket.write(
        `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      await within(client.closed, CUT_BY_MS, target);
      return Number(/^HTTP\/1\.1 (\d{3})/.exec(client.received())?.[1]);
    }

    const OTHER_SPELLINGS = [
      '/%61pi/messages',
      '/api/%6Dessages',
      '/api%2Fmessages',
      '/api/messages%2F',
      '//api/messages',
      '/api/./messages',
      'http://127.0.0.1/api/messages',
      '/%68ealthz',
    ];
    for (const target of OTHER_SPELLINGS)
      it(`answers POST ${target} 404 before routing: no turn runs past the gate`, async () => {
        bot.connector.reset();
        const logLines = bot.logs.lines.length;
        const body = JSON.stringify({
          ...personalMessage(bot.serviceUrl, chair, 'help'),
          id: `spelled-${target}`,
        });
        assert.equal(await rawPost(target, body), 404);
        const turns = bot.logs.lines.slice(logLines).filter((line) => line.msg === 'turn');
        assert.deepEqual(turns, [], 'the handler did not run');
        assert.deepEqual(bot.connector.calls, [], 'nothing sent');
      });

    it('still answers the canonical path, with a query string (control)', async () => {
      const body = JSON.stringify({ ...personalMessage(bot.serviceUrl, chair, 'help'), id: 'canonical' });
      assert.equal(await rawPost('/api/messages?x=1', body), 200);
    });
  });
});
