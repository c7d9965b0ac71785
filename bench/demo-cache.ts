/**
 * The large demo company for benchmarks, generated once and cached in `bench/.cache/` (gitignored).
 *
 * The cache holds events in the compact tuple form of the journal (codec.ts), in chunks of 200,000
 * per JSON file: about a third of the size of the readable JSONL, and JSON.parse of arrays is the
 * fastest load Node has. Reloading decodes payloads without re-validating them (the generator's output
 * is validated by its own tests), so a 2-million-event journal loads in a few seconds. The cache is
 * keyed by a hash of the generator and catalogue sources, so it rebuilds itself when they change.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemo } from '../src/lib/demo/generate';
import type { DemoSize } from '../src/lib/demo/model';
import { CATALOGUE, TYPE_BY_CODE } from '../src/lib/domain/catalogue';
import { encodeEvent } from '../src/lib/domain/codec';
import { CURRENT_VERSION, type AnyEvent } from '../src/lib/domain/event';
import { formatHlc } from '../src/lib/domain/hlc';
import { TUPLE } from '../src/lib/domain/journal-format';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const CACHE = join(HERE, '.cache');
const CHUNK = 200_000;
const FORMAT = 1;

/** Everything whose change changes the demo journal or its encoding. */
function sourceKey(size: DemoSize, seed: number): string {
	const h = createHash('sha256').update(`${FORMAT}|${size}|${seed}`);
	const demo = join(ROOT, 'src/lib/demo');
	for (const f of readdirSync(demo).sort())
		if (f.endsWith('.ts') && !f.endsWith('.test.ts')) h.update(f).update(readFileSync(join(demo, f)));
	for (const f of ['catalogue.ts', 'schema.ts', 'codec.ts', 'hlc.ts', 'event.ts'])
		h.update(f).update(readFileSync(join(ROOT, 'src/lib/domain', f)));
	return h.digest('hex').slice(0, 16);
}

export function demoCacheDir(size: DemoSize = 'large', seed = 1): string {
	return join(CACHE, `demo-${size}-${seed}-${sourceKey(size, seed)}`);
}

function build(dir: string, size: DemoSize, seed: number): void {
	const t0 = performance.now();
	const tmp = `${dir}.tmp-${process.pid}`;
	rmSync(tmp, { recursive: true, force: true });
	mkdirSync(tmp, { recursive: true });
	let chunk: unknown[] = [];
	let files = 0;
	let count = 0;
	const flush = () => {
		writeFileSync(join(tmp, `chunk-${String(files++).padStart(3, '0')}.json`), JSON.stringify(chunk));
		chunk = [];
	};
	for (const e of generateDemo({ size, seed })) {
		chunk.push(encodeEvent(e));
		count++;
		if (chunk.length === CHUNK) flush();
	}
	if (chunk.length) flush();
	writeFileSync(
		join(tmp, 'meta.json'),
		JSON.stringify({ size, seed, count, ms: Math.round(performance.now() - t0) })
	);
	// Stale caches of older generator versions are dropped.
	if (existsSync(CACHE))
		for (const old of readdirSync(CACHE))
			if (old.startsWith(`demo-${size}-${seed}-`)) rmSync(join(CACHE, old), { recursive: true, force: true });
	renameSync(tmp, dir);
}

/** Decodes one cached tuple; trusted input (written by build above), so no validation. */
function decodeTrusted(t: unknown[]): AnyEvent {
	const type = TYPE_BY_CODE.get(t[TUPLE.type] as string)!;
	const hlc = {
		wall: t[TUPLE.wall] as number,
		counter: t[TUPLE.counter] as number,
		device: t[TUPLE.device] as string
	};
	return {
		id: t.length > TUPLE.id ? (t[TUPLE.id] as string) : formatHlc(hlc),
		type,
		v: CURRENT_VERSION,
		hlc,
		user: t[TUPLE.user] as string,
		branch: t[TUPLE.branch] as string,
		at: t[TUPLE.at] as number,
		payload: CATALOGUE[type].payload.decode(t[TUPLE.payload] as never)
	} as AnyEvent;
}

/** A demo journal of any size from the cache, generating it first if needed. */
export function loadDemo(size: DemoSize, seed = 1): AnyEvent[] {
	const dir = demoCacheDir(size, seed);
	if (!existsSync(join(dir, 'meta.json'))) build(dir, size, seed);
	const out: AnyEvent[] = [];
	for (const f of readdirSync(dir).sort()) {
		if (!f.startsWith('chunk-')) continue;
		const tuples = JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown[][];
		for (const t of tuples) out.push(decodeTrusted(t));
	}
	return out;
}

/** The large demo company (10 branches, 3 years, about 2,000,000 events), in recording order. */
export function loadLargeDemo(): AnyEvent[] {
	return loadDemo('large');
}
