import {
  declined,
  drawingRefused,
  fileOfferNotRead,
  fileRedrawn,
  filesOnlyInPersonalChat,
  fileTooLarge,
  fileWillFollow,
  sentNotRecorded,
  uploadFailed,
  yearlyReportNotSent,
} from '../app/board-pack-file-answers';
import type { YearlyReports } from '../app/yearly-reports';
import { DrawingRefusedError } from '../app/board-pack-ports';
import type { BoardPackFile, BoardPacks } from '../app/board-packs';
import { adminsOnly, somethingWentWrong, storeUnavailable } from '../app/refusals';
import { buildCard } from '../cards';
import { offerBoardPackFilePayload } from '../cards/verbs';
import type { Command } from '../domain/commands';
import type { Person } from '../domain/person';
import { StoreUnavailableError } from '../domain/store-unavailable';
import type { Answer } from '../views/answer';
import {
  consentContext,
  fileConsentAttachment,
  fileInfoAttachment,
  MAX_FILE_BYTES,
  readFileConsent,
  type ConsentContext,
  type UploadInfo,
} from './file-consent';
import type { Logger } from './logger';
import { uploadFile, UPLOAD_TIMEOUT_MS } from './onedrive-upload';
import type { PeopleDirectory } from './people-directory';
import type { ProactiveSender } from './proactive-sender';
import { replyWithAll, replyWithAnswer, type AnswersAndAttachments } from './replies';
import {
  activityOf,
  cardAttachment,
  messageWith,
  type ConversationReference,
  type OutboundMessage,
  type TurnContext,
} from './teams-turn';
import { deliveryOf } from './conversation';
import type { Turn } from './turn';
import { turnOf } from './turn';
import { resolveUploadTarget, type ResolveHost } from './upload-target';
import { addressRuleOf, checkUploadUrl, uploadHostForLog, type UploadUrlRules } from './upload-url';
import type { LookupFunction } from 'node:net';
import type { WorkAfterAnswer } from './work-after-answer';

export interface BoardPackDeliveryParts {
  boardPacks: BoardPacks;
  /** The partners' yearly report, offered and sent the same way. */
  yearlyReports: YearlyReports;
  people: PeopleDirectory;
  sender: Pick<ProactiveSender, 'sendMessage'>;
  logger: Logger;
  /** The board's admin rule (the status service's), asked again on every accept. */
  isAdmin(person: Person): boolean;
  workAfterAnswer: WorkAfterAnswer;
  /** Where uploads may go (see checkUploadUrl): SharePoint's hosts by default, this machine in local mode. */
  uploadRules: UploadUrlRules;
  /** Tests resolve made-up upload hosts; production uses the system resolver. */
  resolveUploadHost?: ResolveHost;
  uploadTimeoutMs?: number;
  maxFileBytes?: number;
}

/**
 * The board pack in Teams: offered as files through Teams' file consent flow, uploaded to the person's
 * OneDrive when they accept. Only the person's accept sends anything; buttons only offer again.
 */
export class BoardPackDelivery {
  private readonly maxFileBytes: number;
  private readonly uploadTimeoutMs: number;

  constructor(private readonly parts: BoardPackDeliveryParts) {
    this.maxFileBytes = parts.maxFileBytes ?? MAX_FILE_BYTES;
    this.uploadTimeoutMs = parts.uploadTimeoutMs ?? UPLOAD_TIMEOUT_MS;
  }

  /** `board pack`: the use case's answer and, when it offers files in a personal chat, a consent card each. */
  async offer(
    command: Extract<Command, { kind: 'boardPack' }>,
    turn: Turn,
  ): Promise<Answer | AnswersAndAttachments> {
    const by = turn.place === 'personal' ? await turn.who() : await turn.whoIfPossible();
    const request = await this.parts.boardPacks.request({
      by,
      place: turn.place,
      ...(command.from ? { from: command.from } : {}),
      ...(command.to ? { to: command.to } : {}),
      ...(command.asAt ? { asAt: command.asAt } : {}),
    });
    if (request.kind === 'answer') return request.answer;
    if (turn.place !== 'personal') return request.answer;
    const reply: AnswersAndAttachments = { answers: [request.answer], attachments: [] };
    for (const file of request.files) {
      if (file.size > this.maxFileBytes) {
        reply.answers.push(fileTooLarge(file.format, file.name, file.size, this.maxFileBytes));
        continue;
      }
      // Parsed here too: what goes out must be what the accept's check lets back in.
      const context = consentContext.parse({
        kind: 'pack',
        params: request.params,
        format: file.format,
        offeredBytes: file.size,
      });
      reply.attachments.push(fileConsentAttachment(file, context));
    }
    return reply;
  }

