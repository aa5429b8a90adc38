import type { CommandFamily, CommandHelp, MenuCommand, MenuScope, NearMiss, Reply } from './command-family';
import { assign } from './assign';
import { boardChannel } from './board-channel';
import { boardPack } from './board-pack';
import { digest } from './digest';
import { due } from './due';
import { escalations } from './escalations';
import { exceptions } from './exceptions';
import { help } from './help';
import { history } from './history';
import { lead } from './lead';
import { myActions } from './my-actions';
import { redact } from './redact';
import { showAction } from './show-action';
import { showAgency } from './show-agency';
import { showAim } from './show-aim';
import { showPlan } from './show-plan';
import { showPriority } from './show-priority';
import { update } from './update';
import { yearlyReport } from './yearly-report';

/**
 * Every command family, in the order help lists them and the parser tries them. A new command is one
 * module beside these (see command-family.ts) and one line here; the compiler then asks for its route in
 * bot/command-routes.ts. Families are tried in this order, so one whose words overlap another's goes first
 * (`showAgency` before `lead`: "lead agency police"); the keyword search ("show neglect") runs after all.
 */
export const COMMAND_FAMILIES = [
  help,
  showPlan,
  showAim,
  showPriority,
  showAction,
  update,
  myActions,
  history,
  due,
  showAgency,
  exceptions,
  escalations,
  assign,
  lead,
  redact,
  digest,
  boardChannel,
  boardPack,
  yearlyReport,
] as const;

type CommandOf<F> = F extends CommandFamily<infer C> ? C : never;

export type Command = CommandOf<(typeof COMMAND_FAMILIES)[number]> | Reply;

const families: readonly CommandFamily<{ kind: string }>[] = COMMAND_FAMILIES;

/** What help lists, in catalogue order. */
export const COMMAND_HELP: readonly CommandHelp[] = families.flatMap((family) => family.help);

/** The typo table: near misses of these heads suggest the command. */
export const NEAR_MISSES: readonly NearMiss[] = families.flatMap((family) => family.nearMisses);

const RECORD_CHANGING: ReadonlySet<string> = new Set(
  families.flatMap((family) =>
    Object.entries(family.changesRecord)
      .filter(([, changes]) => changes)
      .map(([kind]) => kind),
  ),
);

/**
 * Commands that store or post something. Only the person may start one, by typing it or by saving a form
 * they have seen; a button that sends a command must never be one of these, whoever drew it.
 */
export function changesRecord(command: Command): boolean {
  return RECORD_CHANGING.has(command.kind);
}

const MENU_SCOPES: readonly MenuScope[] = ['personal', 'team', 'groupChat'];

/** The Teams manifest's `bots[0].commandLists`: one list per scope, in catalogue order. */
export function menuCommandLists(): { scopes: MenuScope[]; commands: Omit<MenuCommand, 'scopes'>[] }[] {
  const menu = families.flatMap((family) => family.menu ?? []);
  return MENU_SCOPES.map((scope) => ({
    scopes: [scope],
    commands: menu
      .filter((command) => command.scopes.includes(scope))
      .map(({ title, description }) => ({ title, description })),
  }));
}
