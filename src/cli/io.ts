/** Where a command writes: the process's streams in `jxc`, buffers in tests. */
export interface Io {
	stdout(text: string): void;
	stderr(text: string): void;
}

/** Exit codes of `jxc` (docs/CLI.md). */
export const EXIT = {
	ok: 0,
	/** The command failed: a file could not be read or written. */
	failed: 1,
	/** The command line was wrong. */
	usage: 2,
	/** `replay` derived the journal, but some lines were not valid events and were skipped. */
	badLines: 3
} as const;
