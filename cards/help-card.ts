import { COMMANDS, navButton, type NavButtonData } from './commands';
import { compileCardTemplate, type AdaptiveCardJson } from './render-card';
import template from './templates/help.json';
import type { HelpView } from '../views/view-models';

type CommandData = { command: string; description: string };

type HelpCardData = {
  commands: CommandData[];
  adminCommands: CommandData[];
  showPlan: NavButtonData;
  myActions: NavButtonData;
  boardChannelSetup: boolean;
};

const render = compileCardTemplate<HelpCardData>(template);

export function buildHelpCard(view: HelpView): AdaptiveCardJson {
  return render({
    commands: view.commands.map(commandData),
    adminCommands: view.isAdmin ? view.adminCommands.map(commandData) : [],
    showPlan: navButton('Show plan', COMMANDS.showPlan()),
    myActions: navButton('My actions', COMMANDS.myActions()),
    boardChannelSetup: view.boardChannelSetup ?? false,
  });
}

function commandData({ command, description }: CommandData): CommandData {
  return { command, description };
}