  /** `yearly report 2026-27`: the use case's answer and, in a personal chat, the Word file's consent card. */
  async offerYearlyReport(
    command: Extract<Command, { kind: 'yearlyReport' }>,
    turn: Turn,
  ): Promise<Answer | AnswersAndAttachments> {
    const by = turn.place === 'personal' ? await turn.who() : await turn.whoIfPossible();
    const request = await this.parts.yearlyReports.request({ by, place: turn.place, year: command.year });
    if (request.kind === 'answer' || turn.place !== 'personal') return request.answer;
    const { file } = request;
    if (file.size > this.maxFileBytes) return fileTooLarge('docx', file.name, file.size, this.maxFileBytes);
    const context = consentContext.parse({ kind: 'yearlyReport', year: request.year, format: 'docx' });
    return { answers: [request.answer], attachments: [fileConsentAttachment(file, context)] };
  }

  /** The retry button after a failed upload: the same file offered again. Sends nothing by itself. */
  async offerAgain(context: TurnContext, data: unknown): Promise<void> {
    const payload = offerBoardPackFilePayload.safeParse(data);
    if (!payload.success) {
      this.parts.logger.warn({ verb: 'offerBoardPackFile' }, 'card payload rejected');
      return replyWithAnswer(context, fileOfferNotRead());
    }
    const turn = turnOf(context, this.parts.people);
    if (turn.place !== 'personal') return replyWithAnswer(context, filesOnlyInPersonalChat());
    const by = await turn.who();
    if (!this.mayHaveFiles(by)) return replyWithAnswer(context, adminsOnly());
    const { params, format } = payload.data;
    if (!this.parts.boardPacks.isOffer(params)) return replyWithAnswer(context, fileOfferNotRead());
    const file = await this.parts.boardPacks.file(params, format, by);
    const size = file.bytes.length;
    if (size > this.maxFileBytes)
      return replyWithAnswer(context, fileTooLarge(format, file.name, size, this.maxFileBytes));
    await replyWithAll(context, {
      answers: [],
      attachments: [
        fileConsentAttachment({ ...file, size }, { kind: 'pack', params, format, offeredBytes: size }),
      ],
    });
  }

  /**
   * A `fileConsent/invoke`. Everything that decides whether to send (the context, the upload URL, who is
   * accepting and whether they are an admin now) is checked before the invoke is answered; the file is
   * drawn, uploaded and announced after it, as that can take longer than Teams waits for an invoke.
   */
  async fileConsent(context: TurnContext): Promise<void> {
    const { logger } = this.parts;
    const answer = readFileConsent(activityOf(context).value);
    if (answer.action === 'decline') {
      logger.info({ format: answer.context?.format }, 'board pack file declined');
      return replyWithAnswer(context, declined(answer.context?.format));
    }
    if (answer.action === 'unreadable' || !answer.context || !this.isOffer(answer.context)) {
      logger.warn({ action: answer.action }, 'file consent not read; nothing sent');
      return replyWithAnswer(context, fileOfferNotRead());
    }
    const turn = turnOf(context, this.parts.people);
    if (turn.place !== 'personal') return replyWithAnswer(context, filesOnlyInPersonalChat());
    const target = checkUploadUrl(answer.uploadInfo.uploadUrl, this.parts.uploadRules);
    const pinned = target.ok
      ? await resolveUploadTarget(
          target.url,
          addressRuleOf(this.parts.uploadRules),
          this.parts.resolveUploadHost,
        )
      : target;
    if (!target.ok || !pinned.ok) {
      logger.warn(
        { problem: pinned.ok ? undefined : pinned.problem },
        'file consent upload URL refused; nothing sent',
      );
      return replyWithAnswer(context, fileOfferNotRead());
    }
    const by = await turn.who();
    if (!this.mayHaveFiles(by)) {
      logger.warn({ format: answer.context.format }, 'file consent accepted by a non-admin; nothing sent');
      return replyWithAnswer(context, adminsOnly());
    }
    // Teams resends an invoke it thinks went unanswered; the first delivery's upload is the only one.
    const delivery = deliveryOf(activityOf(context));
    if (delivery && !(await this.parts.boardPacks.firstAccept(delivery))) {
      logger.info({ format: answer.context.format }, 'file consent accept delivered again; already sent');
      return;
    }
    const reference: Partial<ConversationReference> = { ...context.ref, activityId: undefined };
    const chosen = answer.context;
    const info = answer.uploadInfo;
    this.parts.workAfterAnswer.start('board pack upload', () =>
      this.deliver(reference, by, chosen, info, target.url, pinned.lookup),
    );
  }

