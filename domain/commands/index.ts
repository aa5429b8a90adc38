/** Typed commands: the catalogue of command families, and the parser that asks each in turn. */
export {
  changesRecord,
  COMMAND_FAMILIES,
  COMMAND_HELP,
  menuCommandLists,
  NEAR_MISSES,
  type Command,
} from './catalogue';
export type { ChatText, CommandHelp } from './command-family';
export { MAX_MESSAGE_LENGTH } from './message-text';
export { parseCommand } from './parse-command';
