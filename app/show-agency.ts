import { leadAgencyNames, matchLeadAgency } from '../domain/board-cycle/lead-agency';
import type { Plan } from '../plan/plan-schema';
import { agencyView, leadsOf } from '../views/agency-views';
import type { Answer } from '../views/answer';
import type { BoardState } from './board-state';
import { notice } from './notices';
import type { ViewClock } from './view-clock';

/** A button's command is at most this long (cards/verbs.ts runCommandPayload). */
const MAX_BUTTON_COMMAND = 100;
const MAX_ECHO = 60;

/**
 * "show agency police": the actions an agency leads, so a partner's board member sees their own commitments.
 * Read-only, for anyone. Several agencies fit → one button each (a button only shows); none → the nearest.
 */
export class ShowAgency {
  constructor(
    private readonly plan: Plan,
    private readonly board: Pick<BoardState, 'readAll'>,
    private readonly viewClock: ViewClock,
  ) {}

  async show(typed: string): Promise<Answer> {
    const { statuses, previous } = await this.board.readAll();
    const agencies = leadAgencyNames(leadsOf(this.plan, statuses));
    if (agencies.length === 0) {
      return notice(
        'default',
        'No lead agencies yet',
        'No action in the plan has a lead agency yet. A board admin can name one, e.g. "lead 5.1 <agency>".',
        ['show plan'],
      );
    }
    if (typed.trim() === '') {
      return notice(
        'default',
        'Which agency?',
        'Choose an agency to see the actions it leads.',
        buttons(agencies),
      );
    }
    const match = matchLeadAgency(typed, agencies);
    switch (match.kind) {
      case 'one': {
        const view = agencyView(this.plan, match.agency, statuses, previous, this.viewClock());
        return { summary: `Actions led by ${match.agency}`, screen: { card: 'agency', view } };
      }
      case 'several':
        return notice(
          'default',
          'Which agency?',
          `More than one lead agency fits "${echo(typed)}". Choose one.`,
          buttons(match.agencies),
        );
      case 'none':
        return notice(
          'warning',
          'No lead agency by that name',
          match.suggestions.length > 0
            ? `No lead agency matches "${echo(typed)}". Did you mean one of these?`
            : `No lead agency matches "${echo(typed)}". These lead actions in the plan:`,
          buttons(match.suggestions.length > 0 ? match.suggestions : agencies),
        );
      case 'tooLong':
        return notice(
          'warning',
          'That is too long for an agency',
          `An agency's name is at most ${match.maxLength} characters.`,
          ['show agency'],
        );
    }
  }
}

/** Buttons that show each agency; a name too long for a button is cut at a word, which still finds it. */
function buttons(agencies: readonly string[]): string[] {
  return agencies.slice(0, 10).map((agency) => {
    const command = `show agency ${agency}`;
    if (command.length <= MAX_BUTTON_COMMAND) return command;
    const cut = command.slice(0, MAX_BUTTON_COMMAND);
    return cut.slice(0, cut.lastIndexOf(' '));
  });
}

function echo(typed: string): string {
  const text = typed.trim();
  return text.length <= MAX_ECHO ? text : `${text.slice(0, MAX_ECHO - 1)}…`;
}
