import { COMMAND_HELP } from '../domain/commands';
import type { Person } from '../domain/person';
import type { Answer } from '../views/answer';

/** "help", and the welcome when the app is added. */
export class Help {
  constructor(private readonly isAdmin: (person: Person) => boolean) {}

  forPerson(person: Person): Answer {
    const isAdmin = this.isAdmin(person);
    return {
      summary: 'What I can do',
      screen: {
        card: 'help',
        view: {
          isAdmin,
          commands: COMMAND_HELP.filter((item) => !item.adminOnly),
          adminCommands: isAdmin ? COMMAND_HELP.filter((item) => item.adminOnly) : [],
        },
      },
    };
  }

  /** Said to everyone when the app is added; in a team it also says how an admin picks the board channel. */
  welcome(inTeam: boolean): Answer {
    return {
      summary: 'Hello from the OSCB plan bot',
      screen: {
        card: 'help',
        view: {
          isAdmin: false,
          commands: COMMAND_HELP.filter((item) => !item.adminOnly),
          adminCommands: [],
          boardChannelSetup: inTeam,
        },
      },
    };
  }
}
