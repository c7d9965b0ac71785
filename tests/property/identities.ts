/**
 * The bookkeeping identities of issue 2 §4, computed from what a ledger says happened (its documents,
 * and which events it applied) rather than from its running totals, so that a total that drifts from
 * the documents that moved it shows up as a difference in fen or thousandths.
 *
 * Per product × warehouse (voided documents count for nothing: a void reverses its document exactly):
 *
 *   on hand  =  opening + received − returned to supplier − delivered − sold at the counter
 *               + returns restocked ± stocktake differences ± adjustments − shipped out + received in
 *   incoming =  Σ over transfers still in transit to it of (shipped − received)
 *   value + variance
 *            =  opening values + receipt values − purchase-return values − cost of goods delivered/sold
 *               + cost of restocked returns ± stocktake and adjustment values − cost shipped out
 *               + cost received in (each transfer line brings round(cost × received ÷ shipped))
 *
 * Summed over warehouses, the shipped and received terms leave only what is still in transit (at
 * Σ cost − round(cost × received ÷ shipped)) and what a final short receipt lost (the transfer's
 * `open`): that is the company-wide identity.
 */
import { compareEvents, type AnyEvent } from '../../src/lib/domain/event';
import type { DocState, Ledger } from '../../src/lib/domain/ledger';
import { mulDivRound, splitInclusiveTax } from '../../src/lib/domain/money';

export interface Cell {
	onHand: number;
	incoming: number;
	/** Stock value + variance: what came in minus what went out, in fen. */
	worth: number;
}

export interface StockBooks {
	cells: Map<string, Cell>;
	/** Value of goods shipped and not (yet) received, fen. */
	inTransit: number;
	/** Value lost by transfers closed short, fen. */
	lostInTransit: number;
	/** Quantity lost by transfers closed short. */
	lostQty: number;
}

export function stockFromDocuments(l: Ledger): StockBooks {
	const cells = new Map<string, Cell>();
	const at = (p: string, wh: string): Cell => {
		const key = p + '|' + wh;
		let c = cells.get(key);
		if (!c) cells.set(key, (c = { onHand: 0, incoming: 0, worth: 0 }));
		return c;
	};
	const move = (p: string, wh: string, q: number, value: number) => {
		const c = at(p, wh);
		c.onHand += q;
		c.worth += value;
	};
	let inTransit = 0;
	let lostInTransit = 0;
	let lostQty = 0;
	for (const d of l.documents()) {
		if (d.status === 'voided') continue;
		for (const line of d.lines) {
			switch (d.type) {
				case 'opening.stock':
				case 'purchase.receipt.posted':
				case 'stock.adjusted':
					move(line.p, d.wh!, line.q, line.cost);
					break;
				case 'purchase.return.posted':
				case 'sales.delivery.posted':
				case 'sales.counter.posted':
					move(line.p, d.wh!, -line.q, -line.cost);
					break;
				case 'sales.return.posted':
					if (line.restock) move(line.p, d.wh!, line.q, line.cost);
					break;
				case 'stocktake.posted':
					// done = counted − book, cost = the value of that difference (signed).
					move(line.p, d.wh!, line.done, line.cost);
					break;
				case 'stock.transfer.shipped': {
					const arrived = mulDivRound(line.cost, line.done, line.q);
					move(line.p, d.wh!, -line.q, -line.cost);
					move(line.p, d.to!, line.done, arrived);
					if (d.status === 'in-transit') {
						at(line.p, d.to!).incoming += line.q - line.done;
						inTransit += line.cost - arrived;
					} else {
						lostQty += line.q - line.done;
						lostInTransit += line.cost - arrived;
					}
					break;
				}
				default:
					break;
			}
		}
	}
	return { cells, inTransit, lostInTransit, lostQty };
}

/** Event id → event, and whether the ledger applied it (neither rejected nor quarantined). */
export function verdicts(l: Ledger): { byId: Map<string, AnyEvent>; applied: (id: string) => boolean } {
	const byId = new Map(l.events.map((e) => [e.id, e]));
	const refused = new Set([...l.rejected().map((r) => r.event), ...l.quarantined().map((q) => q.event)]);
	return { byId, applied: (id) => byId.has(id) && !refused.has(id) };
}

/**
 * The value each applied purchase receipt line must have brought in: its amount net of VAT while
 * input VAT is deductible (the settings value with the highest HLC among those applied before it),
 * the whole amount otherwise.
 */
