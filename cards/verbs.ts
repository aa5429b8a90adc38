import { RAG_STATUSES } from '../views/view-models';
import { z } from 'zod';

/**
 * Every button the cards emit, with the schema its payload must pass. Buttons are defined here once and
 * the bot validates every incoming payload against the same schema.
 */

const actionId = z.string().regex(/^\d{1,2}\.\d{1,2}$/);
const ragStatus = z.enum(RAG_STATUSES);

/** Action.Submit: navigation; the bot answers with a new card. */
export const SUBMIT_VERB = {
  runCommand: 'runCommand',
  redactChange: 'redactChange',
  /** Offers one board-pack file again (after a failed upload); Teams asks the person before anything is sent. */
  offerBoardPackFile: 'offerBoardPackFile',
} as const;

export const runCommandPayload = z.object({
  verb: z.literal(SUBMIT_VERB.runCommand),
  command: z.string().trim().min(1).max(100),
});

/** The history card's Redact form: which change, and the reason the admin typed. */
export const redactChangePayload = z.object({
  verb: z.literal(SUBMIT_VERB.redactChange),
  actionId,
  version: z.number().int().min(1),
  /** Bounded here; the redaction rules check what is in it. */
  reason: z.string().max(2000).default(''),
});

/** A calendar day, or a moment, as the board-pack use case names its as-at date and period. */
const boardPackDate = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/);

/** Which board pack: the same params give the same pack, whenever it is drawn. */
export const boardPackParams = z
  .object({
    asAt: boardPackDate,
    from: boardPackDate,
    to: boardPackDate,
    requestedAt: boardPackDate.optional(),
  })
  .strict();
export const boardPackFormat = z.enum(['docx', 'xlsx']);

export const offerBoardPackFilePayload = z.object({
  verb: z.literal(SUBMIT_VERB.offerBoardPackFile),
  params: boardPackParams,
  format: boardPackFormat,
});

/** The reason box has one id per change, as the history card holds a form for each. */
export function redactChangeInputId(version: number): string {
  return `reason-${version}`;
}

export function readRedactChangePayload(data: unknown) {
  return readWithOwnBox(redactChangePayload, data, 'reason', (record) =>
    typeof record.version === 'number' ? redactChangeInputId(record.version) : undefined,
  );
}

/** Action.Execute (Universal Actions): the bot answers with the card that replaces this one. */
export const EXECUTE_VERB = {
  updateStatus: 'updateStatus',
  refreshAction: 'refreshAction',
  /** Shows one person the action's form, filled in with what they typed; stores nothing. */
  openForm: 'openForm',
  /** The escalation card's form: assigns the action to the address typed in it, checked like `assign`. */
  assignOwner: 'assignOwner',
} as const;

/**
 * Well beyond the note limit (the form itself stops at 1,000), so an over-long note is answered with its
 * length and kept on the form; and small enough that a form carrying it still fits in a card.
 */
export const MAX_NOTE_PAYLOAD = 5000;

/**
 * The card a form sits on, sent back with its submit so the answer is that same card: absent for the
 * action card, "mine" for the my-actions list, the listed action ids for a reminder.
 */
const formList = z.union([z.literal('mine'), z.array(actionId).min(1).max(60)]);

/**
 * An evidence link is refused past 2,000 characters with its length; the payload takes more than that so the
 * refusal can say so and keep the form, and no more than a card can carry.
 */
export const MAX_LINK_PAYLOAD = 5000;

export const updateStatusPayload = z.object({
  actionId,
  baseVersion: z.number().int().min(0),
  rag: ragStatus,
  /** Input.Text sends "" when left empty. */
  note: z.string().max(MAX_NOTE_PAYLOAD).default(''),
  /** The form's other boxes; missing is blank. */
  impact: z.string().max(MAX_NOTE_PAYLOAD).default(''),
  evidenceLink: z.string().max(MAX_LINK_PAYLOAD).default(''),
  correctiveAction: z.string().max(MAX_NOTE_PAYLOAD).default(''),
  /**
   * Set by the personal-data check card of a typed update, which has no detail boxes: the update keeps its
   * impact and evidence, and a red's note is its corrective action, as when typed.
   */
  typed: z.literal(true).optional(),
  /** Set by the "store as written" button after the personal-data check. */
  confirmPersonalData: z.boolean().optional(),
  list: formList.optional(),
});

