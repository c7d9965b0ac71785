/**
 * Stocktakes (盘点, I4) as the stock pages show them: the list with what each found over and short, and
 * one stocktake's variance report, line by line (book, counted, difference and its value).
 */
import type { DocState, Ledger } from '../domain/ledger';
import { type MasterNames, productDetail } from './names';

export interface StocktakeRow {
	readonly id: string;
	readonly number: string;
	readonly at: number;
	readonly wh: string;
	readonly whName: string;
	readonly lines: number;
	/** Value booked in for lines counted above the book, and out for those below (fen, both ≥ 0). */
	readonly gainValue: number;
	readonly lossValue: number;
}

export interface VarianceLine {
	readonly p: string;
	readonly name: string;
	/** Spec or code: what tells it apart from products of the same name. */
	readonly detail: string;
	readonly unit: string;
	readonly batch: string;
	readonly book: number;
	readonly counted: number;
	readonly diff: number;
	/** Value of the difference (fen; negative for a loss). */
	readonly value: number;
}

export interface StocktakeReport extends StocktakeRow {
	readonly lineViews: readonly VarianceLine[];
}

function rowOf(names: MasterNames, d: DocState): StocktakeRow {
	let gainValue = 0;
	let lossValue = 0;
	for (const l of d.lines)
		if (l.cost > 0) gainValue += l.cost;
		else lossValue -= l.cost;
	return {
		id: d.id,
		number: d.number,
		at: d.at,
		wh: d.wh!,
		whName: names.warehouses.get(d.wh!)?.name ?? d.wh!,
		lines: d.lines.length,
		gainValue,
		lossValue
	};
}

/**
 * [I9] The categories a count of warehouse `wh` can be limited to: those of the products the books hold
 * there (zero included, as a count lists them), with the categories above them (服装 for 服装/裤装).
 */
export function countCategories(ledger: Ledger, names: MasterNames, wh: string): string[] {
	const out = new Set<string>();
	for (const level of ledger.stockLevels()) {
		if (level.warehouse !== wh) continue;
		const category = names.products.get(level.product)?.category.trim() ?? '';
		if (category === '') continue;
		const parts = category.split('/');
		for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('/'));
	}
	return [...out].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'));
}

/** Every posted stocktake, newest first. */
export function stocktakeRows(ledger: Ledger, names: MasterNames): StocktakeRow[] {
	const rows: StocktakeRow[] = [];
	for (const e of ledger.eventsOfType('stocktake.posted')) {
		const d = ledger.document(e.id);
		if (d && d.status === 'posted') rows.push(rowOf(names, d));
	}
	return rows.sort((a, b) => b.at - a.at || b.number.localeCompare(a.number));
}

/** One stocktake's variance report, differences first; undefined when `id` is not a posted stocktake. */
export function stocktakeReport(ledger: Ledger, names: MasterNames, id: string): StocktakeReport | undefined {
	const d = ledger.document(id);
	if (!d || d.type !== 'stocktake.posted' || d.status !== 'posted') return undefined;
	const lineViews = d.lines.map((l) => {
		const info = names.products.get(l.p);
		return {
			p: l.p,
			name: info?.name ?? l.p,
			detail: productDetail(names, l.p),
			unit: info?.unit ?? '',
			batch: l.batch ?? '',
			book: l.book ?? 0,
			counted: l.q,
			diff: l.done,
			value: l.cost
		};
	});
	lineViews.sort((a, b) => Number(b.diff !== 0) - Number(a.diff !== 0));
	return { ...rowOf(names, d), lineViews };
}
