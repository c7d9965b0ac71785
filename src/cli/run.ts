/**
 * The `jxc` command dispatcher, apart from the process so tests can run commands in-process too.
 */
import { demoCommand } from './demo';
import { UsageError } from './args';
import { EXIT, type Io } from './io';
import { replayCommand } from './replay';

export const HELP = `jxc — JXC 进销存 command line

Usage:
  jxc demo --size tiny|small|large [--seed N] --out <file.jsonl>
      Write the seeded demo company as a journal: one JSON event per line.
      small: 2 branches, 1 year (~66k events); large: 10 branches, 3 years (~2M events).
  jxc replay <file.jsonl> [--summary]
      Read a journal, report bad lines on stderr (line number and reason), derive
      stock, costs, balances, cash and alerts from the rest, and print the snapshot
      as JSON (or a short table with --summary).
  jxc help
      This text.

Exit codes: 0 ok, 1 failed (file not readable/writable), 2 bad command line,
3 replay derived the journal but skipped bad lines.
The journal format is described in docs/CLI.md.
`;

const COMMANDS: Record<string, (argv: readonly string[], io: Io) => Promise<number>> = {
	demo: demoCommand,
	replay: replayCommand
};

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
	const [command, ...rest] = argv;
	if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
		io.stdout(HELP);
		return command === undefined ? EXIT.usage : EXIT.ok;
	}
	const run = COMMANDS[command];
	if (!run) {
		io.stderr(`jxc: unknown command "${command}". Run \`jxc help\` for the list.\n`);
		return EXIT.usage;
	}
	if (rest.includes('--help') || rest.includes('-h')) {
		io.stdout(HELP);
		return EXIT.ok;
	}
	try {
		return await run(rest, io);
	} catch (err) {
		if (err instanceof UsageError) {
			io.stderr(`jxc ${command}: ${err.message}\n`);
			return EXIT.usage;
		}
		const e = err as NodeJS.ErrnoException;
		io.stderr(`jxc ${command}: ${e.code ? `${e.code}: ` : ''}${e.message}\n`);
		return EXIT.failed;
	}
}
