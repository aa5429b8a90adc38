import type { FileConsentCard, FileInfoCard } from '@microsoft/teams.api';
import type { Attachment } from './teams-turn';
import { z } from 'zod';
import { boardPackFormat, boardPackParams } from '../cards/verbs';

/**
 * Teams' file flow for bots in a personal chat ("Send and receive files using bot", Microsoft Learn): a
 * file consent card per file; the person's accept or decline comes back as a `fileConsent/invoke` with
 * the context the card carried; after the bot has PUT the bytes to the accept's upload URL it posts a
 * file info card pointing at the file in their OneDrive.
 */
export const FILE_CONSENT_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.info';

/**
 * One upload to an upload session carries less than 60 MiB ("Upload bytes to the upload session",
 * Microsoft Graph); the bot sends each file in one PUT, so that is the largest file it can send.
 */
export const MAX_FILE_BYTES = 60 * 1024 * 1024 - 1;

/**
 * What a consent card carries back to the bot: which kind of file (a board pack's, or the yearly report),
 * which one, and for a pack the size offered (so an accept can tell the person when the record changed in
 * between and the file was drawn again). Never who may have it. A pack's context without a kind was
 * offered before there were two kinds.
 */
const packContext = z
  .object({
    kind: z.literal('pack').optional(),
    params: boardPackParams,
    format: boardPackFormat,
    offeredBytes: z.number().int().min(1).max(MAX_FILE_BYTES).optional(),
  })
  .strict();
const yearlyReportContext = z
  .object({
    kind: z.literal('yearlyReport'),
    year: z.string().regex(/^\d{4}-\d{2}$/),
    format: z.literal('docx'),
  })
  .strict();
export const consentContext = z.union([packContext, yearlyReportContext]);
export type ConsentContext = z.infer<typeof consentContext>;

const MAX_NAME_LENGTH = 255;
const MAX_ID_LENGTH = 1024;
const MAX_CONTENT_URL_LENGTH = 4096;

/** Teams' accept: where to PUT the bytes, and what to name in the file info card afterwards. */
const uploadInfo = z.object({
  name: z.string().min(1).max(MAX_NAME_LENGTH),
  /** Checked by checkUploadUrl, which knows whether this is local mode. */
  uploadUrl: z.string(),
  contentUrl: z
    .string()
    .max(MAX_CONTENT_URL_LENGTH)
    .url()
    .refine((value) => /^https?:\/\//i.test(value)),
  uniqueId: z.string().min(1).max(MAX_ID_LENGTH),
  fileType: z.string().min(1).max(16),
});
export type UploadInfo = z.infer<typeof uploadInfo>;

const fileConsentValue = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), context: z.unknown(), uploadInfo }),
  z.object({ action: z.literal('decline'), context: z.unknown() }),
]);

export type FileConsentAnswer =
  | { action: 'accept'; context?: ConsentContext; uploadInfo: UploadInfo }
  | { action: 'decline'; context?: ConsentContext }
  | { action: 'unreadable' };

/** The invoke's value, read through zod; a context that does not parse is absent, never trusted. */
export function readFileConsent(value: unknown): FileConsentAnswer {
  const parsed = fileConsentValue.safeParse(value);
  if (!parsed.success) return { action: 'unreadable' };
  const context = consentContext.safeParse(parsed.data.context);
  const known = context.success ? { context: context.data } : {};
  return parsed.data.action === 'accept'
    ? { action: 'accept', uploadInfo: parsed.data.uploadInfo, ...known }
    : { action: 'decline', ...known };
}

export interface FileOffer {
  name: string;
  description: string;
  size: number;
}

export function fileConsentAttachment(offer: FileOffer, context: ConsentContext): Attachment {
  const content: FileConsentCard = {
    description: offer.description,
    sizeInBytes: offer.size,
    acceptContext: context,
    declineContext: context,
  };
  return { contentType: FILE_CONSENT_CONTENT_TYPE, name: offer.name, content };
}

export function fileInfoAttachment(info: UploadInfo): Attachment {
  const content: FileInfoCard = { uniqueId: info.uniqueId, fileType: info.fileType };
  return { contentType: FILE_INFO_CONTENT_TYPE, contentUrl: info.contentUrl, name: info.name, content };
}
