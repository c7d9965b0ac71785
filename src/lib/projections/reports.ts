/**
 * Sales report over the last days: revenue and gross profit per day, and the best-selling products,
 * from counter sales and deliveries (voided ones excluded).
 */
import type { Ledger } from '../domain/ledger';
import type { MasterNames } from './names';

export interface DayFigure {
	readonly day: number;
	readonly revenue: number;
	readonly gross: number;
}

export interface ProductFigure {
	readonly product: string;
	readonly name: string;
	readonly unit: string;
	readonly qty: number;
	readonly revenue: number;
}

export interface SalesReport {
	readonly days: readonly DayFigure[];
	readonly top: readonly ProductFigure[];
	readonly revenue: number;
	readonly gross: number;
}

export function salesReport(
	ledger: Ledger,
	names: MasterNames,
	today: number,
	span = 30,
	topN = 10
): SalesReport {
	const first = today - span + 1;
	const days = new Map<number, { revenue: number; gross: number }>();
	for (let d = first; d <= today; d++) days.set(d, { revenue: 0, gross: 0 });
	const products = new Map<string, { qty: number; revenue: number }>();
	const events = ledger.events;
	for (let i = events.length - 1; i >= 0 && events[i]!.at >= first; i--) {
		const e = events[i]!;
		if (e.at > today || (e.type !== 'sales.counter.posted' && e.type !== 'sales.delivery.posted')) continue;
		const doc = ledger.documentFigures(e.id);
		if (!doc || doc.status === 'voided') continue;
		const f = days.get(e.at)!;
		f.revenue += doc.total;
		f.gross += doc.total - doc.tax - doc.cost;
		for (const l of doc.lines) {
			const p = products.get(l.p) ?? { qty: 0, revenue: 0 };
			p.qty += l.q;
			p.revenue += l.amount;
			products.set(l.p, p);
		}
	}
	const list = [...days].map(([day, f]) => ({ day, ...f }));
	return {
		days: list,
		top: [...products]
			.map(([product, f]) => ({
				product,
				name: names.products.get(product)?.name ?? product,
				unit: names.products.get(product)?.unit ?? '',
				...f
			}))
			.sort((a, b) => b.revenue - a.revenue)
			.slice(0, topN),
		revenue: list.reduce((s, f) => s + f.revenue, 0),
		gross: list.reduce((s, f) => s + f.gross, 0)
	};
}
