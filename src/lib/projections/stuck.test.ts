/**
 * [RP1] Stock that does not sell: a product with stock whose days of cover at the recent pace of sales
 * exceed SLOW_COVER_DAYS, or which did not sell at all, ranked by the value it ties up.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MasterNames, ProductInfo } from './names';
import type { StockRow } from './stock';
import { coverDays, SLOW_COVER_DAYS, stuckStock } from './stuck';

function product(id: string, name: string, spec = '', unit = '个'): [string, ProductInfo] {
	return [
		id,
		{
			id,
			code: id,
			name,
			spec,
			category: '',
			unit,
			barcodes: [],
			retailPrice: null,
			purchasePrice: null,
			vat: null,
			active: true,
			haystack: name
		}
	];
}

const names: MasterNames = {
	products: new Map([
		product('P1', '不锈钢合页', '4寸'),
		product('P2', '冰红茶', '500ml', '瓶'),
		product('P3', '电线', '2.5平方', '米'),
		product('P4', '卷尺', '5m')
	]),
	warehouses: new Map(),
	customers: new Map(),
	suppliers: new Map(),
	accounts: new Map(),
	branches: new Map(),
	users: new Map()
};

function row(product: string, warehouse: string, onHand: number, value: number): StockRow {
	return {
		key: `${product}|${warehouse}`,
		product,
		code: product,
		name: product,
		spec: '',
		unit: '',
		warehouse,
		warehouseName: `仓${warehouse}`,
		onHand,
		available: onHand,
		reserved: 0,
		incoming: 0,
		unitCost: 0,
		value,
		haystack: product
	};
}

describe('[RP1] stock that does not sell', () => {
	it('lists what did not sell and what would last past the limit, most value first, summed over warehouses', () => {
		const stock = [
			row('P1', 'A', 10_000, 50_00),
			row('P1', 'B', 5_000, 25_00), // P1: 15 on hand, 75.00, not sold → stuck
			row('P2', 'A', 100_000, 200_00), // P2: sold 90 in 90 days → lasts 100 days: fine
			row('P3', 'A', 300_000, 90_00), // P3: sold 100 in 90 days → lasts 270 days: stuck
			row('P4', 'A', 0, 0) // nothing on hand: never stuck
		];
		const sold = new Map([
			['P2', 90_000],
			['P3', 100_000]
		]);
		const s = stuckStock(stock, sold, names, 90);
		expect(s.rows.map((p) => [p.name, p.detail, p.onHand, p.value, p.sold, p.coverDays])).toEqual([
			['电线', '2.5平方', 300_000, 90_00, 100_000, 270],
			['不锈钢合页', '4寸', 15_000, 75_00, 0, null]
		]);
		expect(s.rows[1]!.warehouses).toEqual(['仓A', '仓B']);
		expect(s.rows[0]!.unit).toBe('米');
		expect([s.count, s.value, s.span]).toEqual([2, 165_00, 90]);
	});

	it('draws the line at exactly SLOW_COVER_DAYS: that many days is fine, one more is stuck', () => {
		// 180 on hand, 90 sold in 90 days: lasts exactly 180 days.
		const atLimit = stuckStock([row('P1', 'A', 180_000, 1_00)], new Map([['P1', 90_000]]), names, 90);
		expect(atLimit.count).toBe(0);
		const past = stuckStock([row('P1', 'A', 181_000, 1_00)], new Map([['P1', 90_000]]), names, 90);
		expect(past.rows.map((p) => p.coverDays)).toEqual([181]);
		expect(SLOW_COVER_DAYS).toBe(180);
	});

	it('keeps the first `limit` rows but counts and values every stuck product', () => {
		const stock = [1, 2, 3, 4].map((i) => row(`P${i}`, 'A', 1000, i * 10_00));
		const s = stuckStock(stock, new Map(), names, 90, 2);
		expect(s.rows.map((p) => p.product)).toEqual(['P4', 'P3']);
		expect([s.count, s.value]).toEqual([4, 100_00]);
	});

	it('ranks equal values by product id, and skips negative stock in a warehouse (oversold)', () => {
		const stock = [row('P2', 'A', 1000, 5_00), row('P1', 'A', 1000, 5_00), row('P1', 'B', -3000, 0)];
		const s = stuckStock(stock, new Map(), names, 90);
		expect(s.rows.map((p) => [p.product, p.onHand])).toEqual([
			['P1', 1000],
			['P2', 1000]
		]);
	});

	it('says nothing is stuck when every product in stock sells', () => {
		const s = stuckStock([row('P1', 'A', 1000, 5_00)], new Map([['P1', 1000]]), names, 90);
		expect(s).toEqual({ span: 90, rows: [], count: 0, value: 0 });
	});

	it('counts days of cover exactly, as integer division would, for any quantities in range', () => {
		expect(coverDays(5, 0, 90)).toBeNull();
		expect(coverDays(2 ** 53 - 1, 2 ** 52, 1)).toBe(1); // 1.999…, not 2
		fc.assert(
			fc.property(
				fc.bigInt({ min: 0n, max: BigInt(Math.floor(Number.MAX_SAFE_INTEGER / 366)) }),
				fc.bigInt({ min: 1n, max: BigInt(Number.MAX_SAFE_INTEGER) }),
				fc.integer({ min: 1, max: 366 }),
				(onHand, sold, span) => {
					expect(BigInt(coverDays(Number(onHand), Number(sold), span)!)).toBe((onHand * BigInt(span)) / sold);
				}
			)
		);
	});

	it('lists exactly the products in stock that sold too slowly, whatever the rows', () => {
		const ids = ['P1', 'P2', 'P3', 'P4'];
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						p: fc.constantFrom(...ids),
						wh: fc.constantFrom('A', 'B', 'C'),
						q: fc.integer({ min: -5_000, max: 500_000 }),
						v: fc.integer({ min: 0, max: 10_000_00 })
					}),
					{ maxLength: 12 }
				),
				fc.dictionary(fc.constantFrom(...ids), fc.integer({ min: 0, max: 200_000 })),
				fc.integer({ min: 1, max: 120 }),
				(rows, soldBy, span) => {
					const stock = rows.map((r) => row(r.p, r.wh, r.q, r.v));
					const sold = new Map(Object.entries(soldBy));
					const s = stuckStock(stock, sold, names, span, ids.length);
					for (const id of ids) {
						const held = stock.filter((r) => r.product === id && r.onHand > 0);
						const onHand = held.reduce((x, r) => x + r.onHand, 0);
						const q = sold.get(id) ?? 0;
						// Stuck: in stock and sold nothing, or on hand × span > 180 days × sold.
						const expected = onHand > 0 && (q === 0 || onHand * span >= (SLOW_COVER_DAYS + 1) * q);
						const listed = s.rows.find((p) => p.product === id);
						expect(listed !== undefined).toBe(expected);
						if (listed) {
							expect(listed.onHand).toBe(onHand);
							expect(listed.value).toBe(held.reduce((x, r) => x + r.value, 0));
						}
					}
					expect(s.count).toBe(s.rows.length);
					expect(s.value).toBe(s.rows.reduce((x, p) => x + p.value, 0));
					for (let i = 1; i < s.rows.length; i++)
						expect(s.rows[i - 1]!.value).toBeGreaterThanOrEqual(s.rows[i]!.value);
				}
			)
		);
	});
});
