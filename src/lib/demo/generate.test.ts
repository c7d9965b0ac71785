import { beforeAll, describe, expect, it } from 'vitest';
import type { EventType } from '../domain/catalogue';
import { decodeEvent, encodeEvent } from '../domain/codec';
import { dayFromIso, dayFromWall } from '../domain/dates';
import { compareHlc, formatHlc } from '../domain/hlc';
import { eventToJson, makeEvent, parseEventJson, type AnyEvent } from '../domain/event';
import { Ledger } from '../domain/ledger';
import { EXPIRY_WINDOW_DAYS, expiryRows } from '../projections/expiry';
import { masterNames } from '../projections/names';
import { tillClose } from '../projections/till-close';
import { isValidEan13 } from './barcode';
import { createDemo, generateDemo } from './generate';
import type { Sim } from './sim';

interface Run {
	sim: Sim;
	events: AnyEvent[];
	ledger: Ledger;
	counts: Map<EventType, number>;
}

function runDemo(size: 'tiny' | 'small', seed = 1, validate = false): Run {
	const demo = createDemo({ size, seed, validate });
	const events = [...demo.events];
	const ledger = new Ledger();
	ledger.add(events);
	const counts = new Map<EventType, number>();
	for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
	return { sim: demo.sim, events, ledger, counts };
}

/** The generator's own stock book must be exactly what the ledger derives from its journal. */
function mismatchedCells(run: Run): string[] {
	const out: string[] = [];
	const { sim, ledger } = run;
	for (const w of sim.company.warehouses)
		for (const p of sim.company.products) {
			const s = ledger.stockOf(p.id, w.id);
			const c = sim.stock.cell(w.idx, p.idx);
			if (s.onHand !== sim.stock.onHand[c] || s.reserved !== sim.stock.reserved[c])
				out.push(
					`${p.id}@${w.id}: ledger ${s.onHand}/${s.reserved}, generator ${sim.stock.onHand[c]}/${sim.stock.reserved[c]}`
				);
		}
	return out;
}

describe('demo generator, tiny', () => {
	let tiny: Run;
	beforeAll(() => {
		tiny = runDemo('tiny', 1, true);
	});

	it('[G1] is deterministic for a seed, and another seed gives another company', () => {
		const again = [...generateDemo({ size: 'tiny', seed: 1 })];
		expect(again.map((e) => JSON.stringify(eventToJson(e)))).toEqual(
			tiny.events.map((e) => JSON.stringify(eventToJson(e)))
		);
		const other = [...generateDemo({ size: 'tiny', seed: 2 })];
		expect(other.map((e) => e.id)).not.toEqual(tiny.events.map((e) => e.id));
	});

	it('[G2] every event is valid and round-trips the tuple codec and the JSONL form', () => {
		const made = tiny.events.map((e) => makeEvent({ ...e, payload: e.payload }));
		const decoded = tiny.events.map((e) => decodeEvent(encodeEvent(e)));
		const parsed = tiny.events.map((e) => parseEventJson(JSON.parse(JSON.stringify(eventToJson(e)))));
		const expected = tiny.events.map((event) => ({ ok: true, event }));
		expect(made).toEqual(expected);
		expect(decoded).toEqual(expected);
		expect(parsed).toEqual(expected);
	});

	it('[G3] streams in recording order: HLCs strictly increase, ids are the formatted HLCs', () => {
		const bad = tiny.events.filter(
			(e, i) => e.id !== formatHlc(e.hlc) || (i > 0 && compareHlc(tiny.events[i - 1]!.hlc, e.hlc) >= 0)
		);
		expect(bad).toEqual([]);
	});

	it('[G4] each device numbers its documents 1, 2, 3 … per type', () => {
		const last = new Map<string, number>();
		const gaps: string[] = [];
		for (const e of tiny.events) {
			const no = (e.payload as { no?: number }).no;
			if (no === undefined) continue;
			const key = `${e.type}|${e.hlc.device}`;
			if (no !== (last.get(key) ?? 0) + 1) gaps.push(`${key} ${no}`);
			last.set(key, no);
		}
		expect(gaps).toEqual([]);
		expect(last.size).toBeGreaterThan(10);
	});

	it('[G5] the ledger accepts every event and agrees with the generator’s stock book', () => {
		expect(tiny.ledger.rejected()).toEqual([]);
		expect(tiny.ledger.quarantined()).toEqual([]);
		expect(mismatchedCells(tiny)).toEqual([]);
	});

	it('[G6] business hours in China time; the month is closed in early December', () => {
		const odd = tiny.events.filter(
			(e) => new Date(e.hlc.wall + 8 * 3_600_000).getUTCHours() < 7 || dayFromWall(e.hlc.wall) < e.at
		);
		expect(odd).toEqual([]);
		const closes = tiny.events.filter((e) => e.type === 'period.closed');
		expect(closes).toHaveLength(1);
		expect(closes[0]!.payload).toMatchObject({ through: dayFromIso('2025-11-30') });
	});

	it('[G7] products: Chinese names, valid unique EAN-13 barcodes (69…), prices that leave a margin', () => {
		const seen = new Set<string>();
		for (const e of tiny.events) {
			if (e.type !== 'product.created') continue;
			const f = e.payload.fields;
			expect(f.name).toMatch(/[\u4e00-\u9fff]/);
			for (const b of f.barcodes ?? []) {
				expect(isValidEan13(b)).toBe(true);
				expect(b.startsWith('69')).toBe(true);
				expect(seen.has(b)).toBe(false);
				seen.add(b);
			}
			expect(f.retailPrice!).toBeGreaterThan(f.purchasePrice!);
			expect([900, 1300]).toContain(f.vat);
		}
		expect(seen.size).toBeGreaterThan(20);
	});

	it('[G8] is fast', () => {
		const t0 = performance.now();
		let n = 0;
		for (const _ of generateDemo({ size: 'tiny', seed: 3 })) n++;
		expect(n).toBeGreaterThan(800);
		expect(performance.now() - t0).toBeLessThan(2000);
	});
});

