import type { CommandCatalog, CommandDoc } from './commandCatalog';
import { escapeControls } from './terminalText';

const BOLD = '\x1b[1m';
const GREY = '\x1b[90m';
const YELLOW = '\x1b[33m';
const RESET = '\x1b[0m';

/** What `help` prints, in redis-cli's layout, from the server's COMMAND DOCS. */
export function helpText(catalog: CommandCatalog, args: string[]): string {
  if (args.length === 0) return GENERIC_HELP;
  const docs = catalog.findHelp(args);
  if (docs.length === 0) {
    return catalog.size === 0
      ? `\nNo help available: the server did not answer COMMAND DOCS.\n\n`
      : `\nNo command or group "${escapeControls(args.join(' '))}". Try "help @string", or type a prefix and press Tab.\n\n`;
  }
  const showGroup = !args[0].startsWith('@');
  return docs.map((doc) => commandHelp(doc, showGroup)).join('') + '\n';
}

/** The docs come from the server (modules included), so their text is escaped like a reply. */
function commandHelp(doc: CommandDoc, showGroup: boolean): string {
  const e = escapeControls;
  let out = `\n  ${BOLD}${e(doc.name)}${RESET} ${GREY}${e(doc.syntax)}${RESET}\n`;
  if (doc.summary) out += `  ${YELLOW}summary:${RESET} ${e(doc.summary)}\n`;
  if (doc.since) out += `  ${YELLOW}since:${RESET} ${e(doc.since)}\n`;
  if (showGroup && doc.group) out += `  ${YELLOW}group:${RESET} ${e(doc.group)}\n`;
  return out;
}

const GENERIC_HELP = `Redis CLI (Redis Specialist)
To get help about Redis commands type:
      "help @<group>" to get a list of commands in <group>
      "help <command>" for help on <command>
      "help <tab>" to get a list of possible help topics
      "quit" to exit

Tab completes command names, Up/Down browse the history, Ctrl-C stops MONITOR, SUBSCRIBE
or a blocking command, "clear" clears the screen.
`;
