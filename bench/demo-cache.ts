/**
 * The large demo company for benchmarks, generated once and cached in `bench/.cache/` (gitignored).
 *
 * The cache holds one compact tuple per line, the journal's own tuple form (codec.ts) with the id
 * appended: `[code, wall, counter, device, user, branch, at, payload, id]`, in files of 200,000 lines.
 * That is about a quarter of the readable JSONL. Reloading parses line by line, so the parsed tuples
 * die young and only the events survive (measured: about 30 % less CPU than parsing whole arrays or
 * full JSON objects, most of the rest being the garbage collector promoting two million events), and
 * decodes payloads without re-validating them (the generator's tests validate its output). The cache is
 * keyed by a hash of the generator and catalogue sources, so it rebuilds itself when they change.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemo } from '../src/lib/demo/generate';
import type { DemoSize } from '../src/lib/demo/model';
import { CATALOGUE, TYPE_BY_CODE } from '../src/lib/domain/catalogue';
import { encodeEvent } from '../src/lib/domain/codec';
import { CURRENT_VERSION, type AnyEvent } from '../src/lib/domain/event';
import { TUPLE } from '../src/lib/domain/journal-format';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const CACHE = join(HERE, '.cache');
const CHUNK = 200_000;
const FORMAT = 2;
const ID = 8;

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
	let chunk: string[] = [];
	let files = 0;
	let count = 0;
	const flush = () => {
		writeFileSync(join(tmp, `chunk-${String(files++).padStart(3, '0')}.jsonl`), chunk.join(''));
		chunk = [];
	};
	for (const e of generateDemo({ size, seed })) {
		const t = encodeEvent(e).slice(0, TUPLE.payload + 1);
		t[ID] = e.id;
		chunk.push(JSON.stringify(t) + '\n');
		count++;
		if (chunk.length === CHUNK) flush();
	}
	if (chunk.length) flush();
	writeFileSync(
		join(tmp, 'meta.json'),
		JSON.stringify({ size, seed, count, ms: Math.round(performance.now() - t0) })
	);
	// Caches of older generator versions are dropped (never another process's build in progress).
	const current = basename(dir);
	for (const old of readdirSync(CACHE))
		if (old.startsWith(`demo-${size}-${seed}-`) && !old.includes('.tmp-') && old !== current)
			rmSync(join(CACHE, old), { recursive: true, force: true });
	if (existsSync(join(dir, 'meta.json'))) rmSync(tmp, { recursive: true, force: true });
	else {
		rmSync(dir, { recursive: true, force: true });
		renameSync(tmp, dir);
	}
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
		id: t[ID] as string,
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
		const text = readFileSync(join(dir, f), 'utf8');
		for (let i = 0; i < text.length;) {
			const j = text.indexOf('\n', i);
			out.push(decodeTrusted(JSON.parse(text.slice(i, j)) as unknown[]));
			i = j + 1;
		}
	}
	return out;
}

/** The large demo company (10 branches, 3 years, about 2,000,000 events), in recording order. */
export function loadLargeDemo(): AnyEvent[] {
	return loadDemo('large');
}
