/**
 * `jxc demo`: writes the seeded demo company as JSONL, one event per line, streaming (the large size is
 * two million lines; it is never held as one string).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createDemo } from '../lib/demo/generate';
import type { DemoSize } from '../lib/demo/model';
import { parseArgs, stringOption, UsageError } from './args';
import type { Io } from './io';
import { JsonlWriter } from '../lib/domain/jsonl';

const SIZES: readonly DemoSize[] = ['tiny', 'small', 'large'];
/** Lines are written in batches of about this many characters. */
const BATCH = 1 << 20;

export async function demoCommand(argv: readonly string[], io: Io): Promise<number> {
	const args = parseArgs(argv, ['size', 'seed', 'out'], []);
	if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
	const size = stringOption(args, 'size') ?? 'small';
	if (!SIZES.includes(size as DemoSize)) throw new UsageError(`--size must be one of ${SIZES.join(', ')}`);
	const seedText = stringOption(args, 'seed') ?? '1';
	if (!/^\d{1,10}$/.test(seedText) || Number(seedText) > 0xffffffff)
		throw new UsageError('--seed must be a whole number from 0 to 4294967295');
	const out = stringOption(args, 'out');
	if (!out) throw new UsageError('--out <file.jsonl> is required');

	const t0 = performance.now();
	const stream = createWriteStream(out, { encoding: 'utf8' });
	const failed = new Promise<never>((_, reject) => stream.once('error', reject));
	failed.catch(() => undefined);
	let count = 0;
	let bytes = 0;
	let buffer = '';
	const write = async (text: string) => {
		bytes += Buffer.byteLength(text);
		if (!stream.write(text)) await Promise.race([once(stream, 'drain'), failed]);
	};
	const jsonl = new JsonlWriter();
	const demo = createDemo({ size: size as DemoSize, seed: Number(seedText) });
	for (const e of demo.events) {
		buffer += jsonl.line(e);
		count++;
		if (buffer.length >= BATCH) {
			await write(buffer);
			buffer = '';
		}
	}
	if (buffer) await write(buffer);
	stream.end();
	await Promise.race([once(stream, 'finish'), failed]);
	const { profile, company } = demo.sim;
	const seconds = ((performance.now() - t0) / 1000).toFixed(1);
	io.stdout(
		`demo ${size} (seed ${seedText}): ${count.toLocaleString('en-US')} events, ${company.products.length.toLocaleString('en-US')} products, ` +
			`${profile.branches} branches, ${profile.days} days → ${out} (${(bytes / 1e6).toFixed(1)} MB) in ${seconds} s\n`
	);
	return 0;
}
