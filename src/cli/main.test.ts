import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerSnapshot } from '../lib/domain/ledger';
import { generateDemo } from '../lib/demo/generate';
import { eventToJson } from '../lib/domain/event';
import { JsonlWriter } from '../lib/domain/jsonl';
import { runCli } from './run';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = join(ROOT, 'src/cli/main.ts');

/** Runs `jxc` as a user would: a separate Node process through tsx. */
function jxc(...args: string[]): { status: number | null; stdout: string; stderr: string } {
	const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
		cwd: ROOT,
		encoding: 'utf8',
		maxBuffer: 64 << 20
	});
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function inProcess(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
	let stdout = '';
	let stderr = '';
	const status = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
	return { status, stdout, stderr };
}

describe('jxc', () => {
	let dir: string;
	let journal: string;
	let lines: string[];

	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'jxc-cli-'));
		journal = join(dir, 'tiny.jsonl');
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('[CLI1] demo writes one JSON event per line and prints a one-line summary', () => {
		const r = jxc('demo', '--size', 'tiny', '--seed', '1', '--out', journal);
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		lines = readFileSync(journal, 'utf8').trimEnd().split('\n');
		expect(r.stdout).toMatch(
			new RegExp(`^demo tiny \\(seed 1\\): ${lines.length.toLocaleString('en-US')} events, 40 products`)
		);
		expect(r.stdout.trim().split('\n')).toHaveLength(1);
		const first = JSON.parse(lines[0]!) as Record<string, unknown>;
		expect(Object.keys(first)).toEqual([
			'id',
			'type',
			'v',
			'hlc',
			'device',
			'user',
			'branch',
			'at',
			'payload'
		]);
		expect(first.at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('[CLI2] replay derives the journal and prints the snapshot as JSON', () => {
		const r = jxc('replay', journal);
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		const snap = JSON.parse(r.stdout) as LedgerSnapshot;
		expect(snap.events).toBe(lines.length);
		expect(snap.rejected).toEqual([]);
		expect(snap.stock.length).toBeGreaterThan(50);
		expect(snap.cash.length).toBeGreaterThan(3);
	});

	it('[CLI3] bad lines are reported by number and reason; the rest is still derived', () => {
		const broken = [...lines];
		// Line 5: not JSON at all. Line 17: a counter sale with a zero quantity. Line 40: an unknown type.
		broken[4] = broken[4]!.slice(0, 30);
		const sale = JSON.parse(lines.find((l) => l.includes('"sales.counter.posted"'))!) as {
			payload: { lines: { q: number }[] };
		};
		sale.payload.lines[0]!.q = 0;
		broken[16] = JSON.stringify(sale);
		broken[39] = broken[39]!.replace(/"type":"[^"]+"/, '"type":"sales.magic"');
		const file = join(dir, 'broken.jsonl');
		writeFileSync(file, broken.join('\n') + '\n');
		const r = jxc('replay', file);
		expect(r.status).toBe(3);
		const reported = r.stderr.trim().split('\n');
		expect(reported.map((l) => Number(/^line (\d+):/.exec(l)?.[1]))).toEqual([5, 17, 40]);
		expect(reported[0]).toMatch(/^line 5: not valid JSON/);
		expect(reported[1]).toMatch(/^line 17: payload\.lines\[0\]\.q must be an? quantity in thousandths ≥ 1$/);
		expect(reported[2]).toBe('line 40: type unknown event type "sales.magic"');
		const snap = JSON.parse(r.stdout) as LedgerSnapshot;
		expect(snap.events).toBe(lines.length - 3);
	});

	it('[CLI4] replay --summary prints a short bilingual table', async () => {
		const r = await inProcess('replay', journal, '--summary');
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('事件 Events');
		expect(r.stdout).toContain('库存 Stock');
		expect(r.stdout).toContain('资金 Cash');
		expect(r.stdout).toMatch(/拒绝 Rejected\s+0/);
	});

	it('[CLI6] the fast line writer writes exactly eventToJson', () => {
		const w = new JsonlWriter();
		const events = [...generateDemo({ size: 'tiny', seed: 2 })];
		expect(events.map((e) => w.line(e))).toEqual(events.map((e) => JSON.stringify(eventToJson(e)) + '\n'));
		const foreign = { ...events[0]!, id: 'imported "1"' };
		expect(w.line(foreign)).toBe(JSON.stringify(eventToJson(foreign)) + '\n');
	});

	it('[CLI5] help, unknown commands, bad options and missing files', async () => {
		expect(await inProcess('help')).toMatchObject({
			status: 0,
			stdout: expect.stringContaining('jxc demo --size')
		});
		expect((await inProcess()).status).toBe(2);
		const unknown = await inProcess('frobnicate');
		expect(unknown).toMatchObject({ status: 2, stdout: '' });
		expect(unknown.stderr).toContain('unknown command "frobnicate"');
		expect(await inProcess('demo', '--size', 'huge', '--out', join(dir, 'x.jsonl'))).toMatchObject({
			status: 2,
			stderr: 'jxc demo: --size must be one of tiny, small, large\n'
		});
		expect((await inProcess('demo', '--size', 'tiny')).stderr).toContain('--out <file.jsonl> is required');
		expect((await inProcess('replay', journal, '--fast')).stderr).toContain('unknown option --fast');
		const missing = await inProcess('replay', join(dir, 'nope.jsonl'));
		expect(missing.status).toBe(1);
		expect(missing.stderr).toContain('no such file');
		const unwritable = await inProcess('demo', '--size', 'tiny', '--out', join(dir, 'no/such/dir/x.jsonl'));
		expect(unwritable.status).toBe(1);
		expect(unwritable.stderr).toContain('ENOENT');
	});
});
