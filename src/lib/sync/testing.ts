/**
 * Seeded test and bench support for the sync layer (STYLE habit 5): a small PRNG and a generator of
 * realistic branch work (deliveries, counter sales, receipts, transfers, the odd stocktake), expressed as
 * `recordMany` commands so tests exercise the same path as the app. Not imported by app code.
 */
import type { AnyEvent } from '../domain/event';
import { formatHlc } from '../domain/hlc';
import type { RecordCommand } from './journal';

export interface Random {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [lo, hi]. */
	int(lo: number, hi: number): number;
	pick<T>(items: readonly T[]): T;
	chance(p: number): boolean;
	shuffle<T>(items: T[]): T[];
}

/** mulberry32: tiny, fast, good enough to drive fuzzing; the same seed gives the same run everywhere. */
export function seededRandom(seed: number): Random {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
	return {
		next,
		int,
		pick: (items) => items[Math.floor(next() * items.length)]!,
		chance: (p) => next() < p,
		shuffle(items) {
			for (let i = items.length - 1; i > 0; i--) {
				const j = int(0, i);
				[items[i], items[j]] = [items[j]!, items[i]!];
			}
			return items;
		}
	};
}

/** `code('P', 123, 4)` → 'P0123'. */
export function code(prefix: string, n: number, width: number): string {
	return prefix + String(n).padStart(width, '0');
}

const VAT = [1300, 1300, 1300, 1300, 900, 600] as const;
const WAREHOUSES = ['W01', 'W02'] as const;

interface Line {
	p: string;
	q: number;
	amount: number;
	vat: number;
}

function lines(rng: Random, max = 5): Line[] {
	// Most tickets have one or two lines; a few have up to `max`.
	const n = Math.min(max, rng.chance(0.5) ? 1 : rng.chance(0.6) ? 2 : rng.int(3, max));
	const out: Line[] = [];
	for (let i = 0; i < n; i++) {
		const units = rng.chance(0.1) ? rng.int(200, 9_999) / 1000 : rng.int(1, 24);
		const price = rng.int(150, 50_000);
		out.push({
			p: code('P', rng.int(1, 800), 4),
			q: Math.round(units * 1000),
			amount: Math.round(units * price),
			vat: rng.pick(VAT)
		});
	}
	return out;
}

const total = (ls: readonly Line[]) => ls.reduce((s, l) => s + l.amount, 0);

/**
 * One operation a branch clerk performs, as the commands it records (usually one event; a delivery
 * paid on the spot adds a payment in the finance partition when `withPayments`).
 */
export function branchOperation(
	rng: Random,
	who: { user: string; branch: string; device: string },
	options: { withPayments?: boolean; at?: number } = {}
): RecordCommand[] {
	const base = {
		user: who.user,
		branch: who.branch,
		...(options.at === undefined ? {} : { at: options.at })
	};
	const wh = rng.pick(WAREHOUSES);
	const roll = rng.next();
	if (roll < 0.36) {
		const ls = lines(rng);
		const delivery: RecordCommand = {
			...base,
			type: 'sales.delivery.posted',
			payload: { customer: code('C', rng.int(1, 150), 3), wh, lines: ls }
		};
		if (!options.withPayments || !rng.chance(0.3)) return [delivery];
		return [
			delivery,
			{
				...base,
				branch: '',
				type: 'payment.received',
				payload: (earlier: readonly AnyEvent[]) => {
					const ref = earlier[earlier.length - 1]!.id;
					return {
						customer: code('C', rng.int(1, 150), 3),
						account: rng.pick(['BANK1', 'WX', 'ALI']),
						amount: total(ls),
						allocations: [{ ref, amount: total(ls) }]
					};
				}
			}
		];
	}
	if (roll < 0.72) {
		const ls = lines(rng, 4);
		const due = total(ls);
		const cash = rng.chance(0.35);
		const paid = cash ? Math.ceil(due / 10_000) * 10_000 : due;
		return [
			{
				...base,
				type: 'sales.counter.posted',
				payload: {
					...(rng.chance(0.2) ? { customer: code('C', rng.int(1, 150), 3) } : {}),
					wh,
					lines: ls,
					tenders: [{ account: cash ? 'CASH' : rng.pick(['WX', 'ALI', 'CARD']), amount: paid }],
					...(paid > due ? { change: paid - due } : {})
				}
			}
		];
	}
	if (roll < 0.86)
		return [
			{
				...base,
				type: 'purchase.receipt.posted',
				payload: { supplier: code('S', rng.int(1, 30), 2), wh, lines: lines(rng) }
			}
		];
	if (roll < 0.95) {
		const moves = lines(rng, 3).map((l) => ({ p: l.p, q: l.q }));
		return [
			{
				...base,
				type: 'stock.transfer.shipped',
				payload: { from: wh, to: wh === 'W01' ? 'W02' : 'W01', lines: moves }
			}
		];
	}
	if (roll < 0.985)
		return [
			{
				...base,
				type: 'stock.adjusted',
				payload: {
					wh,
					reason: rng.pick(['破损', '过期', '盘盈']),
					lines: [{ p: code('P', rng.int(1, 800), 4), q: rng.int(-5, 5) * 1000 || -1000 }]
				}
			}
		];
	// A partial stocktake of one shelf.
	const counted = Array.from({ length: rng.int(8, 30) }, () => ({
		p: code('P', rng.int(1, 800), 4),
		counted: rng.int(0, 60) * 1000
	}));
	return [
		{
			...base,
			type: 'stocktake.posted',
			payload: {
				wh,
				countedAt: formatHlc({ wall: Date.UTC(2026, 2, 1), counter: 0, device: who.device }),
				lines: counted
			}
		}
	];
}
