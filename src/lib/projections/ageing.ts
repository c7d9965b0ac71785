/**
 * [RP6] Ageing of receivables (应收账龄) or payables (应付账龄) across every customer or supplier on a
 * business day: each party's open items by days past their due day (SR2's buckets), the advances it
 * holds unapplied (预收, 预付), and what is owed in all. Parties are ordered by what is most overdue
 * (over 90 days first, then 61–90, …), so the list reads as whom to chase (or pay) first.
 *
 * [RP8] On an earlier day (a month end, 截至上月末) it reads the books as they stand now, as of that
 * day: what was open after the last event dated on or before it (`openItemsAsOf`).
 */
import { ageing, type AgeingBuckets } from '../domain/sales/receivables';
import { isoFromDay } from '../domain/dates';
import { writeCsv } from '../domain/import/csv';
import type { Ledger } from '../domain/ledger';
import { formatYuan, type Fen } from '../domain/money';
import { partyName, type MasterNames } from './names';
import { partyEvents, replayParties, type PartyKind } from './party-replay';

export type AgeingKind = PartyKind;

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

/**
 * The report on `day`. Today (or later) it reads the ledger's open items; on an earlier day, what
 * `openItemsAsOf` finds was open then.
 */
export function ageingReport(
	ledger: Ledger,
	names: MasterNames,
	kind: AgeingKind,
	today: number,
	day = today
): AgeingReport {
	const rows: AgeingRow[] = [];
	const row = (id: string, items: readonly AgedItem[], unapplied: number) => {
		const buckets = ageing(items, day);
		let oldest = 0;
		for (const item of items) if (item.open) oldest = Math.max(oldest, day - (item.due ?? item.at));
		rows.push({
			id,
			name: partyName(names, kind, id),
			...buckets,
			unapplied,
			overdue: buckets.total - buckets.current,
			oldest
		});
	};
	if (day >= today) {
		for (const b of ledger.balances())
			if (b.kind === kind && (b.openItems || b.unapplied))
				row(b.id, ledger.openItems(kind, b.id), b.unapplied);
	} else
		for (const [id, p] of openItemsAsOf(ledger, kind, day))
			if (p.items.length || p.unapplied) row(id, p.items, p.unapplied);
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
		today: day,
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

interface AgedItem {
	readonly open?: number;
	readonly due?: number;
	readonly at: number;
}

/** An item open on the day asked for: the document, its due day and what was still open of it. */
export interface ItemAsOf {
	readonly id: string;
	readonly number: string;
	readonly at: number;
	readonly due: number;
	readonly open: number;
}

/** A party's open items (settling order: due day, then id) and unapplied credit on a day. */
export interface PartyAsOf {
	readonly items: readonly ItemAsOf[];
	readonly unapplied: number;
}

/**
 * Per ledger, the accounts as of a day already read, with the sum of the `dayVersion`s of every day up
 * to it: a page left open on a month end reads them again only when a document dated on or before it
 * changed (a sale today does not). Every day's version only grows, so the sum moves exactly when one
 * of them does; a void moves the day of the document it voids.
 */
const AS_OF = new WeakMap<
	Ledger,
	Map<string, { version: number; parties: ReadonlyMap<string, PartyAsOf> }>
>();
const KEPT_DAYS = 24;

/**
 * [RP8] Every party's open items and credit at the end of business day `day` (`replayParties` over
 * every event that may move an account up to then). The books as they stand now: a document voided
 * since is left out, as voiding cancels it from its own day on (V1). Tested against a ledger of only
 * the events up to that day. Read it, do not change it: it may be kept for the next call.
 */
export function openItemsAsOf(ledger: Ledger, kind: AgeingKind, day: number): ReadonlyMap<string, PartyAsOf> {
	let cache = AS_OF.get(ledger);
	if (!cache) AS_OF.set(ledger, (cache = new Map()));
	let version = 0;
	for (let d = ledger.events[0]?.at ?? day + 1; d <= day; d++) version += ledger.dayVersion(d);
	const key = `${kind}:${day}`;
	const kept = cache.get(key);
	if (kept?.version === version) return kept.parties;
	const out = new Map<string, PartyAsOf>();
	for (const [party, b] of replayParties(ledger, kind, partyEvents(ledger, kind, day))) {
		const items = b.list.ids.map((id, i) => ({
			id,
			...b.heads.get(id)!,
			due: b.list.dues[i]!,
			open: b.open.get(id)!
		}));
		out.set(party, { items, unapplied: b.unapplied });
	}
	if (cache.size >= KEPT_DAYS) cache.clear();
	cache.set(key, { version, parties: out });
	return out;
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