export const openFormPayload = z.object({
  actionId,
  rag: ragStatus.optional(),
  note: z.string().max(MAX_NOTE_PAYLOAD).optional(),
});

/** The input ids of the action card's form, which are the payload's own field names. */
export const FORM_INPUT_IDS = {
  rag: 'rag',
  note: 'note',
  impact: 'impact',
  evidenceLink: 'evidenceLink',
  correctiveAction: 'correctiveAction',
} as const;

export type FormInputIds = Record<keyof typeof FORM_INPUT_IDS, string>;

/**
 * Cards that hold several actions' forms (my actions, reminders) need input ids unique in the card;
 * their inputs are named per action and read back into the payload's fields here.
 */
export function formInputIds(actionId: string): FormInputIds {
  return {
    rag: `rag-${actionId}`,
    note: `note-${actionId}`,
    impact: `impact-${actionId}`,
    evidenceLink: `evidence-${actionId}`,
    correctiveAction: `corrective-${actionId}`,
  };
}

export function readUpdateStatusPayload(data: unknown) {
  const record = submittedFields(data);
  if (record && typeof record.actionId === 'string') {
    const ids = formInputIds(record.actionId);
    if (ids.rag in record || ids.note in record) {
      return updateStatusPayload.safeParse({
        ...record,
        rag: record[ids.rag],
        note: record[ids.note] ?? '',
        impact: record[ids.impact] ?? '',
        evidenceLink: record[ids.evidenceLink] ?? '',
        correctiveAction: record[ids.correctiveAction] ?? '',
      });
    }
  }
  return updateStatusPayload.safeParse(data);
}

/** The escalation card's assign box: one per action, as the card holds a form for each. */
export function assignInputId(actionId: string): string {
  return `assign-${actionId}`;
}

/** Longer than any address (254), so an over-long one is answered by the address check, not dropped. */
const MAX_ASSIGN_PAYLOAD = 500;

export const assignOwnerPayload = z.object({
  actionId,
  /** The actions the card lists, so the answer redraws that card. */
  list: z.array(actionId).min(1).max(60),
  /** What was typed in the action's assign box ("" when left empty). */
  address: z.string().max(MAX_ASSIGN_PAYLOAD).default(''),
});

/** The assign payload with the address read from the action's own box. */
export function readAssignOwnerPayload(data: unknown) {
  return readWithOwnBox(assignOwnerPayload, data, 'address', (record) =>
    typeof record.actionId === 'string' ? assignInputId(record.actionId) : undefined,
  );
}

/**
 * A card holding one form per item names each item's box after the item; the payload is checked with
 * `field` read from the box `boxOf` names ("" when left empty), or as sent when it names none.
 */
function readWithOwnBox<S extends z.ZodTypeAny>(
  schema: S,
  data: unknown,
  field: string,
  boxOf: (record: Record<string, unknown>) => string | undefined,
): z.SafeParseReturnType<z.input<S>, z.output<S>> {
  const record = submittedFields(data);
  const box = record && boxOf(record);
  if (record && box !== undefined) return schema.safeParse({ ...record, [field]: record[box] ?? '' });
  return schema.safeParse(data);
}

/** A submitted card's values by input id; undefined when what came is not an object of them. */
function submittedFields(data: unknown): Record<string, unknown> | undefined {
  return typeof data === 'object' && data !== null && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : undefined;
}

export const refreshActionPayload = z.object({
  actionId,
});

export type RunCommandPayload = z.infer<typeof runCommandPayload>;
export type OfferBoardPackFilePayload = z.infer<typeof offerBoardPackFilePayload>;
export type RedactChangePayload = z.infer<typeof redactChangePayload>;
export type UpdateStatusPayload = z.infer<typeof updateStatusPayload>;
export type AssignOwnerPayload = Omit<z.infer<typeof assignOwnerPayload>, 'address'>;
export type OpenFormPayload = z.infer<typeof openFormPayload>;
export type FormList = z.infer<typeof formList>;
