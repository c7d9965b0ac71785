import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickFefo } from './fefo';

describe('FEFO picking', () => {
	it('[SD2] takes the batch that expires first, then the next; undated batches last', () => {
		const r = pickFefo(
			[
				{ batch: 'B-late', expiry: 300, onHand: 5000 },
				{ batch: 'B-none', onHand: 9000 },
				{ batch: 'B-early', expiry: 100, onHand: 2000 },
				{ batch: 'B-empty', expiry: 50, onHand: 0 }
			],
			8000
		);
		expect(r).toEqual({
			picks: [
				{ batch: 'B-early', expiry: 100, q: 2000 },
				{ batch: 'B-late', expiry: 300, q: 5000 },
				{ batch: 'B-none', q: 1000 }
			],
			short: 0
		});
	});

	it('[SD2] ties by batch name; what the batches cannot cover is short', () => {
		const r = pickFefo(
			[
				{ batch: 'B', expiry: 100, onHand: 1000 },
				{ batch: 'A', expiry: 100, onHand: 1000 }
			],
			3000
		);
		expect(r.picks.map((p) => p.batch)).toEqual(['A', 'B']);
		expect(r.short).toBe(1000);
	});

	it('[SD2] picks add up to the quantity, never take more than a batch holds, in expiry order', () => {
		const batch = fc.record({
			batch: fc.string({ minLength: 1, maxLength: 3 }),
			expiry: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
			onHand: fc.integer({ min: -2000, max: 5000 })
		});
		fc.assert(
			fc.property(
				fc.uniqueArray(batch, { selector: (b) => b.batch, maxLength: 8 }),
				fc.nat(20_000),
				(bs, q) => {
					const { picks, short } = pickFefo(bs, q);
					expect(picks.reduce((s, p) => s + p.q, 0) + short).toBe(q);
					for (const p of picks) expect(p.q).toBeLessThanOrEqual(bs.find((b) => b.batch === p.batch)!.onHand);
					const exp = picks.map((p) => p.expiry ?? Number.MAX_SAFE_INTEGER);
					expect(exp).toEqual([...exp].sort((a, b) => a - b));
				}
			)
		);
	});
});
