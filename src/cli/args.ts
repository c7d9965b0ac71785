/**
 * A small argv parser for the `jxc` commands: positionals, `--flag`, `--key value` and `--key=value`.
 * Unknown options are errors, so a typo never silently changes what a command does.
 */

export interface ParsedArgs {
	positionals: string[];
	options: Map<string, string | true>;
}

export class UsageError extends Error {}

/** `valued` names the options that take a value; the rest are flags. */
export function parseArgs(
	argv: readonly string[],
	valued: readonly string[],
	flags: readonly string[]
): ParsedArgs {
	const positionals: string[] = [];
	const options = new Map<string, string | true>();
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i]!;
		if (!a.startsWith('--') || a === '--') {
			if (a !== '--') positionals.push(a);
			continue;
		}
		const eq = a.indexOf('=');
		const name = a.slice(2, eq < 0 ? undefined : eq);
		if (valued.includes(name)) {
			const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
			if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
			options.set(name, value);
		} else if (flags.includes(name)) {
			if (eq >= 0) throw new UsageError(`--${name} takes no value`);
			options.set(name, true);
		} else throw new UsageError(`unknown option --${name}`);
	}
	return { positionals, options };
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
	const v = args.options.get(name);
	return typeof v === 'string' ? v : undefined;
}
