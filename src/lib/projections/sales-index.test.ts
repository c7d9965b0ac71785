/**
 * The sales index kept up event by event (and rebuilt when an event lands before the end) lists the
 * same events as a scan of the journal, in journal order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyOf, historyParams } from '../../../tests/factories/business';
import type { AnyEvent } from '../domain/event';
import { Ledger } from '../domain/ledger';
import { salesIndex } from './sales-index';

type Lists = Record<string, Record<string, string[]>>;

/** What the index must hold, by a plain scan of the ledger's journal. */
function scan(ledger: Ledger): Lists {
	const out: Lists = { byCustomer: {} };
	const add = (map: Record<string, string[]>, key: string, id: string) => (map[key] ??= []).push(id);
	const customerOf = new Map<string, string>();
	// Returns belong to the customer of what they return: a delivery, or a counter sale to a member.
	for (const e of ledger.events)
		if (e.type === 'sales.delivery.posted' || (e.type === 'sales.counter.posted' && e.payload.customer))
			customerOf.set(e.id, e.payload.customer!);
	for (const e of ledger.events) {
		if (e.type === 'sales.return.posted') {
			const c = customerOf.get(e.payload.delivery);
			if (c !== undefined) add(out.byCustomer!, c, e.id);
			continue;
		}
		if (e.type === 'opening.balance') {
			if (e.payload.party === 'customer') add(out.byCustomer!, e.payload.id, e.id);
			continue;
		}
		const c = (e.payload as { customer?: unknown }).customer;
		if (typeof c === 'string') add(out.byCustomer!, c, e.id);
	}
	return out;
}

/** The index's lists, as they are (each must already be in journal order). */
function lists(ledger: Ledger): Lists {
	const index = salesIndex(ledger);
	return { byCustomer: Object.fromEntries([...index.byCustomer].map(([k, v]) => [k, [...v]])) };
}

function feed(events: readonly AnyEvent[], batch: (i: number) => number): void {
	const ledger = new Ledger();
	let i = 0;
	while (i < events.length) {
		const n = Math.max(1, batch(i));
		ledger.add(events.slice(i, i + n));
		i += n;
		expect(lists(ledger)).toEqual(scan(ledger));
	}
}

describe('sales index', () => {
	it('equals a scan of the journal after every event of a business history', () => {
		fc.assert(
			fc.property(historyParams({ minOps: 20, maxOps: 80 }), (p) => feed(historyOf(p).events, () => 1)),
			{ numRuns: 15 }
		);
	});

	it('equals a scan when events arrive in batches and out of order (rebuilt on an insertion)', () => {
		fc.assert(
			fc.property(historyParams({ minOps: 20, maxOps: 80 }), fc.integer({ min: 1, max: 9 }), (p, k) => {
				const shuffled = historyOf(p).events.slice();
				for (let i = k; i + 1 < shuffled.length; i += k + 1)
					[shuffled[i], shuffled[i + 1]] = [shuffled[i + 1]!, shuffled[i]!];
				feed(shuffled, (i) => 1 + (i % 3));
			}),
			{ numRuns: 15 }
		);
	});
});
