import type { UseCases } from '../app/use-cases';
import type { Command } from '../domain/commands';
import type { Answer } from '../views/answer';
import type { BoardPackDelivery } from './board-pack-delivery';
import type { AnswersAndAttachments } from './replies';
import type { Turn } from './turn';

type Route<K extends Command['kind']> = (
  command: Extract<Command, { kind: K }>,
  turn: Turn,
) => Promise<Answer | AnswersAndAttachments>;

/** One entry per command kind: adding a command is one entry here and one use case in app/. */
export type CommandRoutes = { [K in Command['kind']]: Route<K> };

export function commandRoutes(useCases: UseCases, boardPackFiles: BoardPackDelivery): CommandRoutes {
  const { showPlan, showAction, updateStatus, history, digestRequests, commandReplies } = useCases;
  return {
    help: async (_command, turn) => useCases.help.forPerson(await turn.whoIfPossible()),
    showPlan: () => showPlan.overview(),
    showAim: (command) => showPlan.aim(command.aim),
    showPriority: (command) => showPlan.priority(command.priority),
    showAction: async (command, turn) =>
      showAction.show(await turn.whoIfPossible(), command.actionId, turn.place),
    myActions: async (_command, turn) => useCases.myActions.list(await turn.who()),
    updateStatus: async (command, turn) =>
      updateStatus.typed({
        by: await turn.who(),
        actionId: command.actionId,
        ragWord: command.ragWord,
        note: command.note,
        delivery: turn.delivery,
        place: turn.place,
      }),
    assignOwner: async (command, turn) =>
      useCases.assignOwner.assign({
        by: await turn.who(),
        actionId: command.actionId,
        ownerEmail: command.ownerEmail,
        delivery: turn.delivery,
      }),
    history: async (command, turn) =>
      history.page(await turn.whoIfPossible(), command.actionId, command.page ?? 1, turn.place),
    redact: async (command, turn) =>
      useCases.redactChange.redact({
        actionId: command.actionId,
        version: command.version,
        reason: command.reason,
        by: await turn.who(),
        delivery: turn.delivery,
      }),
    setTarget: async (command, turn) =>
      useCases.setTargetDate.set({
        by: await turn.who(),
        actionId: command.actionId,
        dateText: command.dateText,
        reason: command.reason,
        delivery: turn.delivery,
        place: turn.place,
      }),
    setLead: async (command, turn) =>
      useCases.setLeadAgency.set({
        by: await turn.who(),
        actionId: command.actionId,
        agency: command.agency,
        delivery: turn.delivery,
        place: turn.place,
      }),
    historyInPeriod: (command) => history.inPeriod(command.scope, command.periodText),
    previewDigest: async (_command, turn) => digestRequests.preview(await turn.who(), turn.place),
    postDigest: async (_command, turn) => digestRequests.post(await turn.who()),
    setBoardChannel: async (_command, turn) => useCases.boardChannel.set(await turn.who(), turn.channel),
    boardPack: (command, turn) => boardPackFiles.offer(command, turn),
    boardPacks: async (_command, turn) => useCases.boardPacks.list(await turn.who()),
    yearlyReport: (command, turn) => boardPackFiles.offerYearlyReport(command, turn),
    signOffYearlyReport: async (command, turn) =>
      useCases.yearlySignOffs.signOff({
        by: await turn.who(),
        place: turn.place,
        year: command.year,
        delivery: turn.delivery,
      }),
    scrutineerComment: async (command, turn) =>
      useCases.yearlySignOffs.comment({
        by: await turn.who(),
        place: turn.place,
        year: command.year,
        text: command.text,
        delivery: turn.delivery,
      }),
    showAgency: (command) => useCases.showAgency.show(command.agency),
    exceptions: () => useCases.exceptionReport.show(),
    showEscalations: async (_command, turn) => useCases.escalations.show(await turn.who()),
    notInPlan: async (command) => commandReplies.notInPlan(command),
    incomplete: async (command) => commandReplies.incomplete(command),
    tooLong: async (command) => commandReplies.tooLong(command),
    unknown: async (command) => commandReplies.unknown(command),
  };
}

/** Runs the command's route; the table's type makes each route receive its own kind of command. */
export function routeCommand(
  routes: CommandRoutes,
  command: Command,
  turn: Turn,
): Promise<Answer | AnswersAndAttachments> {
  const route = routes[command.kind] as Route<typeof command.kind>;
  return route(command as never, turn);
}
