/** Transfer before buying (PU14): spare stock of one warehouse offered to another's purchase suggestion. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coveredByTransfers, keepOf, spareOf, transferSuggestions, type PlanOf } from './rebalance';
import { suggestQuantity } from './suggest';

const U = 1000;

/** A plan as the purchase plan makes it: PU1 over 30 days with a 7-day lead time. */
function plan(product: string, warehouse: string, available: number, sold: number, min?: number): PlanOf {
	return suggestQuantity({
		product,
		warehouse,
		available,
		incoming: 0,
		sold,
		windowDays: 30,
		leadTimeDays: 7,
		...(min !== undefined ? { min } : {})
	});
}

describe('transfer before buying', () => {
	it('[PU14] a branch short of cola takes it from one that holds more than it sells', () => {
		// East sells 30 a month (7 days' lead: 7), keeps 10 safety: target 17, needs 17 − 2 = 15.
		const east = plan('cola', 'east', 2 * U, 30 * U, 10 * U);
		// West sells 60 a month (lead demand 14), safety 10: keeps max(24, 10 + 60) = 70 of its 100.
		const west = plan('cola', 'west', 100 * U, 60 * U, 10 * U);
		// North holds 40.5 and sells nothing: keeps its safety stock 5, spares 35 (whole units).
		const north = plan('cola', 'north', 40_500, 0, 5 * U);
		expect(east.suggested).toBe(15 * U);
		expect(keepOf(west)).toBe(70 * U);
		expect(spareOf(west)).toBe(30 * U);
		expect(spareOf(north)).toBe(35 * U);
		expect(spareOf(east)).toBe(0);
		// North spares more, so it gives first; one transfer covers it all.
		expect(transferSuggestions([east, west, north])).toEqual([
			{ product: 'cola', from: 'north', to: 'east', q: 15 * U }
		]);
	});

	it('[PU14] a large need takes from several senders; what nobody can spare is still bought', () => {
		const a = plan('rice', 'a', 0, 300 * U); // needs 70
		const b = plan('rice', 'b', 50 * U, 0); // spares 50
		const c = plan('rice', 'c', 12 * U, 0); // spares 12
		const t = transferSuggestions([a, b, c]);
		expect(t).toEqual([
			{ product: 'rice', from: 'b', to: 'a', q: 50 * U },
			{ product: 'rice', from: 'c', to: 'a', q: 12 * U }
		]);
		expect(coveredByTransfers(t).get('rice|a')).toBe(62 * U);
		expect(a.suggested - 62 * U).toBe(8 * U);
	});

	it('[PU14] nothing is offered when no other warehouse has spare, nor from incoming stock', () => {
		const short = plan('tea', 'a', 0, 30 * U);
		const tight = suggestQuantity({
			product: 'tea',
			warehouse: 'b',
			available: 0,
			incoming: 500 * U, // on its way, not on the shelf
			sold: 0,
			windowDays: 30,
			leadTimeDays: 7
		});
		expect(transferSuggestions([short, tight])).toEqual([]);
		expect(transferSuggestions([short])).toEqual([]);
	});

	it('[PU14] property: transfers cover no more than the need, take no more than the spare, and leave nothing coverable', () => {
		const planArb = fc.record({
			product: fc.constantFrom('p1', 'p2', 'p3'),
			available: fc.integer({ min: -20 * U, max: 400 * U }),
			sold: fc.integer({ min: 0, max: 600 * U }),
			min: fc.option(fc.integer({ min: 0, max: 50 * U }), { nil: undefined })
		});
		fc.assert(
			fc.property(fc.array(planArb, { maxLength: 24 }), (raw) => {
				const plans = raw.map((r, i) => plan(r.product, `w${i % 7}`, r.available, r.sold, r.min));
				// One plan per product × warehouse, as the purchase plan gives.
				const unique = [...new Map(plans.map((p) => [`${p.product}|${p.warehouse}`, p])).values()];
				const transfers = transferSuggestions(unique);
				const into = new Map<string, number>();
				const outOf = new Map<string, number>();
				for (const t of transfers) {
					expect(t.q).toBeGreaterThan(0);
					expect(t.q % U).toBe(0);
					expect(t.from).not.toBe(t.to);
					into.set(`${t.product}|${t.to}`, (into.get(`${t.product}|${t.to}`) ?? 0) + t.q);
					outOf.set(`${t.product}|${t.from}`, (outOf.get(`${t.product}|${t.from}`) ?? 0) + t.q);
				}
				for (const p of unique) {
					const key = `${p.product}|${p.warehouse}`;
					expect(into.get(key) ?? 0).toBeLessThanOrEqual(p.suggested);
					expect(outOf.get(key) ?? 0).toBeLessThanOrEqual(spareOf(p));
					// A sender is never left below what it keeps; a warehouse never both sends and receives.
					if (outOf.has(key)) expect(p.available - outOf.get(key)!).toBeGreaterThanOrEqual(keepOf(p));
					expect(outOf.has(key) && into.has(key)).toBe(false);
				}
				// Nothing left that could still be moved: all the need is covered, or all the spare given.
				for (const product of new Set(unique.map((p) => p.product))) {
					const mine = unique.filter((p) => p.product === product);
					const need = mine.reduce((s, p) => s + p.suggested, 0);
					const spare = mine.reduce((s, p) => s + spareOf(p), 0);
					const moved = transfers.filter((t) => t.product === product).reduce((s, t) => s + t.q, 0);
					expect(moved).toBe(Math.min(need, spare));
				}
				expect(transferSuggestions([...unique].reverse())).toEqual(transfers);
			}),
			{ numRuns: 400 }
		);
	});
});
