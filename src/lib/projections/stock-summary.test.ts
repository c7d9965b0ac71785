import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../../../tests/factories/business';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { deriveAll, Ledger } from '../domain/ledger';
import { masterNames } from './names';
import { stockCard } from './stock-card';
import { stockSummary, stockSummaryCsv } from './stock-summary';

const U = 1000;

describe('[RP3] the stock summary (进销存汇总表)', () => {
	const f = new EventFactory();
	const shipped = f.make(
		'stock.transfer.shipped',
		{ no: 1, from: 'W1', to: 'W2', lines: [{ p: 'P1', q: 2 * U }] },
		{ at: DAY0 + 3 }
	);
	const events = [
		f.make(
			'product.created',
			{ id: 'P1', fields: { name: '冰红茶', code: 'A01', unit: '瓶' } },
			{ branch: '' }
		),
		f.make(
			'product.created',
			{ id: 'P2', fields: { name: '卷尺', code: 'A02', unit: '个' } },
			{ branch: '' }
		),
		f.make('warehouse.created', { id: 'W1', fields: { name: '总仓', branch: 'B01' } }, { branch: '' }),
		f.make('warehouse.created', { id: 'W2', fields: { name: '门店', branch: 'B01' } }, { branch: '' }),
		// Before the span: 10 bottles at ¥3.00 in W1; 4 tape measures at ¥12.00.
		f.make(
			'opening.stock',
			{
				no: 1,
				wh: 'W1',
				lines: [
					{ p: 'P1', q: 10 * U, value: 30_00 },
					{ p: 'P2', q: 4 * U, value: 48_00 }
				]
			},
			{ at: DAY0 - 10 }
		),
		// In the span: 5 more bottles for ¥20.00 (the average goes to ¥50.00 / 15 = ¥3.333…).
		f.make(
			'purchase.receipt.posted',
			{ no: 1, supplier: 'S1', wh: 'W1', lines: [{ p: 'P1', q: 5 * U, amount: 20_00, vat: 0 }] },
			{ at: DAY0 + 1 }
		),
		// 3 sold at the counter: cost 3 × 50.00 / 15 = ¥10.00.
		f.make(
			'sales.counter.posted',
			{
				no: 1,
				wh: 'W1',
				lines: [{ p: 'P1', q: 3 * U, amount: 15_00, vat: 0 }],
				tenders: [{ account: 'CASH', amount: 15_00 }]
			},
			{ at: DAY0 + 2 }
		),
		// 2 shipped to the shop (out of W1 at ¥40.00 / 12 × 2 = ¥6.67) and received there.
		shipped,
		f.make(
			'stock.transfer.received',
			{ ref: shipped.id, lines: [{ line: 0, q: 2 * U }], final: true },
			{ at: DAY0 + 4 }
		),
		// After the span: one tape measure lost. Not in the summary.
		f.make(
			'stock.adjusted',
			{ no: 1, wh: 'W1', reason: '丢失', lines: [{ p: 'P2', q: -1 * U }] },
			{ at: DAY0 + 9 }
		)
	];
	const ledger = deriveAll(events);
	const names = masterNames(ledger);

	it('adds up opening, in, out and closing per product, in every warehouse or one', () => {
		const all = stockSummary(ledger, names, DAY0, DAY0 + 5, null);
		expect(
			all.rows.map((r) => [r.code, r.openQ, r.openV, r.inQ, r.inV, r.outQ, r.outV, r.closeQ, r.closeV])
		).toEqual([
			// The transfer is out of W1 and into W2: both sides, at the same ¥6.67.
			['A01', 10 * U, 30_00, 7 * U, 26_67, 5 * U, 16_67, 12 * U, 40_00],
			['A02', 4 * U, 48_00, 0, 0, 0, 0, 4 * U, 48_00]
		]);
		expect([all.openV, all.inV, all.outV, all.closeV]).toEqual([78_00, 26_67, 16_67, 88_00]);

		const shop = stockSummary(ledger, names, DAY0, DAY0 + 5, 'W2');
		expect(shop.rows.map((r) => [r.code, r.openQ, r.inQ, r.inV, r.outQ, r.closeQ, r.closeV])).toEqual([
			['A01', 0, 2 * U, 6_67, 0, 2 * U, 6_67]
		]);
		// Before anything happened: nothing is listed.
		expect(stockSummary(ledger, names, DAY0 - 30, DAY0 - 20, null).rows).toEqual([]);
		// The day of the loss: the tape measures go out, the bottles stand still.
		const later = stockSummary(ledger, names, DAY0 + 9, DAY0 + 9, 'W1');
		expect(later.rows.map((r) => [r.code, r.openQ, r.outQ, r.closeQ])).toEqual([
			['A01', 10 * U, 0, 10 * U],
			['A02', 4 * U, 1 * U, 3 * U]
		]);
	});

	it('exports CSV with values only for roles that may see cost', () => {
		const L = {
			code: '编码',
			product: '商品',
			unit: '单位',
			opening: '期初',
			in: '入库',
			out: '出库',
			closing: '期末',
			qty: '数量',
			amount: '金额',
			total: '合计',
			all: '全部仓库'
		};
		const s = stockSummary(ledger, names, DAY0, DAY0 + 5, null);
		const withValues = stockSummaryCsv(s, names, L, true)
			.replace(/^\uFEFF/, '')
			.split('\r\n');
		expect(withValues[0]).toBe(`全部仓库,2026-01-05 – 2026-01-10`);
		expect(withValues[1]).toBe(
			'编码,商品,单位,期初 数量,期初 金额,入库 数量,入库 金额,出库 数量,出库 金额,期末 数量,期末 金额'
		);
		expect(withValues[2]).toBe('A01,冰红茶,瓶,10,30.00,7,26.67,5,16.67,12,40.00');
		expect(withValues[4]).toBe('合计,,,,78.00,,26.67,,16.67,,88.00');
		const qtyOnly = stockSummaryCsv(s, names, L, false)
			.replace(/^\uFEFF/, '')
			.split('\r\n');
		expect(qtyOnly[1]).toBe('编码,商品,单位,期初,入库,出库,期末');
		expect(qtyOnly[3]).toBe('A02,卷尺,个,4,0,0,4');
		expect(qtyOnly.some((l) => l.startsWith('合计'))).toBe(false);
	});

	it('closes where each stock card closes, and on the last day on the stock on hand (random companies)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 0x7fffffff }),
				fc.integer({ min: 0, max: 40 }),
				fc.integer({ min: 0, max: 40 }),
				(seed, a, b) => {
					const h = generateHistory(seed, 80);
					const names = masterNames(h.ledger);
					const first = Math.min(...h.events.map((e) => e.at));
					const last = Math.max(...h.events.map((e) => e.at));
					const from = first + Math.min(a, b);
					const to = first + Math.max(a, b);
					for (const level of h.ledger.stockLevels()) {
						const card = stockCard(h.ledger, names, level.product, level.warehouse, from, to);
						const row = stockSummary(h.ledger, names, from, to, level.warehouse).rows.find(
							(r) => r.product === level.product
						);
						expect([row?.openQ ?? 0, row?.closeQ ?? 0]).toEqual([card.opening, card.closing]);
						expect([row?.inQ ?? 0, row?.outQ ?? 0]).toEqual([card.qtyIn, card.qtyOut]);
						const end = stockSummary(h.ledger, names, from, last, level.warehouse).rows.find(
							(r) => r.product === level.product
						);
						expect(end?.closeQ ?? 0).toBe(level.onHand);
						expect(end?.closeV ?? 0).toBe(level.value + level.variance);
					}
					// On the last day, every warehouse's closing is the stock value plus the cost differences.
					const all = stockSummary(h.ledger, names, from, last, null);
					const stockValue = h.ledger.stockLevels().reduce((v, l) => v + l.value, 0);
					expect(all.closeV - all.variance).toBe(stockValue);
					// Every warehouse together is the sum of each.
					const whole = stockSummary(h.ledger, names, from, to, null);
					for (const r of whole.rows) {
						const parts = h.ledger
							.stockOfProduct(r.product)
							.map((l) =>
								stockSummary(h.ledger, names, from, to, l.warehouse).rows.find((x) => x.product === r.product)
							)
							.filter((x) => x !== undefined);
						expect(parts.reduce((s, x) => s + x.closeV, 0)).toBe(r.closeV);
						expect(parts.reduce((s, x) => s + x.inQ, 0)).toBe(r.inQ);
					}
				}
			),
			{ numRuns: 25 }
		);
	});

	it('skips whole blocks of moves before the span, and keeps that index right through late events', () => {
		// Blocks of 16 moves instead of 4,096, so a small company has many; its events arrive in batches,
		// late ones among them (backdated up to 4 days, and some a month back), so the ledger rolls back
		// into blocks already indexed between two summaries.
		const h = generateHistory(11, 600);
		for (let k = 0; k < 20; k++) h.more(k % 2 ? 'counter-sale' : 'stocktake', { at: h.events[0]!.at + k });
		const first = Math.min(...h.events.map((e) => e.at));
		const ledger = new Ledger({ moveBlock: 16 });
		for (let i = 0; i < h.events.length; i += 150) {
			const so = h.events.slice(0, i + 150);
			ledger.add(h.events.slice(i, i + 150));
			const last = Math.max(...so.map((e) => e.at));
			// The truth: every move read, no block skipped.
			const whole = deriveAll(so, { moveBlock: Number.MAX_SAFE_INTEGER });
			for (const [a, b] of [
				[first, last],
				[first + 5, first + 9],
				[last - 3, last],
				[last + 1, last + 5]
			])
				expect(ledger.stockPeriod(a!, b!)).toEqual(whole.stockPeriod(a!, b!));
		}
	});

	it('reads a block again once a rollback reached it (a void takes a document’s moves out)', () => {
		// Eight adjustments on days 1…8, one move each, in blocks of two moves. Voiding the first moves
		// every later move one place down: days 7 and 8 then sit in block 3, which read up to day 6 before.
		const g = new EventFactory();
		const adds = Array.from({ length: 8 }, (_, k) =>
			g.make(
				'stock.adjusted',
				{ no: k + 1, wh: 'W1', reason: '盘盈', lines: [{ p: 'P1', q: U, value: 1_00 }] },
				{ at: DAY0 + 1 + k }
			)
		);
		const setup = [g.make('warehouse.created', { id: 'W1', fields: { name: '总仓' } }, { branch: '' })];
		const ledger = new Ledger({ moveBlock: 2 });
		ledger.add([...setup, ...adds]);
		expect(ledger.stockPeriod(DAY0 + 7, DAY0 + 8)[0]).toMatchObject({ openQ: 6 * U, inQ: 2 * U });
		const voided = g.make('document.voided', { ref: adds[0]!.id }, { at: DAY0 + 8 });
		ledger.add([voided]);
		const whole = deriveAll([...setup, ...adds, voided], { moveBlock: Number.MAX_SAFE_INTEGER });
		for (const from of [DAY0 + 2, DAY0 + 6, DAY0 + 7, DAY0 + 8])
			expect(ledger.stockPeriod(from, DAY0 + 8)).toEqual(whole.stockPeriod(from, DAY0 + 8));
		expect(ledger.stockPeriod(DAY0 + 7, DAY0 + 8)[0]).toMatchObject({ openQ: 5 * U, inQ: 2 * U });
	});
});
