/**
 * Stock-only documents: opening stock, transfers, stocktakes, adjustments (rules I1–I6 in docs/SPEC.md).
 */
import type { CostPool } from '../costing/pool';
import type { JEvent } from '../event';
import { mulDivRound } from '../money';
import { type DocLine, type LedgerState, withEntry } from './state';
import { newDoc, share } from './trade';

/** Value of q units found on the shelf: at the current average, else the last known unit cost. */
export function gainValue(st: LedgerState, p: string, wh: string, q: number): number {
	return gainValueOf(st.total(p, wh), q);
}

/** `gainValue` for a given pool (a backdate re-costs a cell from its moves, D13). */
export function gainValueOf(pool: Pick<CostPool, 'qty' | 'value' | 'refQ' | 'refV'>, q: number): number {
	if (pool.qty > 0 && pool.value > 0) return mulDivRound(pool.value, q, pool.qty);
	return pool.refQ > 0 ? mulDivRound(pool.refV, q, pool.refQ) : 0;
}

export function openingStock(st: LedgerState, e: JEvent<'opening.stock'>): void {
	const p = e.payload;
	const lines: DocLine[] = p.lines.map((l) => {
		st.stockIn(l.p, p.wh, l.batch, l.q, l.value, l.expiry);
		return {
			p: l.p,
			q: l.q,
			amount: l.value,
			vat: 0,
			done: 0,
			cost: l.value,
			...(l.batch ? { batch: l.batch } : {}),
			...(l.expiry !== undefined ? { expiry: l.expiry } : {})
		};
	});
	st.putDoc({ ...newDoc(e, 'posted', { wh: p.wh, lines }), cost: lines.reduce((s, l) => s + l.cost, 0) });
}

/** [I1] Stock leaves at cost and is in transit to the other warehouse until received. */
export function transferShipped(st: LedgerState, e: JEvent<'stock.transfer.shipped'>): void {
	const p = e.payload;
	if (p.from === p.to) return st.reject(e, 'same-warehouse', 'a transfer needs two different warehouses');
	const lines = p.lines.map((l) => {
		const cost = st.stockOut(l.p, p.from, l.batch, l.q, e.id);
		st.incoming(l.p, p.to, l.q);
		return {
			p: l.p,
			q: l.q,
			amount: 0,
			vat: 0,
			done: 0,
			cost,
			...(l.batch ? { batch: l.batch } : {}),
			...(l.expiry !== undefined ? { expiry: l.expiry } : {})
		};
	});
	st.putDoc({
		...newDoc(e, 'in-transit', { wh: p.from, to: p.to, lines }),
		cost: lines.reduce((s, l) => s + l.cost, 0)
	});
}

/** [I2] Stock arrives at its shipped cost; [I3] a final receipt short of what was shipped is an alert. */
export function transferReceived(st: LedgerState, e: JEvent<'stock.transfer.received'>): void {
	const d = st.doc(e.payload.ref);
	if (!d || d.type !== 'stock.transfer.shipped') return st.reject(e, 'unknown-document', 'no such transfer');
	if (d.status !== 'in-transit') return st.reject(e, 'invalid-transition', `${d.number} is ${d.status}`);
	const sum = new Map<number, number>();
	for (const l of e.payload.lines) {
		const tl = d.lines[l.line];
		if (!tl) return st.reject(e, 'bad-line', `${d.number} has no line ${l.line + 1}`);
		const q = (sum.get(l.line) ?? 0) + l.q;
		if (tl.done + q > tl.q) return st.reject(e, 'over-receipt', `line ${l.line + 1}: more than was shipped`);
		sum.set(l.line, q);
	}
	st.reviseDoc(d, (t) => {
		for (const l of e.payload.lines) {
			const tl = t.lines[l.line]!;
			const value = share(tl.cost, tl.done, l.q, tl.q);
			st.stockIn(tl.p, t.to!, tl.batch, l.q, value, tl.expiry);
			st.incoming(tl.p, t.to!, -l.q);
			tl.done += l.q;
		}
		const complete = t.lines.every((l) => l.done >= l.q);
		if (e.payload.final && !complete) {
			let lost = 0;
			// "P1×2000, P2×500" (product × thousandths): the conflict card reads it back (conflicts.ts).
			const short: string[] = [];
			for (const l of t.lines) {
				if (l.done >= l.q) continue;
				st.incoming(l.p, t.to!, -(l.q - l.done));
				lost += l.cost - mulDivRound(l.cost, l.done, l.q);
				short.push(`${l.p}×${l.q - l.done}`);
			}
			st.alert({
				id: `transfer-short:${t.id}`,
				kind: 'transfer-short',
				events: [t.id, e.id],
				facts: { transfer: t.number, short: short.join(', '), value: lost }
			});
			if (lost) t.open = lost;
		}
		t.status = complete || e.payload.final ? 'received' : 'in-transit';
		t.history = withEntry(t.history, e);
	});
}

/**
 * [I4] A stocktake adjusts each counted cell by counted − book, with book taken where the stocktake
 * sorts: at `countedAt`, so sales recorded while the clerks counted are not counted twice.
 */
export function stocktakePosted(st: LedgerState, e: JEvent<'stocktake.posted'>): void {
	const p = e.payload;
	const lines: DocLine[] = p.lines.map((l) => {
		const book = st.onHandOf(l.p, p.wh, l.batch);
		const diff = l.counted - book;
		let cost = 0;
		if (diff > 0) {
			cost = gainValue(st, l.p, p.wh, diff);
			st.stockIn(l.p, p.wh, l.batch, diff, cost, l.expiry);
		} else if (diff < 0) cost = -st.stockOut(l.p, p.wh, l.batch, -diff, e.id);
		return {
			p: l.p,
			q: l.counted,
			amount: 0,
			vat: 0,
			done: diff,
			cost,
			book,
			...(l.batch ? { batch: l.batch } : {})
		};
	});
	st.putDoc({ ...newDoc(e, 'posted', { wh: p.wh, lines }), cost: lines.reduce((s, l) => s + l.cost, 0) });
}

/** [I5] A signed adjustment; stock found is valued as given, or at the current cost. */
export function stockAdjusted(st: LedgerState, e: JEvent<'stock.adjusted'>): void {
	const p = e.payload;
	const lines: DocLine[] = p.lines.map((l) => {
		let cost: number;
		if (l.q > 0) {
			cost = l.value ?? gainValue(st, l.p, p.wh, l.q);
			st.stockIn(l.p, p.wh, l.batch, l.q, cost, l.expiry);
		} else cost = -st.stockOut(l.p, p.wh, l.batch, -l.q, e.id);
		return { p: l.p, q: l.q, amount: 0, vat: 0, done: 0, cost, ...(l.batch ? { batch: l.batch } : {}) };
	});
	st.putDoc({ ...newDoc(e, 'posted', { wh: p.wh, lines }), cost: lines.reduce((s, l) => s + l.cost, 0) });
}
