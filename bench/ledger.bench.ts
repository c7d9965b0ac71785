/**
 * Derivation speed on the large demo company (issue 2 §6). Prints:
 *   bench ledger-replay: full replay (stock, costs, balances, documents, alerts) in events/s
 *   bench sqlite-groupby: the reference — SQLite in memory, stock and balances by GROUP BY over the same rows
 *   bench ledger-vs-sqlite: our time / SQLite's time (must be < 1)
 *   bench ledger-append-p99: one 5-line sale appended to a 1,000,000-event ledger
 *   bench ledger-backdated-30d: a walk-in sale dated 30 days back into that ledger (D13: it re-costs only
 *     the stock it moves; -first: the first of them); -receipt: a purchase receipt
 *     dated the same from a supplier active since (D13 too, when its payments name what they settle)
 *   bench ledger-catch-up-steps-ms: the first 1,000,000 events derived as the app's catch-up derives a
 *     journal loaded from the device (one add taken in steps of 1,000, D11), beside the same events in one
 *     add and 1,000 per add (what the app did before D11)
 * Timings are wall-clock on an otherwise idle machine; the best of three runs is reported for the
 * replays (the first pays JIT warm-up), every run for the incremental figures. On a shared machine the
 * CPU times (`*-cpu*` lines, all threads of this process) and the load average say how far to trust them.
 */
import Database from 'better-sqlite3';
import { loadavg } from 'node:os';
import type { AnyEvent } from '../src/lib/domain/event';
import { compareEvents } from '../src/lib/domain/event';
import { Ledger } from '../src/lib/domain/ledger';
import { generateDemo } from '../src/lib/demo/generate';
import { laterEvents } from './later-events';

const SIZE = (process.env.JXC_BENCH_DEMO as 'small' | 'large' | undefined) ?? 'large';

async function loadEvents(): Promise<AnyEvent[]> {
	try {
		const cache = (await import('./demo-cache')) as {
			loadLargeDemo?: () => AnyEvent[] | Promise<AnyEvent[]>;
		};
		if (SIZE === 'large' && cache.loadLargeDemo) return await cache.loadLargeDemo();
	} catch {
		// No cache module: generate in memory.
	}
	return [...generateDemo({ size: SIZE })];
}

function gc(): void {
	(globalThis as { gc?: () => void }).gc?.();
}

