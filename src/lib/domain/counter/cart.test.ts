/** The counter's cart (K1): quantities in thousandths, prices in fen, one rounding per line. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	addToCart,
	applyListPrices,
	cartTotals,
	eventLines,
	isRepriced,
	lineTotal,
	ONE,
	setDiscount,
	setPrice,
	setQty,
	stepQty,
	type CartLine,
	type CartProduct
} from './cart';

const tea: CartProduct = { id: 'P1', name: '冰红茶', unit: '瓶', price: 350, vat: 1300 };
const rice: CartProduct = { id: 'P2', name: '大米', unit: 'kg', price: 699, vat: 900 };
const loose: CartProduct = { id: 'P3', name: '散装糖', unit: 'kg', price: null, vat: 1300 };

describe('cart', () => {
	it('[K1] scanning the same product twice adds to its line', () => {
		let cart = addToCart([], tea);
		cart = addToCart(cart, rice);
		cart = addToCart(cart, tea);
		expect(cart.map((l) => [l.p, l.q])).toEqual([
			['P1', 2 * ONE],
			['P2', ONE]
		]);
		expect(cartTotals(cart)).toMatchObject({ total: 2 * 350 + 699, lines: 2 });
	});

	it('[K1] + and − step by one unit; below one the line goes; direct entry sets it', () => {
		let cart = addToCart([], tea);
		cart = stepQty(cart, 'P1', 1);
		expect(cart[0]!.q).toBe(2 * ONE);
		cart = setQty(cart, 'P1', 12 * ONE);
		expect(cart[0]!.q).toBe(12 * ONE);
		cart = stepQty(setQty(cart, 'P1', ONE), 'P1', -1);
		expect(cart).toEqual([]);
		// Refused values leave the cart as it was.
		expect(setQty(addToCart([], tea), 'P1', -5)[0]!.q).toBe(ONE);
		expect(setQty(addToCart([], tea), 'P1', 1.5)[0]!.q).toBe(ONE);
	});

	it('[K1][M3] a weighed line rounds once: 0.333 kg × 6.99 = 2.327… → 2.33', () => {
		const cart = setQty(addToCart([], rice), 'P2', 333);
		expect(lineTotal(cart[0]!)).toBe(233);
		expect(cartTotals(cart).total).toBe(233);
	});

	it('[K1] a price change or a discount marks the line as repriced; the discount never exceeds the line', () => {
		let cart = addToCart([], tea);
		expect(isRepriced(cart[0]!)).toBe(false);
		cart = setPrice(cart, 'P1', 300);
		expect(isRepriced(cart[0]!)).toBe(true);
		cart = setPrice(cart, 'P1', 350);
		cart = setDiscount(cart, 'P1', 50);
		expect(isRepriced(cart[0]!)).toBe(true);
		expect(lineTotal(cart[0]!)).toBe(300);
		cart = setDiscount(cart, 'P1', 9_999);
		expect(lineTotal(cart[0]!)).toBe(0);
		// Lowering the quantity caps the discount again.
		cart = setDiscount(setQty(cart, 'P1', 3 * ONE), 'P1', 1_000);
		cart = setQty(cart, 'P1', 2 * ONE);
		expect(cart[0]!.discount).toBe(700);
	});

	it('[K1] a product without a shelf price starts at 0 and counts as repriced once priced', () => {
		const cart = addToCart([], loose);
		expect(cart[0]!.price).toBe(0);
		expect(isRepriced(setPrice(cart, 'P3', 500)[0]!)).toBe(true);
	});

	it('[K1][M5] tax is split per line and the event lines carry each amount as charged', () => {
		const cart = setDiscount(addToCart(addToCart([], tea), rice), 'P2', 99);
		// 3.50 at 13 %: tax round(350 × 13 / 113) = 40; 6.00 at 9 %: round(600 × 9 / 109) = 50.
		expect(cartTotals(cart)).toEqual({ total: 950, tax: 90, discount: 99, lines: 2 });
		expect(eventLines(cart)).toEqual([
			{ p: 'P1', q: ONE, amount: 350, vat: 1300 },
			{ p: 'P2', q: ONE, amount: 600, vat: 900 }
		]);
	});

	it('[K1] property: the total is exactly the sum of the event line amounts', () => {
		const op = fc.record({
			p: fc.constantFrom(tea, rice, loose),
			q: fc.integer({ min: 0, max: 50_000 }),
			price: fc.integer({ min: 0, max: 100_000 }),
			discount: fc.integer({ min: 0, max: 5_000 })
		});
		fc.assert(
			fc.property(fc.array(op, { maxLength: 20 }), (ops) => {
				let cart = [] as ReturnType<typeof addToCart>;
				for (const o of ops) {
					cart = addToCart(cart, o.p);
					cart = setQty(cart, o.p.id, o.q);
					cart = setPrice(cart, o.p.id, o.price);
					cart = setDiscount(cart, o.p.id, o.discount);
				}
				const lines = eventLines(cart);
				expect(cartTotals(cart).total).toBe(lines.reduce((s, l) => s + l.amount, 0));
				for (const l of lines) {
					expect(l.amount).toBeGreaterThanOrEqual(0);
					expect(l.q).toBeGreaterThan(0);
				}
			})
		);
	});
});

describe('a customer’s prices at the counter', () => {
	const member: Record<string, number | null> = { P1: 330, P2: 650, P3: null };
	const shelf: Record<string, number | null> = { P1: 350, P2: 699, P3: null };

	it('[K7] a member chosen after scanning gets the member price on every line still at list', () => {
		let cart = addToCart(addToCart(addToCart([], tea), rice), loose);
		cart = setPrice(cart, 'P3', 800); // no shelf price: priced by hand
		const m = applyListPrices(cart, (p) => member[p] ?? null);
		expect(m.map((l) => [l.p, l.listPrice, l.price])).toEqual([
			['P1', 330, 330],
			['P2', 650, 650],
			['P3', null, 800]
		]);
		expect(m.some(isRepriced)).toBe(true); // only the hand-priced line
		expect(m.filter(isRepriced).map((l) => l.p)).toEqual(['P3']);
		// Back to a walk-in: the shelf again, exactly as scanned.
		expect(applyListPrices(m, (p) => shelf[p] ?? null)).toEqual(cart);
	});

	it('[K7] a line priced by hand or discounted keeps what was agreed', () => {
		let cart = addToCart(addToCart([], tea), rice);
		cart = setPrice(cart, 'P1', 300);
		cart = setDiscount(cart, 'P2', 50);
		expect(applyListPrices(cart, (p) => member[p] ?? null)).toEqual(cart);
	});

	it('[K7] property: switching customers back and forth never changes a hand-priced line, and returns to the start', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ manual: fc.boolean(), price: fc.integer({ min: 0, max: 10_000 }) }), {
					maxLength: 6
				}),
				fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 6, maxLength: 6 }),
				(spec, other) => {
					let cart = spec.reduce<CartLine[]>(
						(c, s, i) => addToCart(c, { id: `P${i}`, name: `p${i}`, unit: 'pc', price: 100 + i, vat: 1300 }),
						[]
					);
					spec.forEach((s, i) => {
						if (s.manual) cart = setPrice(cart, `P${i}`, s.price);
					});
					const idx = (p: string) => Number(p.slice(1));
					const there = applyListPrices(cart, (p) => other[idx(p)]!);
					there.forEach((l, i) => {
						if (isRepriced(cart[i]!)) expect(l).toBe(cart[i]);
						else expect([l.listPrice, l.price]).toEqual([other[i], other[i]]);
					});
					expect(applyListPrices(there, (p) => 100 + idx(p))).toEqual(cart);
				}
			)
		);
	});
});
