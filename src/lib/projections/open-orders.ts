/**
 * Purchase and sales orders still open (not complete, closed or voided), kept per ledger and per day:
 * a day is read again only when a document dated that day changed (`Ledger.dayVersion`), so a change
 * costs its own days rather than every order ever placed (a large company has 160,000). The purchases
 * page lists them; the home page counts those waiting for approval.
 */
import { firstOnOrAfter, type AnyEvent } from '../domain/event';
import type { DocState, Ledger } from '../domain/ledger';

export type OrderType = 'purchase.order.placed' | 'sales.order.placed';

export interface OpenOrder {
	readonly e: AnyEvent;
	readonly doc: DocState;
}

/** What no longer changes: such an order is never open again (a void or a closing is final). */
const TERMINAL: ReadonlySet<string> = new Set(['complete', 'closed', 'voided']);

interface Day {
	readonly version: number;
	readonly open: readonly OpenOrder[];
}

const CACHE = new WeakMap<Ledger, Map<OrderType, Map<number, Day>>>();

/** The open orders of `type`, in journal order. */
export function openOrders(ledger: Ledger, type: OrderType): OpenOrder[] {
	let byType = CACHE.get(ledger);
	if (!byType) CACHE.set(ledger, (byType = new Map()));
	let cache = byType.get(type);
	if (!cache) byType.set(type, (cache = new Map()));
	const orders: readonly AnyEvent[] = ledger.eventsOfType(type);
	const out: OpenOrder[] = [];
	const days = new Set<number>();
	for (let i = 0; i < orders.length;) {
		const day = orders[i]!.at;
		// The first order of a later day.
		const lo = firstOnOrAfter(orders, day + 1, i + 1);
		const version = ledger.dayVersion(day);
		let found = cache.get(day);
		if (found === undefined || found.version !== version) {
			const open: OpenOrder[] = [];
			for (let k = i; k < lo; k++) {
				const e = orders[k]!;
				const doc = ledger.document(e.id);
				if (doc && !TERMINAL.has(doc.status)) open.push({ e, doc });
			}
			cache.set(day, (found = { version, open }));
		}
		for (const o of found.open) out.push(o);
		days.add(day);
		i = lo;
	}
	for (const day of cache.keys()) if (!days.has(day)) cache.delete(day);
	return out;
}
