/**
 * `jxc replay`: reads a JSONL journal line by line, reports each line that is not a valid event (with
 * its number and the reason), derives everything from the rest with the Ledger, and prints the
 * snapshot as JSON, or a short table with `--summary`.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { getHeapStatistics } from 'node:v8';
import { parseEventJson, type AnyEvent } from '../lib/domain/event';
import { Ledger } from '../lib/domain/ledger';
import { parseArgs, UsageError } from './args';
import { EXIT, type Io } from './io';
import { formatSummary } from './summary';

/** Journals above this size get a hint about Node's heap limit. */
const LARGE_FILE = 300e6;
/** Beyond this many, bad lines are counted but not listed one by one. */
const MAX_REPORTED = 1000;

export interface ReadResult {
	events: AnyEvent[];
	lines: number;
	bad: number;
}

/** Reads and validates a JSONL journal; each bad line is reported through `report`. */
export async function readJournal(
	file: string,
	report: (line: number, reason: string) => void
): Promise<ReadResult> {
	const events: AnyEvent[] = [];
	let lines = 0;
	let bad = 0;
	const input = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
	for await (const text of input) {
		lines++;
		if (text.trim() === '') continue;
		let raw: unknown;
		try {
			raw = JSON.parse(text);
		} catch (err) {
			bad++;
			report(lines, `not valid JSON (${(err as Error).message})`);
			continue;
		}
		const r = parseEventJson(raw);
		if (r.ok) events.push(r.event);
		else {
			bad++;
			report(lines, r.path ? `${r.path} ${r.reason}` : r.reason);
		}
	}
	return { events, lines, bad };
}

export async function replayCommand(argv: readonly string[], io: Io): Promise<number> {
	const args = parseArgs(argv, [], ['summary']);
	if (args.positionals.length !== 1)
		throw new UsageError('replay needs exactly one file: jxc replay <file.jsonl>');
	const file = args.positionals[0]!;
	try {
		const s = await stat(file);
		if (!s.isFile()) {
			io.stderr(`jxc replay: "${file}" is not a file\n`);
			return EXIT.failed;
		}
		// Every event is held in memory (the large demo: about 4 GB of heap), more than Node's default.
		if (s.size > LARGE_FILE && getHeapStatistics().heap_size_limit < 8e9)
			io.stderr(
				`jxc replay: ${(s.size / 1e6).toFixed(0)} MB journal; if Node runs out of memory, ` +
					`run with NODE_OPTIONS=--max-old-space-size=8192\n`
			);
	} catch (err) {
		const code = (err as NodeJS.ErrnoException).code;
		io.stderr(
			`jxc replay: cannot read "${file}": ${code === 'ENOENT' ? 'no such file' : (err as Error).message}\n`
		);
		return EXIT.failed;
	}

	const t0 = performance.now();
	let reported = 0;
	const read = await readJournal(file, (line, reason) => {
		if (++reported <= MAX_REPORTED) io.stderr(`line ${line}: ${reason}\n`);
	});
	if (read.bad > MAX_REPORTED) io.stderr(`… and ${read.bad - MAX_REPORTED} more bad lines\n`);
	const t1 = performance.now();
	const ledger = new Ledger();
	const added = ledger.add(read.events).added;
	const snapshot = ledger.snapshot();
	const t2 = performance.now();

	if (args.options.has('summary'))
		io.stdout(
			formatSummary(ledger, snapshot, {
				file,
				lines: read.lines,
				bad: read.bad,
				duplicates: read.events.length - added,
				readMs: t1 - t0,
				deriveMs: t2 - t1
			})
		);
	else io.stdout(JSON.stringify(snapshot, null, 2) + '\n');
	return read.bad > 0 ? EXIT.badLines : EXIT.ok;
}