  /** Checked by the same rules as a typed request: a context is never trusted. */
  private isOffer(context: ConsentContext): boolean {
    return context.kind === 'yearlyReport'
      ? this.parts.yearlyReports.isOffer(context.year)
      : this.parts.boardPacks.isOffer(context.params);
  }

  private mayHaveFiles(person: Person): boolean {
    return person.email !== undefined && this.parts.isAdmin(person);
  }

  private async deliver(
    reference: Partial<ConversationReference>,
    by: Person,
    chosen: ConsentContext,
    info: UploadInfo,
    url: URL,
    lookup: LookupFunction,
  ): Promise<void> {
    const say = (answer: Answer) => this.send(reference, cardMessage(answer));
    const { format } = chosen;
    try {
      const waiting = this.parts.boardPacks.filesWaiting();
      if (waiting > 0) await say(fileWillFollow(format, waiting));
      let file: Pick<BoardPackFile, 'name' | 'bytes'>;
      try {
        file =
          chosen.kind === 'yearlyReport'
            ? await this.parts.yearlyReports.file(chosen.year, by)
            : await this.parts.boardPacks.file(chosen.params, format, by);
      } catch (error) {
        if (error instanceof DrawingRefusedError) return await say(drawingRefused(error.reason, format));
        if (!(error instanceof StoreUnavailableError)) throw error;
        this.parts.logger.error({ err: error.cause }, 'plan store unavailable for a board pack');
        return await say(storeUnavailable());
      }
      const size = file.bytes.length;
      if (size === 0 || size > this.maxFileBytes)
        return await say(fileTooLarge(format, file.name, size, this.maxFileBytes));

      const outcome = await uploadFile(url, file.bytes, lookup, this.uploadTimeoutMs);
      const host = uploadHostForLog(url);
      if (outcome.kind !== 'uploaded') {
        this.parts.logger.warn({ format, host, bytes: size, outcome }, 'board pack upload failed');
        return await say(
          chosen.kind === 'yearlyReport'
            ? yearlyReportNotSent(file.name, outcome)
            : uploadFailed(chosen.params, format, file.name, outcome),
        );
      }
      this.parts.logger.info({ format, host, bytes: size, status: outcome.status }, 'board pack uploaded');
      await this.send(reference, messageWith(fileInfoAttachment(info)));
      if (chosen.kind === 'yearlyReport') return;
      // Drawing is deterministic, so another size means the record changed since the offer (a redaction).
      if (chosen.offeredBytes !== undefined && chosen.offeredBytes !== size)
        await say(fileRedrawn(format, file.name));
      try {
        await this.parts.boardPacks.issued(chosen.params, { format, name: file.name }, by);
      } catch (error) {
        if (!(error instanceof StoreUnavailableError)) throw error;
        this.parts.logger.error({ err: error.cause }, 'board pack sent but not recorded');
        await say(sentNotRecorded(file.name));
      }
    } catch (error) {
      this.parts.logger.error({ err: error, format }, 'board pack delivery failed');
      await say(somethingWentWrong());
    }
  }

  /** After the turn: a proactive message in the same chat, with the sender's timeout and retries. */
  private async send(reference: Partial<ConversationReference>, message: OutboundMessage): Promise<void> {
    try {
      const sent = await this.parts.sender.sendMessage(reference as Record<string, unknown>, message);
      if (sent.kind !== 'sent') this.parts.logger.warn({ result: sent.kind }, 'board pack message not sent');
    } catch (error) {
      // Nobody is waiting on this message but the person; log and stop.
      this.parts.logger.warn({ err: error }, 'board pack message not sent');
    }
  }
}

function cardMessage(answer: Answer): OutboundMessage {
  return messageWith(cardAttachment(buildCard(answer.screen)), answer.summary);
}