describe('demo generator, small (one year, two branches)', () => {
	let small: Run;
	beforeAll(() => {
		small = runDemo('small', 1);
	});

	it('[G9] has the plausible mix of a year of trading', () => {
		const c = (t: EventType) => small.counts.get(t) ?? 0;
		expect(small.events.length).toBeGreaterThan(50_000);
		expect(small.events.length).toBeLessThan(90_000);
		// Counter sales are the bulk; every kind of document occurs.
		expect(c('sales.counter.posted') / small.events.length).toBeGreaterThan(0.7);
		expect(c('purchase.receipt.posted')).toBeGreaterThan(c('purchase.order.placed') * 0.9);
		expect(c('purchase.order.approved')).toBeGreaterThan(50);
		expect(c('sales.delivery.posted')).toBeGreaterThan(c('sales.order.placed') * 0.8);
		expect(c('stocktake.posted')).toBeGreaterThanOrEqual(30);
		expect(c('product.created')).toBe(small.sim.company.products.length);
		for (const t of [
			'purchase.order.rejected',
			'purchase.order.submitted',
			'purchase.order.closed',
			'purchase.return.posted',
			'sales.order.approved',
			'sales.order.rejected',
			'sales.return.posted',
			'stock.transfer.shipped',
			'stock.transfer.received',
			'stock.adjusted',
			'payment.received',
			'payment.made',
			'cash.transferred',
			'document.voided',
			'product.updated',
			'customer.updated',
			'supplier.updated',
			'opening.stock',
			'opening.balance',
			'opening.cash',
			'till.counted'
		] as EventType[])
			expect(c(t), t).toBeGreaterThan(0);
	});

	it('[G10] the ledger accepts every event and agrees with the generator’s stock book', () => {
		expect(small.ledger.rejected()).toEqual([]);
		expect(small.ledger.quarantined()).toEqual([]);
		expect(mismatchedCells(small)).toEqual([]);
	});

	it('[G11] some paperwork is entered a few days late, dated when it happened', () => {
		const late = small.events.filter((e) => dayFromWall(e.hlc.wall) > e.at);
		expect(late.length).toBeGreaterThan(10);
		const kinds = new Set(late.map((e) => e.type));
		expect([...kinds].sort()).toEqual(['purchase.receipt.posted', 'stock.adjusted']);
		expect(Math.max(...late.map((e) => dayFromWall(e.hlc.wall) - e.at))).toBeLessThanOrEqual(4);
	});

	it('[G12] batch-tracked goods carry batch and expiry on every stock movement', () => {
		const tracked = new Set(small.sim.company.products.filter((p) => p.shelfLife).map((p) => p.id));
		expect(tracked.size).toBeGreaterThan(10);
		let lines = 0;
		const missing: string[] = [];
		for (const e of small.events) {
			const ls = (e.payload as { lines?: { p?: string; q?: number; batch?: string; expiry?: number }[] })
				.lines;
			if (!ls || e.type.startsWith('purchase.order') || e.type.startsWith('sales.order')) continue;
			for (const l of ls) {
				if (!l.p || !tracked.has(l.p)) continue;
				lines++;
				// A receipt line whose goods were all rejected brings no batch in.
				if (e.type === 'purchase.receipt.posted' && l.q === 0) continue;
				if (!/^L\d{8}$/.test(l.batch ?? '') || typeof l.expiry !== 'number')
					missing.push(`${e.type} ${e.id}`);
			}
		}
		expect(missing).toEqual([]);
		expect(lines).toBeGreaterThan(1000);
	});

	it('[G14] now and then a lot arrives near its expiry: the 临期 list has rows at the end, and what expires is written off', () => {
		const last = Math.max(...small.events.map((e) => e.at));
		const rows = expiryRows(small.ledger, masterNames(small.ledger), last);
		const near = rows.filter((r) => r.daysLeft >= 0 && r.daysLeft <= EXPIRY_WINDOW_DAYS);
		expect(near.length).toBeGreaterThan(0);
		// Monday's write-off leaves nothing expired on the shelf for more than a week.
		expect(rows.filter((r) => r.daysLeft < -7)).toEqual([]);
		const writeOffs = small.events.filter(
			(e) => e.type === 'stock.adjusted' && (e.payload as { reason?: string }).reason === '过期报损'
		);
		expect(writeOffs.length).toBeGreaterThan(0);
	});

	it('[G13] counter tenders pay the total exactly; change comes from cash', () => {
		const accounts = new Map(small.sim.company.accounts.map((a) => [a.id, a.kind]));
		const wrong: string[] = [];
		for (const e of small.events) {
			if (e.type !== 'sales.counter.posted') continue;
			const total = e.payload.lines.reduce((s, l) => s + l.amount, 0);
			const paid = e.payload.tenders.reduce((s, t) => s + t.amount, 0);
			if (paid - (e.payload.change ?? 0) !== total) wrong.push(`${e.id} pays ${paid} for ${total}`);
			if (e.payload.change && accounts.get(e.payload.tenders[0]!.account) !== 'cash')
				wrong.push(`${e.id} gives change from a non-cash account`);
		}
		expect(wrong).toEqual([]);
	});

	it('[G15] each branch counts its drawer at closing: the till close then holds what was counted', () => {
		const counts = small.events.filter((e) => e.type === 'till.counted');
		const branches = small.sim.company.branches;
		const days = new Set(small.events.filter((e) => e.type === 'sales.counter.posted').map((e) => e.at));
		expect(counts.length).toBe(days.size * branches.length);
		const diffs = counts.map((e) => e.payload.diff);
		const off = diffs.filter((d) => d !== 0);
		expect(off.length / counts.length).toBeGreaterThan(0.05);
		expect(off.length / counts.length).toBeLessThan(0.25);
		expect(off.some((d) => d < 0) && off.some((d) => d > 0)).toBe(true);
		const names = masterNames(small.ledger);
		for (const e of counts.filter((_, i) => i % 37 === 0)) {
			const close = tillClose(small.ledger, names, e.at, e.branch, null);
			const drawer = close.accounts.find((a) => a.account === e.payload.account)!;
			expect(drawer.counts.map((c) => [c.counted, c.diff])).toEqual([[e.payload.counted, e.payload.diff]]);
			expect(drawer.closing).toBe(e.payload.counted);
		}
	});
});
