import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineAmount, type Fen, type MilliQty } from '../money';
import { shelfSavings } from './savings';

const SHELF: Record<string, number | null> = { TEA: 350, RICE: 5_990, BAG: null, GIFT: 0 };
const shelf = (p: string) => SHELF[p] ?? null;

describe('[K10] what a counter sale saved against the shelf', () => {
	it('adds up the lines sold below their shelf price, rounded as the cart rounds them', () => {
		// 3 bottles of tea at the member price 3.00 (shelf 3.50): 10.50 − 9.00 = 1.50 saved. 2.5 kg of rice
		// at the shelf price 59.90 → 149.75, no saving. A bag with no shelf price and a gift priced 0:
		// nothing to compare with.
		const r = shelfSavings(
			[
				{ p: 'TEA', q: 3_000, amount: 900 },
				{ p: 'RICE', q: 2_500, amount: 14_975 },
				{ p: 'BAG', q: 1_000, amount: 50 },
				{ p: 'GIFT', q: 1_000, amount: 0 }
			],
			shelf
		);
		expect(r).toEqual({ shelf: 1_050, saved: 150 });
		// 0.333 kg of rice at 59.90 is 19.9467 → 19.95 on the shelf; sold for 19.00: 0.95 saved.
		expect(shelfSavings([{ p: 'RICE', q: 333, amount: 1_900 }], shelf)).toEqual({ shelf: 1_995, saved: 95 });
	});

	it('never counts a line sold above the shelf price against the others', () => {
		expect(
			shelfSavings(
				[
					{ p: 'TEA', q: 1_000, amount: 400 },
					{ p: 'TEA', q: 1_000, amount: 300 }
				],
				shelf
			)
		).toEqual({ shelf: 350, saved: 50 });
	});

	it('saves at most the shelf value, never less than nothing, in whole fen (random carts)', () => {
		const line = fc.record({
			p: fc.constantFrom('TEA', 'RICE', 'BAG', 'GIFT'),
			q: fc.integer({ min: 1, max: 50_000_000 }),
			off: fc.integer({ min: -10_000, max: 10_000 })
		});
		fc.assert(
			fc.property(fc.array(line, { maxLength: 20 }), (raw) => {
				const lines = raw.map(({ p, q, off }) => {
					const full = lineAmount(q as MilliQty, (shelf(p) ?? 100) as Fen);
					return { p, q, amount: Math.max(0, full - off) };
				});
				const r = shelfSavings(lines, shelf);
				expect(Number.isSafeInteger(r.shelf) && Number.isSafeInteger(r.saved)).toBe(true);
				expect(r.saved).toBeGreaterThanOrEqual(0);
				expect(r.saved).toBeLessThanOrEqual(r.shelf);
				// Each line on its own adds up to the whole.
				const parts = lines.map((l) => shelfSavings([l], shelf));
				expect(parts.reduce((s, x) => s + x.saved, 0)).toBe(r.saved);
			})
		);
	});
});
