import type { Plan } from '../../plan/plan-schema';
import { commandFamily, incomplete, type ParseReply } from './command-family';
import { afterActionId } from './plan-references';

/** "redact 5.1 #7 because it named a child": an admin takes change 7's note out of the record. */
export type RedactCommand = { kind: 'redact'; actionId: string; version: number; reason: string };

const REDACT = /^redact\b\s*([\s\S]*)$/i;
const REDACT_TARGET =
  /^(?:action\s+)?(\d+\.\d+)(?!\d|\.\d)(?:\s+(?:change\s+)?#?(\d{1,9})(?=\s|$))?\s*(?:because\b\s*:?)?\s*([\s\S]*)$/i;

export const redact = commandFamily<RedactCommand>({
  changesRecord: { redact: true },
  parse: ({ message, plan }) => parseRedact(message, plan),
  help: [
    {
      command: 'redact 5.1 #7 because <why>',
      description: "Take a change's note out of the record (e.g. it named a child), keeping an audit entry.",
      adminOnly: true,
    },
  ],
  nearMisses: [{ canonical: 'redact', heads: ['redact'], keepsArguments: true }],
});

function parseRedact(message: string, plan: Plan): RedactCommand | ParseReply | undefined {
  return afterActionId(
    message,
    REDACT,
    plan,
    (example) =>
      incomplete(
        'Which action and which change? e.g. redact 5.1 #7 because it named a child.',
        `history ${example}`,
      ),
    (actionId, change, reason): RedactCommand | ParseReply => {
      if (!change) {
        return incomplete(
          `Which change? Give its number from the history, e.g. redact ${actionId} #7 because it named a child.`,
          `history ${actionId}`,
        );
      }
      if (reason.trim() === '') {
        return incomplete(
          `Why is change #${Number(change)} being redacted? Type the reason after "because", e.g. redact ${actionId} #${Number(change)} because it named a child. Or use Redact on the change in the history.`,
          `history ${actionId}`,
        );
      }
      return { kind: 'redact', actionId, version: Number(change), reason: reason.trim() };
    },
    REDACT_TARGET,
  );
}
