/**
 * Every event of each customer, kept per ledger and extended by the events that arrived since the last
 * look (`Ledger.arrivedAt`): the index depends only on which events exist, so a late or backdated event
 * is filed in its place in journal order and nothing is ever rebuilt (it used to be, from the whole
 * journal, after every event that landed before the end: most events synced from another branch).
 */
import { compareEvents, type AnyEvent } from '../domain/event';
import type { Ledger } from '../domain/ledger';

export interface SalesIndex {
	/** Customer id → every event of theirs (documents naming them, openings, returns of their deliveries), in journal order. */
	readonly byCustomer: ReadonlyMap<string, readonly string[]>;
}

interface Built {
	/** How many of the ledger's arrived events are filed. */
	arrived: number;
	byCustomer: Map<string, string[]>;
	/** Delivery id → its customer, for the returns that name only the delivery. */
	customerOfDelivery: Map<string, string>;
	/** Returns seen before their delivery (a late delivery): filed when it arrives. */
	orphanReturns: Map<string, string[]>;
	/** Journal order of two filed events. */
	before: (a: string, b: string) => boolean;
}

const INDEX = new WeakMap<Ledger, Built>();

export function salesIndex(ledger: Ledger): SalesIndex {
	let b = INDEX.get(ledger);
	if (!b) {
		b = {
			arrived: 0,
			byCustomer: new Map(),
			customerOfDelivery: new Map(),
			orphanReturns: new Map(),
			before: (x, y) => compareEvents(ledger.event(x)!, ledger.event(y)!) < 0
		};
		INDEX.set(ledger, b);
	}
	const arrived = ledger.arrivedCount;
	for (let i = b.arrived; i < arrived; i++) add(b, ledger.arrivedAt(i));
	b.arrived = arrived;
	return b;
}

/** Files `id` in the customer's list at its place in journal order (most arrive last). */
function push(b: Built, customer: string, id: string): void {
	const list = b.byCustomer.get(customer);
	if (!list) {
		b.byCustomer.set(customer, [id]);
		return;
	}
	if (b.before(list[list.length - 1]!, id)) {
		list.push(id);
		return;
	}
	let lo = 0;
	let hi = list.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (b.before(list[mid]!, id)) lo = mid + 1;
		else hi = mid;
	}
	list.splice(lo, 0, id);
}

function add(b: Built, e: AnyEvent): void {
	switch (e.type) {
		case 'sales.delivery.posted':
		case 'sales.counter.posted': {
			// A counter sale to a named customer (a member) is theirs, and so are its returns.
			const customer = e.payload.customer;
			if (customer === undefined) return;
			b.customerOfDelivery.set(e.id, customer);
			push(b, customer, e.id);
			for (const r of b.orphanReturns.get(e.id) ?? []) push(b, customer, r);
			b.orphanReturns.delete(e.id);
			return;
		}
		case 'sales.return.posted': {
			const customer = b.customerOfDelivery.get(e.payload.delivery);
			if (customer !== undefined) push(b, customer, e.id);
			else {
				const orphans = b.orphanReturns.get(e.payload.delivery);
				if (orphans) orphans.push(e.id);
				else b.orphanReturns.set(e.payload.delivery, [e.id]);
			}
			return;
		}
		case 'opening.balance':
			if (e.payload.party === 'customer') push(b, e.payload.id, e.id);
			return;
		default:
			break;
	}
	const customer = (e.payload as { customer?: unknown }).customer;
	if (typeof customer === 'string') push(b, customer, e.id);
}
