/** The counter's carts kept on the device (K6): the cart in progress, carts put aside and taken up. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addToCart, cartTotals, ONE, setDiscount, setPrice, type CartLine, type CartProduct } from './cart';
import {
	dropHeld,
	EMPTY_KEEP,
	holdCart,
	keepCurrent,
	MAX_HELD,
	readKeep,
	refreshCart,
	sameDraft,
	takeHeld,
	writeKeep,
	type CartDraft,
	type CounterKeep,
	type ShelfNow
} from './held';

const tea: CartProduct = { id: 'P1', name: '冰红茶', unit: '瓶', price: 350, vat: 1300 };
const rice: CartProduct = { id: 'P2', name: '大米', unit: 'kg', price: 699, vat: 900 };
const loose: CartProduct = { id: 'P3', name: '散装糖', unit: 'kg', price: null, vat: 1300 };

const AT = '2026-11-24T09:30:00.000Z';
const cartOf = (...ps: CartProduct[]): CartLine[] => ps.reduce<CartLine[]>((c, p) => addToCart(c, p), []);

function hold(keep: CounterKeep, draft: CartDraft, id: string): CounterKeep {
	const r = holdCart(keep, draft, id, AT);
	if (!r.ok) throw new Error(r.code);
	return r.keep;
}

describe('counter carts kept on the device', () => {
	it('[K6] a cart read back from another tab is the same cart exactly when every line and the customer are', () => {
		const cart = setDiscount(cartOf(tea, rice, tea), 'P1', 20);
		const draft = { cart, customer: 'C7' };
		// Written by one tab and read by another: the same.
		expect(sameDraft(readKeep(writeKeep(keepCurrent(EMPTY_KEEP, draft))).current, draft)).toBe(true);
		// No cart and an empty one are the same; a customer on an empty cart is not kept.
		expect(sameDraft(null, { cart: [] })).toBe(true);
		expect(sameDraft(null, { cart: [], customer: 'C7' })).toBe(true);
		// Anything else differs: a line, a quantity, a price, a discount, the customer.
		expect(sameDraft(draft, { cart })).toBe(false);
		expect(sameDraft(draft, { cart: cart.slice(1), customer: 'C7' })).toBe(false);
		expect(sameDraft(draft, { cart: addToCart(cart, rice), customer: 'C7' })).toBe(false);
		expect(sameDraft(draft, { cart: setPrice(cart, 'P2', 650), customer: 'C7' })).toBe(false);
		expect(sameDraft(draft, { cart: setDiscount(cart, 'P1', 0), customer: 'C7' })).toBe(false);
		expect(sameDraft(draft, null)).toBe(false);
	});

	it('[K6] the cart in progress survives being written and read back, customer and prices included', () => {
		let cart = cartOf(tea, rice, tea);
		cart = setPrice(cart, 'P2', 650);
		cart = setDiscount(cart, 'P1', 20);
		const keep = keepCurrent(EMPTY_KEEP, { cart, customer: 'C7' });
		const back = readKeep(writeKeep(keep));
		expect(back).toEqual(keep);
		expect(cartTotals(back.current!.cart)).toEqual(cartTotals(cart));
	});

	it('[K6] an empty cart keeps nothing', () => {
		const keep = keepCurrent(keepCurrent(EMPTY_KEEP, { cart: cartOf(tea) }), { cart: [] });
		expect(keep.current).toBeNull();
		expect(holdCart(EMPTY_KEEP, { cart: [] }, 'h1', AT)).toEqual({ ok: false, code: 'empty' });
	});

	it('[K6] carts put aside are numbered from 1, and numbering starts again once all are taken', () => {
		let keep = hold(EMPTY_KEEP, { cart: cartOf(tea) }, 'a');
		keep = hold(keep, { cart: cartOf(rice), customer: 'C1' }, 'b');
		expect(keep.held.map((h) => [h.id, h.no])).toEqual([
			['a', 1],
			['b', 2]
		]);
		const took = takeHeld(keep, 'a', { cart: [] }, 'x', AT);
		expect(took.ok).toBe(true);
		if (!took.ok) return;
		expect(took.draft).toEqual({ cart: cartOf(tea) });
		expect(took.keep.current).toEqual({ cart: cartOf(tea) });
		// Number 2 is still aside: the next one is 3, never a second 2.
		const next = hold(took.keep, { cart: cartOf(loose) }, 'c');
		expect(next.held.map((h) => h.no)).toEqual([2, 3]);
		const empty = dropHeld(dropHeld(next, 'b'), 'c');
		expect(hold(empty, { cart: cartOf(tea) }, 'd').held[0]!.no).toBe(1);
	});

	it('[K6] taking a cart while another is being rung up puts that one aside instead of dropping it', () => {
		const keep = hold(EMPTY_KEEP, { cart: cartOf(tea), customer: 'C1' }, 'a');
		const ringing: CartDraft = { cart: cartOf(rice, loose) };
		const took = takeHeld(keepCurrent(keep, ringing), 'a', ringing, 's', AT);
		expect(took.ok).toBe(true);
		if (!took.ok) return;
		expect(took.draft).toEqual({ cart: cartOf(tea), customer: 'C1' });
		expect(took.swapped).toMatchObject({ id: 's', no: 1, cart: ringing.cart });
		expect(took.keep.held.map((h) => h.id)).toEqual(['s']);
	});

	it('[K6] a cart another tab took first is gone; a full shelf of carts refuses one more', () => {
		expect(takeHeld(EMPTY_KEEP, 'nope', { cart: [] }, 's', AT)).toEqual({ ok: false, code: 'gone' });
		let keep = EMPTY_KEEP;
		for (let i = 0; i < MAX_HELD; i++) keep = hold(keep, { cart: cartOf(tea) }, `h${i}`);
		expect(holdCart(keep, { cart: cartOf(rice) }, 'one-more', AT)).toEqual({ ok: false, code: 'full' });
		// Swapping keeps the count: one out, one in.
		const swap = takeHeld(keep, 'h3', { cart: cartOf(rice) }, 'swap', AT);
		expect(swap.ok && swap.keep.held.length).toBe(MAX_HELD);
	});

	it('[K6] whatever storage holds, reading it never throws and keeps every readable cart', () => {
		const aside = hold(hold(EMPTY_KEEP, { cart: cartOf(tea) }, 'a'), { cart: cartOf(loose) }, 'b');
		const good = keepCurrent(aside, { cart: cartOf(rice) });
		for (const text of [null, '', 'not json', '42', 'null', '[]', '{"held":7}', '{"current":{"cart":[]}}'])
			expect(readKeep(text)).toEqual(EMPTY_KEEP);
		// One damaged cart aside costs only itself; a damaged current cart costs nothing aside.
		const raw = JSON.parse(writeKeep(good)) as {
			current: { cart: { q: unknown }[] };
			held: { cart: { q: unknown }[] }[];
		};
		raw.held[0]!.cart[0]!.q = -1;
		raw.current.cart[0]!.q = 'lots';
		const back = readKeep(JSON.stringify(raw));
		expect(back.current).toBeNull();
		expect(back.held.map((h) => h.id)).toEqual(['b']);
	});

	it('[K6] a line storage could not have come from is refused field by field', () => {
		const line = cartOf(tea)[0]!;
		const bad: unknown[] = [
			{ ...line, p: '' },
			{ ...line, q: 0 },
			{ ...line, q: 1.5 },
			{ ...line, price: -1 },
			{ ...line, price: 0.1 },
			{ ...line, discount: 351 },
			{ ...line, listPrice: 'x' },
			{ ...line, vat: null },
			{ ...line, name: 7 }
		];
		for (const l of bad) expect(readKeep(JSON.stringify({ current: { cart: [l] } })).current).toBeNull();
		// Two lines of one product are not a cart the counter makes.
		expect(readKeep(JSON.stringify({ current: { cart: [line, line] } })).current).toBeNull();
		expect(readKeep(JSON.stringify({ current: { cart: [line], customer: '' } })).current).toBeNull();
		expect(readKeep(JSON.stringify({ current: { cart: [line] } })).current).toEqual({ cart: [line] });
	});

	it('[K6] property: any sequence of holds, takes, drops and sales loses no cart and duplicates none', () => {
		const op = fc.oneof(
			fc.record({ kind: fc.constant('ring' as const), n: fc.integer({ min: 1, max: 3 }) }),
			fc.record({ kind: fc.constant('hold' as const) }),
			fc.record({ kind: fc.constant('take' as const), pick: fc.nat() }),
			fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
			fc.record({ kind: fc.constant('sell' as const) })
		);
		const products = [tea, rice, loose];
		fc.assert(
			fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
				// Each cart is told apart by its customer tag; `alive` is the model: carts neither sold nor dropped.
				let keep = EMPTY_KEEP;
				let current: CartDraft = { cart: [] };
				let made = 0;
				const alive = new Set<string>();
				for (const o of ops) {
					if (o.kind === 'ring' && current.cart.length === 0) {
						current = { cart: cartOf(...products.slice(0, o.n)), customer: `C${made++}` };
						alive.add(current.customer!);
					} else if (o.kind === 'hold') {
						const r = holdCart(keep, current, `h${made++}`, AT);
						if (r.ok) {
							keep = r.keep;
							current = { cart: [] };
						} else
							expect(r.code === 'empty' ? current.cart.length : keep.held.length).toBe(
								r.code === 'empty' ? 0 : MAX_HELD
							);
					} else if (o.kind === 'take' && keep.held.length > 0) {
						const h = keep.held[o.pick % keep.held.length]!;
						const r = takeHeld(keep, h.id, current, `h${made++}`, AT);
						if (r.ok) {
							keep = r.keep;
							current = r.draft;
						} else expect(r.code).toBe('full');
					} else if (o.kind === 'drop' && keep.held.length > 0) {
						const h = keep.held[o.pick % keep.held.length]!;
						keep = dropHeld(keep, h.id);
						alive.delete(h.customer!);
					} else if (o.kind === 'sell' && current.cart.length > 0) {
						alive.delete(current.customer!);
						current = { cart: [] };
					}
					const tags = [
						...keep.held.map((h) => h.customer!),
						...(current.cart.length > 0 ? [current.customer!] : [])
					];
					expect(tags.length).toBe(alive.size);
					expect(new Set(tags)).toEqual(alive);
					expect(new Set(keep.held.map((h) => h.no)).size).toBe(keep.held.length);
					expect(readKeep(writeKeep(keep))).toEqual(keep);
				}
			}),
			{ numRuns: 300 }
		);
	});
});

describe('a cart taken up again meets the shelf as it is now', () => {
	const shelf =
		(m: Record<string, ShelfNow>) =>
		(p: string): ShelfNow | undefined =>
			m[p];

	it('[K6] a line at the shelf price takes the new shelf price; a price agreed by hand stays', () => {
		let cart = cartOf(tea, rice, loose);
		cart = setPrice(cart, 'P2', 600); // agreed with a manager
		cart = setPrice(cart, 'P3', 800); // no shelf price: priced by hand
		const r = refreshCart(
			cart,
			shelf({
				P1: { name: '冰红茶 500ml', unit: '瓶', price: 380, vat: 1300 },
				P2: { name: '大米', unit: 'kg', price: 720, vat: 900 },
				P3: { name: '散装糖', unit: 'kg', price: 900, vat: 1300 }
			})
		);
		expect(r.repriced).toEqual(['冰红茶 500ml']);
		expect(r.dropped).toEqual([]);
		expect(r.cart.map((l) => [l.p, l.name, l.listPrice, l.price])).toEqual([
			['P1', '冰红茶 500ml', 380, 380],
			['P2', '大米', 720, 600],
			['P3', '散装糖', 900, 800]
		]);
	});

	it('[K6] a discounted line keeps its price; a product no longer sold is left out and named', () => {
		const cart = setDiscount(cartOf(tea, rice), 'P1', 50);
		const r = refreshCart(cart, shelf({ P1: { name: '冰红茶', unit: '瓶', price: 400, vat: 1300 } }));
		expect(r.dropped).toEqual(['大米']);
		expect(r.repriced).toEqual([]);
		expect(r.cart).toEqual([{ ...cart[0]!, listPrice: 400 }]);
	});

	it('[K6] a shelf price taken away leaves the line for a manager to price (K1)', () => {
		const r = refreshCart(cartOf(tea), shelf({ P1: { name: '冰红茶', unit: '瓶', price: null, vat: 1300 } }));
		expect(r.cart[0]).toMatchObject({ listPrice: null, price: 350 });
	});

	it('[K6] nothing changed on the shelf: the cart comes back as it was', () => {
		fc.assert(
			fc.property(fc.subarray([tea, rice, loose], { minLength: 1 }), fc.nat({ max: 5 }), (ps, extra) => {
				let cart = cartOf(...ps);
				cart = cart.map((l) => ({ ...l, q: l.q + extra * ONE }));
				const same = refreshCart(cart, (p) => {
					const x = [tea, rice, loose].find((q) => q.id === p)!;
					return { name: x.name, unit: x.unit, price: x.price, vat: x.vat };
				});
				expect(same).toEqual({ cart, repriced: [], dropped: [] });
			})
		);
	});
});
