/**
 * Every event of each customer, kept per ledger and extended by the events appended since
 * the last look (a page opened again after a sale costs the new events, not the journal). An event
 * inserted before the end (a late or backdated one) rebuilds it: the lists are in journal order.
 */
import type { AnyEvent } from '../domain/event';
import type { Ledger } from '../domain/ledger';

export interface SalesIndex {
	/** Customer id → every event of theirs (documents naming them, openings, returns of their deliveries). */
	readonly byCustomer: ReadonlyMap<string, readonly string[]>;
}

interface Built {
	size: number;
	last: AnyEvent | undefined;
	byCustomer: Map<string, string[]>;
	/** Delivery id → its customer, for the returns that name only the delivery. */
	customerOfDelivery: Map<string, string>;
	/** Returns seen before their delivery (a late delivery): filed when it arrives. */
	orphanReturns: Map<string, string[]>;
}

const INDEX = new WeakMap<Ledger, Built>();

export function salesIndex(ledger: Ledger): SalesIndex {
	const events = ledger.events;
	let b = INDEX.get(ledger);
	if (!b || events.length < b.size || (b.size > 0 && events[b.size - 1] !== b.last)) {
		b = {
			size: 0,
			last: undefined,
			byCustomer: new Map(),
			customerOfDelivery: new Map(),
			orphanReturns: new Map()
		};
		INDEX.set(ledger, b);
	}
	for (let i = b.size; i < events.length; i++) add(b, events[i]!);
	b.size = events.length;
	b.last = events[events.length - 1];
	return b;
}

function push(map: Map<string, string[]>, key: string, id: string): void {
	const list = map.get(key);
	if (list) list.push(id);
	else map.set(key, [id]);
}

function add(b: Built, e: AnyEvent): void {
	switch (e.type) {
		case 'sales.delivery.posted':
			b.customerOfDelivery.set(e.id, e.payload.customer);
			push(b.byCustomer, e.payload.customer, e.id);
			for (const r of b.orphanReturns.get(e.id) ?? []) push(b.byCustomer, e.payload.customer, r);
			b.orphanReturns.delete(e.id);
			return;
		case 'sales.return.posted': {
			const customer = b.customerOfDelivery.get(e.payload.delivery);
			if (customer !== undefined) push(b.byCustomer, customer, e.id);
			else push(b.orphanReturns, e.payload.delivery, e.id);
			return;
		}
		case 'opening.balance':
			if (e.payload.party === 'customer') push(b.byCustomer, e.payload.id, e.id);
			return;
		default:
			break;
	}
	const customer = (e.payload as { customer?: unknown }).customer;
	if (typeof customer === 'string') push(b.byCustomer, customer, e.id);
}
