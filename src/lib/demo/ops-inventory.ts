/**
 * Stock housekeeping: transfers (back room to shop floor every morning, and between branches),
 * monthly stocktakes counted while the shop sells, damage and expiry write-offs, goods found.
 */
import { localMs, monthOf, nextOfficeDay } from './calendar';
import type { Branch, Product, Warehouse } from './model';
import { netValue } from './ops-master';
import { roundDown, UNIT } from './quantities';
import type { Sim } from './sim';
import type { Take } from './stock';

export interface TransferRequest {
	from: Branch;
	to: Branch;
	p: Product;
	q: number;
}

interface MoveLine {
	p: Product;
	q: number;
	batch?: string;
	expiry?: number;
}

const MAX_MOVE_LINES = 300;

function moveLines(p: Product, takes: Take[]): MoveLine[] {
	return takes.map((t) => ({
		p,
		q: t.q,
		...(t.batch !== undefined ? { batch: t.batch, expiry: t.expiry! } : {})
	}));
}

/**
 * Ships lines from one warehouse to another and schedules their arrival. `arrival` gives the time of
 * the receipt; `receiver` the branch whose clerk books it in.
 */
function ship(
	sim: Sim,
	from: Warehouse,
	to: Warehouse,
	lines: MoveLine[],
	arrival: number,
	interBranch: boolean
): void {
	const { stock, rng } = sim;
	const sender = from.branch;
	const e = sim.emit(
		'stock.transfer.shipped',
		{
			no: sim.docNo('stock.transfer.shipped', sender.office),
			from: from.id,
			to: to.id,
			lines: lines.map((l) => ({
				p: l.p.id,
				q: l.q,
				...(l.batch !== undefined ? { batch: l.batch, expiry: l.expiry! } : {})
			}))
		},
		{ device: sender.office, user: sender.warehouseClerk }
	);
	for (const l of lines) stock.incoming[stock.cell(to.idx, l.p.idx)]! += l.q;
	const receiver = to.branch;
	const by = { device: receiver.office, user: receiver.warehouseClerk };
	const book = (got: { line: number; q: number }[], final: boolean) => {
		sim.emit('stock.transfer.received', { ref: e.id, lines: got, final }, by);
		for (const g of got) {
			const l = lines[g.line]!;
			stock.add(
				to.idx,
				l.p.idx,
				g.q,
				l.batch !== undefined ? { batch: l.batch, expiry: l.expiry! } : undefined
			);
			stock.incoming[stock.cell(to.idx, l.p.idx)]! -= g.q;
		}
	};
	sim.at(arrival, () => {
		const all = lines.map((l, line) => ({ line, q: l.q }));
		if (interBranch && lines.length > 1 && rng.chance(0.08)) {
			// Two trips: part of it today, the rest an hour or two later.
			const half = Math.ceil(all.length / 2);
			book(all.slice(0, half), false);
			sim.at(sim.now + rng.int(60, 150) * 60_000, () => book(all.slice(half), true));
			return;
		}
		if (interBranch && rng.chance(0.05)) {
			// Arrived short: one line is a unit light; the final receipt books the shortage.
			const i = rng.int(0, all.length - 1);
			const short = all[i]!;
			if (short.q >= 2 * UNIT && lines[i]!.batch === undefined) {
				short.q -= UNIT;
				stock.incoming[stock.cell(to.idx, lines[i]!.p.idx)]! -= UNIT;
			}
		}
		book(all, true);
	});
}