function line(name: string, value: number | string, unit: string): void {
	console.log(`bench ${name}: ${value} ${unit}`);
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const events = await loadEvents();
events.sort(compareEvents);
line('ledger-events', events.length, 'events');

/** CPU time of this process in ms (all threads: the GC's helpers count too). */
function cpuMs(): number {
	const c = process.cpuUsage();
	return (c.user + c.system) / 1000;
}

// The machine is shared: the load, and CPU times beside wall times, say how far to trust the latter.
line('load-average', loadavg()[0]!.toFixed(2), '(1 min)');

// ---- full replay, best of 3
let best = Infinity;
let bestCpu = Infinity;
for (let i = 0; i < 3; i++) {
	gc();
	const c0 = cpuMs();
	const t0 = performance.now();
	const l = new Ledger();
	l.add(events);
	best = Math.min(best, performance.now() - t0);
	bestCpu = Math.min(bestCpu, cpuMs() - c0);
	if (i === 2) line('ledger-alerts', l.alerts().length, 'alerts');
}
const rate = Math.round(events.length / (best / 1000));
line('ledger-replay', rate, 'events/s');
line('ledger-replay-ms', best.toFixed(0), 'ms');
line('ledger-replay-cpu-ms', bestCpu.toFixed(0), 'ms');
gc();
line(
	'ledger-replay-heap',
	Math.round(process.memoryUsage().heapUsed / 1e6),
	'MB (events and the last ledger)'
);

// ---- SQLite reference: the order-free part only (stock quantities and party balances)
{
	const db = new Database(':memory:');
	db.exec('CREATE TABLE moves (p TEXT, wh TEXT, q INTEGER); CREATE TABLE money (party TEXT, amount INTEGER)');
	const mv = db.prepare('INSERT INTO moves VALUES (?, ?, ?)');
	const mo = db.prepare('INSERT INTO money VALUES (?, ?)');
	db.transaction(() => {
		for (const e of events) {
			const p = e.payload as Record<string, unknown> & {
				lines?: { p?: string; q: number; amount?: number }[];
			};
			const wh = (p['wh'] as string) ?? (p['from'] as string) ?? '';
			const sign =
				e.type === 'sales.delivery.posted' ||
				e.type === 'sales.counter.posted' ||
				e.type === 'stock.transfer.shipped'
					? -1
					: 1;
			if (
				p.lines &&
				(e.type.startsWith('purchase.receipt') ||
					e.type.startsWith('sales.') ||
					e.type.startsWith('stock.') ||
					e.type === 'opening.stock')
			)
				for (const l of p.lines) if (l.p) mv.run(l.p, wh, sign * l.q);
			if (e.type === 'sales.delivery.posted' || e.type === 'purchase.receipt.posted') {
				const party = (p['customer'] as string) ?? (p['supplier'] as string);
				let total = 0;
				for (const l of p.lines ?? []) total += l.amount ?? 0;
				mo.run(party, total);
			} else if (e.type === 'payment.received' || e.type === 'payment.made')
				mo.run((p['customer'] as string) ?? (p['supplier'] as string), -(p['amount'] as number));
		}
	})();
	const rows = (db.prepare('SELECT count(*) n FROM moves').get() as { n: number }).n;
	let sqliteBest = Infinity;
	let sqliteCpu = Infinity;
	for (let i = 0; i < 3; i++) {
		const c0 = cpuMs();
		const t0 = performance.now();
		db.prepare('SELECT p, wh, SUM(q) FROM moves GROUP BY p, wh').all();
		db.prepare('SELECT party, SUM(amount) FROM money GROUP BY party').all();
		sqliteBest = Math.min(sqliteBest, performance.now() - t0);
		sqliteCpu = Math.min(sqliteCpu, cpuMs() - c0);
	}
	line('sqlite-groupby-rows', rows, 'rows');
	line('sqlite-groupby-ms', sqliteBest.toFixed(0), 'ms');
	line('sqlite-groupby', Math.round(events.length / (sqliteBest / 1000)), 'events/s');
	line('ledger-vs-sqlite', (best / sqliteBest).toFixed(2), 'x time (target < 1)');
	line('sqlite-groupby-cpu-ms', sqliteCpu.toFixed(0), 'ms');
	line('ledger-vs-sqlite-cpu', (bestCpu / sqliteCpu).toFixed(2), 'x CPU time');
	db.close();
}

// ---- the app's catch-up: one add in steps of 1,000 events (workspace.svelte.ts, SLICE_EVENTS)
{
	const part = events.slice(0, Math.min(1_000_000, events.length));
	gc();
	const t = performance.now();
	const stepping = new Ledger();
	const steps = stepping.adding(part, 1000);
	let count = 0;
	while (!steps.next().done) count++;
	line('ledger-catch-up-steps-ms', (performance.now() - t).toFixed(0), `ms (one add in ${count} steps)`);
	gc();
	const t0 = performance.now();
	const l = new Ledger();
	let applied = 0;
	for (let i = 0; i < part.length; i += 1000) applied += l.add(part.slice(i, i + 1000)).applied;
	const ms = performance.now() - t0;
	line('ledger-catch-up-sliced-events', part.length, 'events');
	line('ledger-catch-up-sliced-ms', ms.toFixed(0), 'ms (1,000 events per add, as before D11)');
	line('ledger-catch-up-sliced-applied', applied, 'events (re-applied by rewinds included)');
	gc();
	const t1 = performance.now();
	new Ledger().add(part);
	line('ledger-catch-up-one-add-ms', (performance.now() - t1).toFixed(0), 'ms (the same events in one add)');
}

// ---- incremental: a ledger of 1,000,000 events, then appends and a backdated event
{
	const base = events.slice(0, Math.min(1_000_000, events.length));
	gc();
	const l = new Ledger();
	l.add(base);
	const last = base[base.length - 1]!;
	const next = laterEvents(last);
	const sample = base
		.filter((e) => e.type === 'sales.counter.posted' || e.type === 'sales.delivery.posted')
		.slice(-200);
	const products = [
		...new Set(sample.flatMap((e) => (e.payload as { lines: { p: string }[] }).lines.map((x) => x.p)))
	];
	const wh = (sample[0]!.payload as { wh: string }).wh;
	const sale = (at: number, no: number): AnyEvent =>
		next('sales.counter.posted', at, {
			no,
			wh,
			lines: [0, 1, 2, 3, 4].map((k) => ({
				p: products[(no * 5 + k) % products.length]!,
				q: 1000,
				amount: 1990,
				vat: 1300
			})),
			tenders: [{ account: 'CASH', amount: 5 * 1990 }]
		});
	const times: number[] = [];
	for (let i = 0; i < 2000; i++) {
		const e = sale(last.at, 900_000 + i);
		const t0 = performance.now();
		l.add([e]);
		times.push(performance.now() - t0);
	}
	times.sort((a, b) => a - b);
	line('ledger-append-p50', percentile(times, 50).toFixed(3), 'ms');
	line('ledger-append-p99', percentile(times, 99).toFixed(3), 'ms (target < 1)');

	const back: number[] = [];
	let rewound = 0;
	const backCpu: number[] = [];
	const modes = new Map<string, number>();
	for (let i = 0; i < 7; i++) {
		const e = sale(last.at - 30, 950_000 + i);
		const c0 = cpuMs();
		const t0 = performance.now();
		const r = l.add([e]);
		back.push(performance.now() - t0);
		backCpu.push(cpuMs() - c0);
		rewound = r.applied;
		modes.set(r.mode, (modes.get(r.mode) ?? 0) + 1);
	}
	// The first after the load, apart (it warms up the re-costing code).
	line('ledger-backdated-30d-first', back[0]!.toFixed(1), 'ms');
	line('ledger-backdated-30d-modes', [...modes].map(([m, n]) => `${m}×${n}`).join(' '), '');
	back.sort((a, b) => a - b);
	backCpu.sort((a, b) => a - b);
	line('ledger-backdated-30d-cpu', backCpu[Math.floor(backCpu.length / 2)]!.toFixed(1), 'ms median');
	line('ledger-backdated-30d-events-reapplied', rewound, 'events');
	line('ledger-backdated-30d', back[Math.floor(back.length / 2)]!.toFixed(1), 'ms median (target < 50)');
	line('ledger-backdated-30d-max', back[back.length - 1]!.toFixed(1), 'ms');

	// A purchase receipt from a supplier that is paid and delivers again within the 30 days: D13 re-costs it
	// when those payments name what they settle, else it rewinds (the modes line says which).
	const model = base.findLast((e) => e.type === 'purchase.receipt.posted')!.payload as {
		supplier: string;
		wh: string;
	};
	const receipts: number[] = [];
	const receiptModes: string[] = [];
	for (let i = 0; i < 3; i++) {
		const e = next('purchase.receipt.posted', last.at - 30, {
			no: 960_000 + i,
			supplier: model.supplier,
			wh: model.wh,
			lines: [{ p: products[i]!, q: 10_000, amount: 50_000, vat: 1300 }]
		});
		const t0 = performance.now();
		receiptModes.push(l.add([e]).mode);
		receipts.push(performance.now() - t0);
	}
	receipts.sort((a, b) => a - b);
	line('ledger-backdated-30d-receipt-modes', receiptModes.join(' '), '');
	line('ledger-backdated-30d-receipt', receipts[1]!.toFixed(1), 'ms median');
	line('ledger-heap', Math.round(process.memoryUsage().heapUsed / 1e6), 'MB');
}