export function expectedReceiptValues(l: Ledger): Map<string, number[]> {
	const { applied } = verdicts(l);
	const out = new Map<string, number[]>();
	let head: { hlc: string; value: boolean } | null = null;
	for (const e of [...l.events].sort(compareEvents)) {
		if (!applied(e.id)) continue;
		if (e.type === 'settings.updated' && e.payload.fields.vatDeductible !== undefined) {
			if (!head || e.id > head.hlc) head = { hlc: e.id, value: e.payload.fields.vatDeductible };
		}
		if (e.type === 'purchase.receipt.posted') {
			const deductible = head ? head.value : true;
			out.set(
				e.id,
				e.payload.lines.map((x) =>
					deductible ? x.amount - splitInclusiveTax(x.amount as never, x.vat).tax : x.amount
				)
			);
		}
	}
	return out;
}

/**
 * A party's balance from its documents: opening balances, goods delivered or received, credit left by
 * counter sales, minus returns and payments. Voided documents count for nothing.
 */
export function balancesFromDocuments(l: Ledger): Map<string, number> {
	const { byId } = verdicts(l);
	const out = new Map<string, number>();
	const add = (kind: 'customer' | 'supplier', id: string, amount: number) => {
		const key = kind[0] + ':' + id;
		out.set(key, (out.get(key) ?? 0) + amount);
	};
	for (const d of l.documents()) {
		if (d.status === 'voided' || !d.party) continue;
		switch (d.type) {
			case 'opening.balance': {
				const e = byId.get(d.id);
				if (e?.type === 'opening.balance') add(e.payload.party, d.party, d.total);
				break;
			}
			case 'sales.delivery.posted':
				add('customer', d.party, d.total);
				break;
			case 'sales.counter.posted':
				add('customer', d.party, d.credit ?? 0);
				break;
			case 'sales.return.posted':
				// [T12] Money paid back at the counter is owed again by the customer it was paid to.
				add('customer', d.party, -d.total + (d.tenders ?? []).reduce((s, t) => s + t.amount, 0));
				break;
			case 'payment.received':
				add('customer', d.party, -d.total);
				break;
			case 'purchase.receipt.posted':
				add('supplier', d.party, d.total);
				break;
			case 'purchase.return.posted':
			case 'payment.made':
				add('supplier', d.party, -d.total);
				break;
			default:
				break;
		}
	}
	return out;
}

/** Each account's balance from opening cash and the documents that moved money. */
export function cashFromDocuments(l: Ledger): Map<string, number> {
	const { applied } = verdicts(l);
	const out = new Map<string, number>();
	const add = (account: string, amount: number) => out.set(account, (out.get(account) ?? 0) + amount);
	for (const e of l.events)
		if (e.type === 'opening.cash' && applied(e.id)) add(e.payload.account, e.payload.amount);
	for (const d of l.documents()) {
		if (d.status === 'voided') continue;
		if (d.type === 'payment.received') add(d.account!, d.total);
		else if (d.type === 'payment.made') add(d.account!, -d.total);
		else if (d.type === 'expense.paid') add(d.account!, -d.total);
		else if (d.type === 'income.received') add(d.account!, d.total);
		// A till count's total is what it found over (+) or short (−).
		else if (d.type === 'till.counted') add(d.account!, d.total);
		else if (d.type === 'cash.transferred') {
			add(d.account!, -d.total);
			add(d.to!, d.total);
		} else if (d.type === 'sales.counter.posted') {
			for (const t of d.tenders ?? []) add(t.account, t.amount);
			if (d.change) add(d.tenders![0]!.account, -d.change);
		} else if (d.type === 'sales.return.posted') {
			for (const t of d.tenders ?? []) add(t.account, -t.amount);
		}
	}
	return out;
}

/** Σ of the line costs of the follow-up lines (returns) that point at each line of `doc`. */
export function returnedCost(
	l: Ledger,
	doc: DocState,
	returnType: 'purchase.return.posted' | 'sales.return.posted'
) {
	const out = doc.lines.map(() => 0);
	for (const d of l.documents())
		if (d.type === returnType && d.ref === doc.id)
			for (const line of d.lines) out[line.ref!] = (out[line.ref!] ?? 0) + line.cost;
	return out;
}

export const nonZero = <T>(m: Map<string, T>, zero: (v: T) => boolean) =>
	new Map([...m].filter(([, v]) => !zero(v)));