/** Requests from the buyer's run: the sending branch ships late morning, it arrives in a day or two. */
export function requestTransfers(sim: Sim, requests: TransferRequest[]): void {
	const { stock, rng } = sim;
	const byRoute = new Map<string, TransferRequest[]>();
	for (const r of requests) {
		const key = `${r.from.id}>${r.to.id}`;
		const list = byRoute.get(key) ?? [];
		list.push(r);
		byRoute.set(key, list);
		stock.incoming[stock.cell(r.to.stock.idx, r.p.idx)]! += r.q;
	}
	for (const list of byRoute.values()) {
		const { from, to } = list[0]!;
		sim.at(localMs(sim.today, 11, rng.int(0, 59)), () => {
			const lines: MoveLine[] = [];
			for (const r of list) {
				const c = stock.cell(from.stock.idx, r.p.idx);
				const surplus = stock.onHand[c]! - stock.reserved[c]! - stock.max[c]! * 0.6;
				const q = Math.min(r.q, roundDown(surplus, UNIT));
				stock.incoming[stock.cell(to.stock.idx, r.p.idx)]! -= r.q;
				if (q < UNIT) continue;
				lines.push(...moveLines(r.p, stock.take(from.stock.idx, r.p.idx, q)));
			}
			if (lines.length === 0) return;
			const day = nextOfficeDay(sim.today + rng.int(1, 2));
			ship(sim, from.stock, to.stock, lines, localMs(day, rng.int(10, 15), rng.int(0, 59)), true);
		});
	}
}

/** Every morning the shop floor is refilled from the back warehouse. */
export function refillStore(sim: Sim, b: Branch): void {
	const { stock } = sim;
	if (b.store === b.stock) return;
	const lines: MoveLine[] = [];
	for (const p of sim.retail.items) {
		const c = stock.cell(b.store.idx, p.idx);
		const position = stock.onHand[c]! + stock.incoming[c]! - stock.reserved[c]!;
		if (position >= stock.min[c]!) continue;
		const q = Math.min(stock.max[c]! - position, roundDown(stock.available(b.stock.idx, p.idx), UNIT));
		if (q < UNIT) continue;
		lines.push(...moveLines(p, stock.take(b.stock.idx, p.idx, roundDown(q, UNIT))));
	}
	for (let i = 0; i < lines.length; i += MAX_MOVE_LINES)
		ship(
			sim,
			b.stock,
			b.store,
			lines.slice(i, i + MAX_MOVE_LINES),
			sim.now + sim.rng.int(20, 50) * 60_000,
			false
		);
}

/**
 * A monthly count while the shop keeps selling: counting starts at 14:00 (its HLC is `countedAt`),
 * the sheet is posted two hours later. The large company counts a third of its range each month.
 */
export function scheduleStocktake(sim: Sim, w: Warehouse): void {
	const { stock, rng } = sim;
	const b = w.branch;
	const start = localMs(sim.today, w.kind === 'store' ? 14 : 14, w.kind === 'store' ? 0 : 30);
	sim.at(start, () => {
		const countedAt = sim.tick(b.office);
		const cycle = sim.profile.size === 'large' ? monthOf(sim.today) % 3 : -1;
		const lines: { p: Product; counted: number; book: number; batch?: string; expiry?: number }[] = [];
		for (const p of sim.retail.items) {
			if (lines.length >= 990) break;
			const c = stock.cell(w.idx, p.idx);
			const book = stock.onHand[c]!;
			if (book === 0 || (cycle >= 0 && p.idx % 3 !== cycle && book > 0)) continue;
			if (p.shelfLife !== undefined) {
				for (const lot of stock.lots(w.idx, p.idx))
					lines.push({ p, counted: lot.q, book: lot.q, batch: lot.batch, expiry: lot.expiry });
				continue;
			}
			let counted = Math.max(0, book);
			if (rng.chance(0.06)) {
				const step = p.byWeight ? rng.int(10, 60) * 5 : rng.int(1, 2) * UNIT;
				counted = Math.max(0, counted + (rng.chance(0.7) ? -step : step));
			}
			lines.push({ p, counted, book });
		}
		if (lines.length === 0) return;
		sim.at(sim.now + rng.int(120, 160) * 60_000, () => {
			sim.emit(
				'stocktake.posted',
				{
					no: sim.docNo('stocktake.posted', b.office),
					wh: w.id,
					countedAt,
					lines: lines.map((l) => ({
						p: l.p.id,
						counted: l.counted,
						...(l.batch !== undefined ? { batch: l.batch, expiry: l.expiry! } : {})
					}))
				},
				{ device: b.office, user: b.warehouseClerk }
			);
			for (const l of lines)
				if (l.batch === undefined) stock.onHand[stock.cell(w.idx, l.p.idx)]! += l.counted - l.book;
		});
	});
}

