import { z } from 'zod';
import { isIsoCalendarDate } from './iso-calendar-date';

const text = z.string().trim().min(1);
const actionId = z.string().regex(/^\d+\.\d+$/, 'an action id looks like "5.1"');
/** A lead agency's name, in the plan file or typed with `lead 5.1 …`. */
export const MAX_LEAD_AGENCY_LENGTH = 120;
/** A plan file may hold "" where nothing is known yet; it reads as absent. */
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

export const localContextFigureSchema = z.object({
  label: text,
  value: text,
  detail: text.optional(),
});

export const aimSchema = z.object({
  number: z.number().int().positive(),
  title: text,
  summary: text,
  whyThesePriorities: text.optional(),
});

/** What a case-review finding an action answers is called, at most this long. */
export const MAX_LEARNING_LENGTH = 300;

export const actionSchema = z.object({
  id: actionId,
  title: text,
  description: text,
  /** The target date, YYYY-MM-DD (checked in the plan's refinement, where the action's id can be named). */
  due: optionalText,
  lead: optionalText.pipe(
    z
      .string()
      .max(MAX_LEAD_AGENCY_LENGTH, `a lead agency is at most ${MAX_LEAD_AGENCY_LENGTH} characters`)
      .optional(),
  ),
  /**
   * Marks an action as learning from child safeguarding practice reviews (the yearly report's section on it):
   * which learning it answers, in a line.
   */
  learningFromReviews: optionalText.pipe(
    z
      .string()
      .max(MAX_LEARNING_LENGTH, `learning from reviews is at most ${MAX_LEARNING_LENGTH} characters`)
      .optional(),
  ),
});

export const prioritySchema = z.object({
  number: z.number().int().positive(),
  aim: z.number().int().positive(),
  title: text,
  keywords: z.array(z.string().trim().toLowerCase().min(2)).default([]),
  why: text,
  boardWill: text,
  /**
   * The priority's lead: a sign-in address, told when one of its actions is escalated. Blank or absent
   * when the board has not named one. (An action's `lead` is an agency's name; this is a person.)
   */
  lead: optionalText.pipe(
    z
      .string()
      .max(254)
      .transform((value) => value.toLowerCase())
      .pipe(z.string().email("a priority's lead is a sign-in address such as jane.lead@agency.example"))
      .optional(),
  ),
  actions: z.array(actionSchema).min(1),
});

export const planSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{3,40}$/, 'a plan id is 3-40 lowercase letters, digits or hyphens'),
    title: text,
    period: text,
    source: text,
    aims: z.array(aimSchema).min(1),
    priorities: z.array(prioritySchema).min(1),
    localContext: z.array(localContextFigureSchema).default([]),
  })
  .superRefine((plan, ctx) => {
    const problem = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    const aimNumbers = new Set(plan.aims.map((aim) => aim.number));
    plan.aims.forEach((aim, index) => {
      if (aim.number !== index + 1) {
        problem(['aims', index, 'number'], `aims must be numbered 1..n in order; expected ${index + 1}`);
      }
    });
    plan.priorities.forEach((priority, index) => {
      if (priority.number !== index + 1) {
        problem(
          ['priorities', index, 'number'],
          `priorities must be numbered 1..n in order; expected ${index + 1}`,
        );
      }
      if (!aimNumbers.has(priority.aim)) {
        problem(['priorities', index, 'aim'], `aim ${priority.aim} is not in the plan`);
      }
      priority.actions.forEach((action, actionIndex) => {
        const expected = `${priority.number}.${actionIndex + 1}`;
        if (action.id !== expected) {
          problem(
            ['priorities', index, 'actions', actionIndex, 'id'],
            `actions are numbered in order within their priority; expected "${expected}"`,
          );
        }
        if (action.due !== undefined && !isIsoCalendarDate(action.due)) {
          problem(
            ['priorities', index, 'actions', actionIndex, 'due'],
            `action ${action.id} has due "${action.due.slice(0, 40)}", which is not a real date written like 2027-03-31`,
          );
        }
      });
    });
  });

export type Plan = z.infer<typeof planSchema>;
export type Aim = z.infer<typeof aimSchema>;
export type Priority = z.infer<typeof prioritySchema>;
export type PlanAction = z.infer<typeof actionSchema>;
