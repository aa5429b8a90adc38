import { strict as assert } from 'node:assert';
import type { BoardPackFile } from '../../app/board-packs';
import { FILE_CONSENT_CONTENT_TYPE, FILE_INFO_CONTENT_TYPE } from '../../bot/file-consent';
import { SUBMIT_VERB } from '../../cards/verbs';
import { actionsOf } from '../../scripts/support/card-content';
import {
  channelMention,
  personalConversation,
  personalMessage,
  submitAction,
  testUser,
  type TestUser,
} from '../../scripts/support/teams-activities';
import { fileConsentInvoke } from '../support/file-consent-activity';
import { attachmentsOf, texts, type Attachment, type Sent } from '../support/sent-cards';
import { startBoardBot } from '../support/board-bot';
import { chair } from '../support/people';
import type { TestBot } from '../support/test-bot';

const owner = testUser('Olu Owner', 'owner@agency.example');
const TOKEN = 'secret-upload-token-4711';

describe('board pack files in Teams: the file consent flow', function () {
  this.timeout(120_000);
  let bot: TestBot;
  /** The files the bot drew, in order, as the use case handed them over. */
  const drawn: BoardPackFile[] = [];

  before(async () => {
    bot = await startBoardBot({ admins: [chair], others: [owner], uploadTimeoutMs: 1000 });
    const boardPacks = bot.bot.useCases.boardPacks;
    const file = boardPacks.file.bind(boardPacks);
    boardPacks.file = async (...args) => {
      const drawnFile = await file(...args);
      drawn.push(drawnFile);
      return drawnFile;
    };
  });
  beforeEach(() => {
    bot.connector.reset();
    drawn.length = 0;
  });
  after(async () => bot.stop());

  /** Sends an activity and waits for everything it started (an upload runs after the invoke's answer). */
  async function exchange(activity: Record<string, unknown>): Promise<{ status: number; sent: Sent[] }> {
    const before = bot.connector.sentActivities().length;
    const { status } = await bot.send(activity);
    await bot.bot.workAfterAnswer.settled();
    return { status, sent: bot.connector.sentActivities().slice(before) };
  }

  async function offer(user = chair, text = 'board pack'): Promise<{ sent: Sent[]; offers: Attachment[] }> {
    const { status, sent } = await exchange(personalMessage(bot.serviceUrl, user, text));
    assert.equal(status, 200);
    return { sent, offers: attachmentsOf(sent, FILE_CONSENT_CONTENT_TYPE) };
  }

  function accept(user: TestUser, context: unknown, name = 'OSCB board pack.docx') {
    return exchange(
      fileConsentInvoke(bot.serviceUrl, user, {
        action: 'accept',
        context,
        uploadInfo: {
          name,
          uploadUrl: bot.connector.uploadUrl(name, TOKEN),
          contentUrl: `https://contoso-my.sharepoint.com/personal/chair/Documents/Applications/${encodeURIComponent(name)}`,
          uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C8C',
          fileType: name.split('.').pop(),
        },
      }),
    );
  }

  it('a redelivered accept (the same activity, in turn or at once) uploads once and answers as the first did', async () => {
    const { offers } = await offer();
    const name = offers[0].name as string;
    const invoke = fileConsentInvoke(bot.serviceUrl, chair, {
      action: 'accept',
      context: offers[0].content.acceptContext,
      uploadInfo: {
        name,
        uploadUrl: bot.connector.uploadUrl(name, TOKEN),
        contentUrl: `https://contoso-my.sharepoint.com/personal/chair/Documents/Applications/${encodeURIComponent(name)}`,
        uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C8C',
        fileType: 'docx',
      },
    });
    const uploadsBefore = bot.connector.uploads.length;
    const first = await exchange(invoke);
    const again = await exchange(invoke);
    assert.equal(first.status, 200);
    assert.equal(again.status, 200);
    assert.equal(bot.connector.uploads.length, uploadsBefore + 1, 'one upload for one accept');
    assert.equal(attachmentsOf(again.sent, FILE_INFO_CONTENT_TYPE).length, 0, 'no second file card');
    // Teams resending while the first is still being answered: still one upload.
    const { offers: next } = await offer();
    const second = {
      ...invoke,
      id: `${String(invoke.id)}-b`,
      value: { ...(invoke.value as object), context: next[0].content.acceptContext },
    };
    const before = bot.connector.uploads.length;
    const answers = await Promise.all([bot.send(second), bot.send(second), bot.send(second)]);
    await bot.bot.workAfterAnswer.settled();
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 200, 200],
    );
    assert.equal(bot.connector.uploads.length, before + 1);
  });

  it('an admin asking in a personal chat gets the summary, then a consent card per file', async () => {
    const { sent, offers } = await offer();
    assert.match(texts(sent), /Board pack as at/);
    assert.equal(offers.length, 2);
    assert.deepEqual(
      offers.map((card) => (card.content.acceptContext as { format: string }).format),
      ['docx', 'xlsx'],
    );
    for (const card of offers) {
      assert.match(card.name ?? '', /^OSCB board pack \d{4}-\d{2}-\d{2}\.(docx|xlsx)$/);
      assert.equal(typeof card.content.description, 'string');
      assert.ok((card.content.sizeInBytes as number) > 1000, 'the size of the file offered');
      assert.deepEqual(card.content.declineContext, card.content.acceptContext);
      assert.deepEqual(Object.keys(card.content.acceptContext as object).sort(), [
        'format',
        'kind',
        'offeredBytes',
        'params',
      ]);
      assert.equal((card.content.acceptContext as { kind: string }).kind, 'pack');
      assert.equal(
        (card.content.acceptContext as { offeredBytes: number }).offeredBytes,
        card.content.sizeInBytes,
      );
    }
    // Each consent card is a message of its own, after the summary.
    assert.equal(attachmentsOf([sent[0]], FILE_CONSENT_CONTENT_TYPE).length, 0);
    assert.equal(bot.connector.uploads.length, 0, 'nothing is sent before the person accepts');
  });

  it('accept: the exact bytes are PUT with Content-Range, then a file info card, and the pack is recorded', async () => {
    const { offers } = await offer();
    drawn.length = 0;
    const context = offers[0].content.acceptContext;
    const name = offers[0].name as string;
    const { status, sent } = await accept(chair, context, name);
    assert.equal(status, 200, 'the invoke is answered');

    assert.equal(bot.connector.uploads.length, 1);
    const [upload] = bot.connector.uploads;
    assert.equal(drawn.length, 1);
    const bytes = Buffer.from(drawn[0].bytes);
    assert.ok(upload.bytes.equals(bytes), 'the PUT carries the bytes the use case drew');
    assert.equal(upload.bytes.subarray(0, 2).toString('latin1'), 'PK', 'a Word file is a zip');
    assert.equal(upload.headers['content-range'], `bytes 0-${bytes.length - 1}/${bytes.length}`);
    assert.equal(upload.headers['content-length'], String(bytes.length));
    assert.equal(upload.headers.authorization, undefined, 'no bearer token on an upload session');
    assert.equal(upload.search, `?tempauth=${TOKEN}`);

    const [info] = attachmentsOf(sent, FILE_INFO_CONTENT_TYPE);
    assert.ok(info, JSON.stringify(sent));
    assert.equal(info.name, name);
    assert.match(info.contentUrl ?? '', /^https:\/\/contoso-my\.sharepoint\.com\/personal\/chair\//);
    assert.deepEqual(info.content, { uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C8C', fileType: 'docx' });

    const listed = await exchange(personalMessage(bot.serviceUrl, chair, 'board packs'));
    assert.match(texts(listed.sent), new RegExp(name.replace(/\./g, '\\.')));
  });

  it('an accept after a redaction sends the file drawn again, and says it was redrawn', async () => {
    const by = { name: chair.name, email: chair.email };
    const secret = 'Quorrelby panel minutes';
    const saved = await bot.bot.stores.statusService.updateStatus({
      actionId: '5.1',
      ragWord: 'amber',
      note: secret,
      by,
    });
    assert.equal(saved.kind, 'saved');
    const { version } = await bot.bot.stores.statusService.currentStatus('5.1');
    const { offers } = await offer();
    const offered = offers[0].content.sizeInBytes as number;
    const redacted = await exchange(
      personalMessage(bot.serviceUrl, chair, `redact 5.1 #${version} because Named a family`),
    );
    assert.match(texts(redacted.sent), /redacted/i);
    drawn.length = 0;
    const { sent } = await accept(chair, offers[0].content.acceptContext, offers[0].name as string);
    assert.equal(bot.connector.uploads.length, 1);
    const [upload] = bot.connector.uploads;
    assert.notEqual(upload.bytes.length, offered, 'the record changed, so the bytes did');
    assert.equal(attachmentsOf(sent, FILE_INFO_CONTENT_TYPE).length, 1);
    assert.match(texts(sent), /redrawn/i);
    assert.match(texts(sent), /changed after it was offered/);
  });

  it('an accept of an unchanged record does not say redrawn', async () => {
    const { offers } = await offer();
    const { sent } = await accept(chair, offers[0].content.acceptContext, offers[0].name as string);
    assert.equal(bot.connector.uploads[0]?.bytes.length, offers[0].content.sizeInBytes);
    assert.doesNotMatch(texts(sent), /redrawn/i);
  });

  it('decline: says so, sends and keeps nothing', async () => {
    const { offers } = await offer();
    drawn.length = 0;
    const { status, sent } = await exchange(
      fileConsentInvoke(bot.serviceUrl, chair, {
        action: 'decline',
        context: offers[1].content.declineContext,
      }),
    );
    assert.equal(status, 200);
    assert.match(texts(sent), /Not sent; nothing was kept/);
    assert.match(texts(sent), /Excel workbook/);
    assert.equal(bot.connector.uploads.length, 0);
    assert.equal(drawn.length, 0, 'no file drawn');
  });

  for (const [why, answer] of [
    ['a 500', 500],
    ['a 403', 403],
    ['no answer (timeout)', 'never'],
  ] as const) {
    it(`an upload that gets ${why}: a clear reply with a button that offers the file again`, async () => {
      const { offers } = await offer();
      const before = await exchange(personalMessage(bot.serviceUrl, chair, 'board packs'));
      bot.connector.answerUploads(answer);
      const context = offers[0].content.acceptContext as Record<string, unknown>;
      const { status, sent } = await accept(chair, context, offers[0].name);
      assert.equal(status, 200);
      assert.equal(bot.connector.uploads.length, 1, 'one attempt');
      assert.equal(attachmentsOf(sent, FILE_INFO_CONTENT_TYPE).length, 0);
      const text = texts(sent);
      assert.match(text, /Word report was not sent/);
      assert.match(
        text,
        answer === 'never' ? /did not answer within 1 second\b/ : new RegExp(`HTTP ${answer}`),
      );
      assert.doesNotMatch(text, new RegExp(TOKEN));

      const [retry] = sent
        .flatMap(actionsOf)
        .filter((action) => action.data?.verb === SUBMIT_VERB.offerBoardPackFile);
      assert.ok(retry, 'a retry button');
      assert.deepEqual(
        { params: retry.data?.params, format: retry.data?.format },
        { params: context.params, format: context.format },
      );

      const after = await exchange(personalMessage(bot.serviceUrl, chair, 'board packs'));
      assert.equal(texts(after.sent), texts(before.sent), 'nothing recorded as issued');

      bot.connector.answerUploads(201);
      const again = await exchange(
        submitAction(bot.serviceUrl, chair, retry.data, personalConversation(chair)),
      );
      const [offered] = attachmentsOf(again.sent, FILE_CONSENT_CONTENT_TYPE);
      assert.deepEqual(offered.content.acceptContext, context, 'the same file offered again');
      assert.equal(bot.connector.uploads.length, 1, 'the button itself sends nothing');
    });
  }

  it('a non-admin asking is refused and offered no file', async () => {
    const { sent, offers } = await offer(owner);
    assert.match(texts(sent), /Only board admins/);
    assert.equal(offers.length, 0);
  });

  it('a request in a channel is told to ask in a personal chat', async () => {
    const { status, sent } = await exchange(channelMention(bot.serviceUrl, chair, 'board pack'));
    assert.equal(status, 200);
    assert.match(texts(sent), /personal chat/);
    assert.equal(attachmentsOf(sent, FILE_CONSENT_CONTENT_TYPE).length, 0);
  });

  const forged: [string, unknown][] = [
    [
      'another format',
      { params: { asAt: '2026-12-02', from: '2026-01-01', to: '2026-12-02' }, format: 'pdf' },
    ],
    [
      'markup in a date',
      { params: { asAt: '<b>x</b>', from: '2026-01-01', to: '2026-12-02' }, format: 'docx' },
    ],
    [
      'a claim of rights',
      { params: { asAt: '2026-12-02', from: '2026-01-01', to: '2026-12-02' }, format: 'docx', admin: true },
    ],
    ['no context', undefined],
    // Well formed, but not a pack the bot would offer: the typed command's rules apply to a context too.
    [
      'an as-at in the future',
      { params: { asAt: '2099-01-01T00:00:00.000Z', from: '2026-01-01', to: '2099-01-01' }, format: 'docx' },
    ],
    [
      'a period that ends after its as-at',
      { params: { asAt: '2026-06-30T22:59:59.999Z', from: '2026-01-01', to: '2026-12-01' }, format: 'docx' },
    ],
    [
      'a period that ends before it starts',
      { params: { asAt: '2026-06-30T22:59:59.999Z', from: '2026-06-01', to: '2026-01-01' }, format: 'xlsx' },
    ],
    [
      'a day that does not exist',
      { params: { asAt: '2026-06-30T22:59:59.999Z', from: '2026-02-31', to: '2026-06-30' }, format: 'xlsx' },
    ],
    // Years no plan of this board has: refused politely, never a RangeError from date arithmetic.
    ...(
      [
        ['year 0000', '0000-01-01T00:00:00.000Z', '0000-01-01', '0000-01-01'],
        ['year 1000', '1000-06-30T22:59:59.999Z', '1000-01-01', '1000-06-30'],
        ['a period from 1999', '2026-06-30T22:59:59.999Z', '1999-12-31', '2026-06-30'],
        ['an expanded-year as-at', '+002026-06-30T22:59:59.999Z', '2026-01-01', '2026-06-30'],
        ['an as-at before 2000', '1999-12-31T12:00:00.000Z', '1999-12-01', '1999-12-31'],
      ] as const
    ).map(([why, asAt, from, to]): [string, unknown] => [
      why,
      { params: { asAt, from, to }, format: 'docx' },
    ]),
  ];
  for (const [why, context] of forged) {
    it(`an accept with a forged context (${why}) is refused and nothing is uploaded`, async () => {
      const { status, sent } = await accept(chair, context);
      assert.equal(status, 200);
      assert.match(texts(sent), /could not be read/);
      assert.equal(bot.connector.uploads.length, 0);
      assert.equal(drawn.length, 0);
    });
  }

  it('an accept by a non-admin is refused and nothing is uploaded', async () => {
    const { offers } = await offer();
    drawn.length = 0;
    const { status, sent } = await accept(owner, offers[0].content.acceptContext);
    assert.equal(status, 200);
    assert.match(texts(sent), /Only board admins/);
    assert.equal(bot.connector.uploads.length, 0);
    assert.equal(drawn.length, 0);
  });

  it('in local mode an upload URL off this machine is refused', async () => {
    const { offers } = await offer();
    drawn.length = 0;
    const { sent } = await exchange(
      fileConsentInvoke(bot.serviceUrl, chair, {
        action: 'accept',
        context: offers[0].content.acceptContext,
        uploadInfo: {
          name: 'pack.docx',
          uploadUrl: `https://evil.example/upload?tempauth=${TOKEN}`,
          contentUrl: 'https://evil.example/pack.docx',
          uniqueId: 'x',
          fileType: 'docx',
        },
      }),
    );
    assert.match(texts(sent), /could not be read/);
    assert.equal(bot.connector.uploads.length, 0);
    assert.equal(drawn.length, 0);
  });

  it('never logs the upload URL token', () => {
    assert.ok(
      bot.logs.raw.some((line) => /board pack upload/.test(line)),
      'uploads were logged',
    );
    assert.equal(bot.logs.raw.filter((line) => line.includes(TOKEN)).length, 0);
  });
});

describe('board pack files in Teams: a file larger than one upload may carry', function () {
  this.timeout(60_000);
  let bot: TestBot;
  before(async () => {
    bot = await startBoardBot({ admins: [chair], maxUploadBytes: 20_000 });
  });
  after(async () => bot.stop());

  it('is not offered, with a clear message; the smaller file still is', async () => {
    const activity = personalMessage(bot.serviceUrl, chair, 'board pack');
    assert.equal((await bot.send(activity)).status, 200);
    const sent = bot.connector.sentActivities();
    const offers = attachmentsOf(sent, FILE_CONSENT_CONTENT_TYPE);
    assert.deepEqual(
      offers.map((card) => (card.content.acceptContext as { format: string }).format),
      ['xlsx'],
    );
    assert.match(texts(sent), /Word report is too large to send in Teams/);
  });
});