const DAMAGE_REASONS = ['破损报损', '顾客试用损坏', '包装破损，无法销售', '丢失报损', '受潮变质报损'];

/** A clerk writes off damaged goods; now and then the sheet is entered a few days late. */
export function writeOffDamage(sim: Sim, b: Branch): void {
	const { stock, rng } = sim;
	const w = b.store;
	const p = sim.retail.pick(rng);
	const step = p.byWeight ? 5 : UNIT;
	const want = p.byWeight ? rng.int(40, 200) * 5 : rng.int(1, 2) * UNIT;
	const reason = rng.pick(DAMAGE_REASONS);
	const day = sim.today;
	let takes: Take[] = [];
	const apply = () => {
		const q = Math.min(want, roundDown(stock.available(w.idx, p.idx), step));
		if (q > 0) takes = stock.take(w.idx, p.idx, q);
	};
	const post = () => {
		if (takes.length === 0) return;
		sim.emit(
			'stock.adjusted',
			{
				no: sim.docNo('stock.adjusted', b.office),
				wh: w.id,
				reason,
				lines: takes.map((t) => ({
					p: p.id,
					q: -t.q,
					...(t.batch !== undefined ? { batch: t.batch, expiry: t.expiry! } : {})
				}))
			},
			{ device: b.office, user: b.warehouseClerk, at: day }
		);
	};
	const late = rng.chance(0.1) ? rng.int(1, 3) : 0;
	if (late > 0 && day + late <= sim.lastDay) {
		sim.at(localMs(day, 23, 50), apply);
		sim.at(localMs(day + late, 8, rng.int(0, 25)), post);
	} else {
		apply();
		post();
	}
}

/** Goods found or given free by a supplier: booked in at cost. */
export function bookFoundGoods(sim: Sim, b: Branch): void {
	const { rng, stock } = sim;
	const p = sim.retail.pick(rng);
	if (p.shelfLife !== undefined || p.byWeight) return;
	const q = rng.int(1, 3) * UNIT;
	sim.emit(
		'stock.adjusted',
		{
			no: sim.docNo('stock.adjusted', b.office),
			wh: b.store.id,
			reason: rng.pick(['供应商赠品入库', '整理仓库找到', '顾客遗留未取商品入库']),
			lines: [{ p: p.id, q, value: netValue(p, q) }]
		},
		{ device: b.office, user: b.warehouseClerk }
	);
	stock.add(b.store.idx, p.idx, q);
}

/** Monday morning: lots past their expiry date are taken off the shelf and written off. */
export function writeOffExpired(sim: Sim, w: Warehouse): void {
	const { stock } = sim;
	const lines: { p: string; q: number; batch: string; expiry: number }[] = [];
	for (const p of sim.retail.items) {
		if (p.shelfLife === undefined) continue;
		for (const lot of stock.expired(w.idx, p.idx, sim.today)) {
			lines.push({ p: p.id, q: -lot.q, batch: lot.batch, expiry: lot.expiry });
			stock.takeLot(w.idx, p.idx, lot.batch, lot.q);
		}
	}
	if (lines.length === 0) return;
	const b = w.branch;
	sim.emit(
		'stock.adjusted',
		{ no: sim.docNo('stock.adjusted', b.office), wh: w.id, reason: '过期报损', lines },
		{ device: b.office, user: b.warehouseClerk }
	);
}
