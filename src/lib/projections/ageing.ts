/**
 * [RP6] Ageing of receivables (应收账龄) or payables (应付账龄) across every customer or supplier on the
 * business day `today`: each party's open items by days past their due day (SR2's buckets), the
 * advances it holds unapplied (预收, 预付), and what is owed in all. Parties are ordered by what is most
 * overdue (over 90 days first, then 61–90, …), so the list reads as whom to chase (or pay) first.
 */
import { ageing, type AgeingBuckets } from '../domain/sales/receivables';
import { isoFromDay } from '../domain/dates';
import { writeCsv } from '../domain/import/csv';
import type { Ledger } from '../domain/ledger';
import { formatYuan, type Fen } from '../domain/money';
import { partyName, type MasterNames } from './names';

export type AgeingKind = 'customer' | 'supplier';

export interface AgeingRow extends AgeingBuckets {
	readonly id: string;
	readonly name: string;
	/** Money received or paid ahead, not yet set against a document. */
	readonly unapplied: number;
	/** Past due, in all. */
	readonly overdue: number;
	/** The oldest open item's days past due (0 when nothing is overdue). */
	readonly oldest: number;
}

export interface AgeingReport {
	readonly kind: AgeingKind;
	readonly today: number;
	readonly rows: readonly AgeingRow[];
	readonly total: AgeingBuckets & { readonly unapplied: number; readonly overdue: number };
}

export function ageingReport(
	ledger: Ledger,
	names: MasterNames,
	kind: AgeingKind,
	today: number
): AgeingReport {
	const rows: AgeingRow[] = [];
	for (const b of ledger.balances()) {
		if (b.kind !== kind || (!b.openItems && !b.unapplied)) continue;
		const items = ledger.openItems(kind, b.id);
		const buckets = ageing(items, today);
		let oldest = 0;
		for (const item of items) if (item.open) oldest = Math.max(oldest, today - (item.due ?? item.at));
		rows.push({
			id: b.id,
			name: partyName(names, kind, b.id),
			...buckets,
			unapplied: b.unapplied,
			overdue: buckets.total - buckets.current,
			oldest
		});
	}
	rows.sort(
		(a, b) =>
			b.over90 - a.over90 ||
			b.d61to90 - a.d61to90 ||
			b.d31to60 - a.d31to60 ||
			b.d1to30 - a.d1to30 ||
			b.total - a.total ||
			(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
	const sum = (k: keyof AgeingBuckets | 'unapplied' | 'overdue') => rows.reduce((s, r) => s + r[k], 0);
	return {
		kind,
		today,
		rows,
		total: {
			current: sum('current'),
			d1to30: sum('d1to30'),
			d31to60: sum('d31to60'),
			d61to90: sum('d61to90'),
			over90: sum('over90'),
			total: sum('total'),
			unapplied: sum('unapplied'),
			overdue: sum('overdue')
		}
	};
}

export type AgeingLabels = Record<
	'party' | 'current' | 'd1to30' | 'd31to60' | 'd61to90' | 'over90' | 'total' | 'unapplied' | 'sum' | 'asOf',
	string
>;

/** The report as CSV (with a byte-order mark, so Excel reads the Chinese text), amounts in yuan. */
export function ageingCsv(r: AgeingReport, L: AgeingLabels): string {
	const money = (v: number) => formatYuan(v as Fen);
	const cells = (x: AgeingBuckets & { unapplied: number }) => [
		money(x.current),
		money(x.d1to30),
		money(x.d31to60),
		money(x.d61to90),
		money(x.over90),
		money(x.total),
		money(x.unapplied)
	];
	return writeCsv([
		[`${L.asOf} ${isoFromDay(r.today)}`],
		[L.party, L.current, L.d1to30, L.d31to60, L.d61to90, L.over90, L.total, L.unapplied],
		...r.rows.map((row) => [row.name, ...cells(row)]),
		[L.sum, ...cells(r.total)]
	]);
}
