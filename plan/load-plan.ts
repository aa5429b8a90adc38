import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { planSchema, type Plan } from './plan-schema';

/** A plan file that cannot be used; `problems` holds one `path.to.field: message` line per fault. */
export class PlanFileError extends Error {
  override readonly name = 'PlanFileError';

  constructor(
    readonly filePath: string,
    readonly problems: readonly string[],
    summary = 'is not a valid plan',
  ) {
    super([`Plan file ${filePath} ${summary}:`, ...problems.map((problem) => `  - ${problem}`)].join('\n'));
  }
}

// Checks that span priorities live here rather than in the schema: cards and commands look up
// priorities by keyword and actions by id, so a duplicate would make a lookup ambiguous.
const loadablePlanSchema = planSchema.superRefine((plan, ctx) => {
  const keywordOwners = new Map<string, number>();
  const actionOwners = new Map<string, string>();
  plan.priorities.forEach((priority, index) => {
    priority.keywords.forEach((keyword, keywordIndex) => {
      const owner = keywordOwners.get(keyword);
      if (owner === undefined) {
        keywordOwners.set(keyword, index);
      } else {
        ctx.addIssue({
          code: 'custom',
          path: ['priorities', index, 'keywords', keywordIndex],
          message: `keyword "${keyword}" is already used by ${owner === index ? 'this priority' : `priorities[${owner}]`}; keywords must be unique`,
        });
      }
    });
    priority.actions.forEach((action, actionIndex) => {
      const here = `priorities[${index}].actions[${actionIndex}]`;
      const owner = actionOwners.get(action.id);
      if (owner === undefined) {
        actionOwners.set(action.id, here);
      } else {
        ctx.addIssue({
          code: 'custom',
          path: ['priorities', index, 'actions', actionIndex, 'id'],
          message: `action id "${action.id}" is already used by ${owner}`,
        });
      }
    });
  });
});

/** Reads, parses and validates a plan JSON file, throwing PlanFileError listing every problem found. */
export function loadPlan(filePath: string): Plan {
  let raw: string;
  try {
    raw = readFileSync(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new PlanFileError(filePath, ['no file at this path'], 'was not found');
    }
    throw new PlanFileError(filePath, [errorMessage(error)], 'could not be read');
  }

  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new PlanFileError(filePath, [errorMessage(error)], 'is not valid JSON');
  }

  const result = loadablePlanSchema.safeParse(json);
  if (!result.success) {
    throw new PlanFileError(filePath, result.error.issues.map(describeIssue));
  }
  return result.data;
}

function describeIssue(issue: z.ZodIssue): string {
  return `${formatPath(issue.path)}: ${issue.message}`;
}

function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) {
    return '(plan)';
  }
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      return index === 0 ? segment : `.${segment}`;
    })
    .join('');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
