/**
 * The figures of the home page, all derived from the ledger: today's sales and gross profit (counter
 * sales and deliveries dated today less today's returns, voided ones excluded), products below safety stock, orders waiting
 * for approval, receivables and payables falling due within a week, and cash.
 */
import type { Ledger } from '../domain/ledger';
import { recentActivity, type EventLine } from './activity';
import { DUE_WITHIN_DAYS, ORDER_TYPES, SALES_TYPES } from './dashboard-live';
import { partyName, productDetail, productName, warehouseName, type MasterNames } from './names';
import { returnFigures } from './trade-summary';

export interface LowStockLine {
	readonly product: string;
	readonly name: string;
	/** Spec, else code: what tells apart products of one name (see `productDetail`). */
	readonly detail: string;
	readonly unit: string;
	readonly warehouse: string;
	readonly available: number;
	readonly min: number;
	readonly incoming: number;
}

/** Stock above the maximum set for the product in that warehouse (money tied up; stop reordering). */
export interface OverStockLine {
	readonly product: string;
	readonly name: string;
	readonly detail: string;
	readonly unit: string;
	readonly warehouse: string;
	readonly onHand: number;
	readonly max: number;
}

export interface PendingLine {
	readonly id: string;
	readonly number: string;
	readonly kind: 'purchase' | 'sales';
	readonly party: string;
	readonly total: number;
	readonly at: number;
}

export interface DueLine {
	readonly id: string;
	readonly number: string;
	readonly kind: 'customer' | 'supplier';
	readonly party: string;
	readonly open: number;
	readonly due: number;
	/** Days until due (negative: overdue). */
	readonly days: number;
}

export interface Dashboard {
	readonly today: number;
	/** Tax-inclusive sales of today (fen). */
	readonly sales: number;
	/** Net sales − cost of goods sold (fen). */
	readonly gross: number;
	readonly netSales: number;
	readonly documents: number;
	readonly cash: number;
	readonly lowStock: readonly LowStockLine[];
	readonly lowStockCount: number;
	readonly overStock: readonly OverStockLine[];
	readonly overStockCount: number;
	readonly pending: readonly PendingLine[];
	readonly due: readonly DueLine[];
	readonly recent: readonly EventLine[];
	readonly alerts: number;
	readonly empty: boolean;
}

/**
 * The dashboard computed from scratch: the reference the incremental `dashboard()` (dashboard-live.ts)
 * must always equal (tested).
 */
export function computeDashboard(ledger: Ledger, names: MasterNames, today: number, limit = 8): Dashboard {
	let sales = 0;
	let netSales = 0;
	let cost = 0;
	let documents = 0;
	// Events are in business-date order: today's are at the end (later dates, if any, are skipped).
	const events = ledger.events;
	for (let i = events.length - 1; i >= 0 && events[i]!.at >= today; i--) {
		const e = events[i]!;
		if (e.at !== today) continue;
		if (e.type === 'sales.return.posted') {
			// Goods back today come off today's sales (RP4).
			const doc = ledger.document(e.id);
			if (!doc || doc.status === 'voided') continue;
			const r = returnFigures(doc);
			sales -= r.total;
			netSales -= r.total - r.tax;
			cost -= r.cost;
			continue;
		}
		if (!SALES_TYPES.has(e.type)) continue;
		const doc = ledger.document(e.id);
		if (!doc || doc.status === 'voided') continue;
		sales += doc.total;
		netSales += doc.total - doc.tax;
		cost += doc.cost;
		documents++;
	}

	const alerts = ledger.alerts();
	const low = alerts
		.filter((a) => a.kind === 'below-safety')
		.map((a): LowStockLine => {
			const p = String(a.facts.product);
			return {
				product: p,
				name: productName(names, p),
				detail: productDetail(names, p),
				unit: names.products.get(p)?.unit ?? '',
				warehouse: warehouseName(names, String(a.facts.warehouse)),
				available: Number(a.facts.available),
				min: Number(a.facts.min),
				incoming: Number(a.facts.incoming)
			};
		})
		// Emptiest first, relative to what should be there.
		.sort((a, b) => a.available / Math.max(1, a.min) - b.available / Math.max(1, b.min));

	const over = alerts
		.filter((a) => a.kind === 'above-max')
		.map((a): OverStockLine => {
			const p = String(a.facts.product);
			return {
				product: p,
				name: productName(names, p),
				detail: productDetail(names, p),
				unit: names.products.get(p)?.unit ?? '',
				warehouse: warehouseName(names, String(a.facts.warehouse)),
				onHand: Number(a.facts.onHand),
				max: Number(a.facts.max)
			};
		})
		// Fullest first, relative to the maximum.
		.sort((a, b) => b.onHand / Math.max(1, b.max) - a.onHand / Math.max(1, a.max));

	const pending: PendingLine[] = [];
	for (const e of events) {
		if (!ORDER_TYPES.has(e.type)) continue;
		const doc = ledger.document(e.id);
		if (doc?.status !== 'pending') continue;
		const kind = e.type === 'purchase.order.placed' ? 'purchase' : 'sales';
		pending.push({
			id: doc.id,
			number: doc.number,
			kind,
			party: partyName(names, kind === 'purchase' ? 'supplier' : 'customer', doc.party ?? ''),
			total: doc.total,
			at: doc.at
		});
	}
	pending.sort((a, b) => a.at - b.at);

	const due: DueLine[] = [];
	for (const b of ledger.balances()) {
		if (b.openItems === 0) continue;
		for (const doc of ledger.openItems(b.kind, b.id)) {
			if (doc.due === undefined || !doc.open || doc.due > today + DUE_WITHIN_DAYS) continue;
			due.push({
				id: doc.id,
				number: doc.number,
				kind: b.kind,
				party: partyName(names, b.kind, b.id),
				open: doc.open,
				due: doc.due,
				days: doc.due - today
			});
		}
	}
	due.sort((a, b) => a.due - b.due || b.open - a.open);

	const conflicts = alerts.filter((a) => a.kind !== 'below-safety' && a.kind !== 'above-max').length;
	return {
		today,
		sales,
		netSales,
		gross: netSales - cost,
		documents,
		cash: ledger.cash().reduce((s, c) => s + c.balance, 0),
		lowStock: low.slice(0, limit),
		lowStockCount: low.length,
		overStock: over.slice(0, limit),
		overStockCount: over.length,
		pending: pending.slice(0, limit),
		due: due.slice(0, limit),
		recent: recentActivity(ledger, names, limit),
		alerts: conflicts,
		empty: ledger.size === 0
	};
}

export { dashboard } from './dashboard-live';
