import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyOf, historyParams } from '../../../tests/factories/business';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { formatHlc } from '../domain/hlc';
import { deriveAll } from '../domain/ledger';
import { masterNames } from './names';
import { stockCard, stockCardCsv, type StockCardLabels } from './stock-card';

const U = 1000;

/** 毛巾 in 总仓 (W1): opening stock, a receipt, a counter sale, a transfer to W2, a stocktake, a voided delivery. */
function towels() {
	const f = new EventFactory();
	const master = [
		f.make(
			'product.created',
			{ id: 'P1', fields: { name: '纯棉毛巾', spec: '70×140', unit: '条' } },
			{ branch: '' }
		),
		f.make('product.created', { id: 'P2', fields: { name: '浴巾', unit: '条' } }, { branch: '' }),
		f.make('warehouse.created', { id: 'W1', fields: { name: '总仓', branch: 'B01' } }, { branch: '' }),
		f.make('warehouse.created', { id: 'W2', fields: { name: '城东店仓', branch: 'B01' } }, { branch: '' }),
		f.make('supplier.created', { id: 'S1', fields: { name: '高阳纺织' } }, { branch: '' }),
		f.make('customer.created', { id: 'C1', fields: { name: '红星宾馆' } }, { branch: '' })
	];
	const opening = f.make(
		'opening.stock',
		{ no: 1, wh: 'W1', lines: [{ p: 'P1', q: 10 * U, value: 10_000 }] },
		{ at: DAY0 + 1 }
	);
	const receipt = f.make(
		'purchase.receipt.posted',
		{ no: 1, supplier: 'S1', wh: 'W1', lines: [{ p: 'P1', q: 5 * U, amount: 6_000, vat: 0 }] },
		{ at: DAY0 + 3 }
	);
	const sale = f.make(
		'sales.counter.posted',
		{
			no: 1,
			wh: 'W1',
			lines: [
				{ p: 'P1', q: 2 * U, amount: 4_000, vat: 0 },
				{ p: 'P2', q: 1 * U, amount: 5_000, vat: 0 },
				{ p: 'P1', q: 1 * U, amount: 2_000, vat: 0 }
			],
			tenders: [{ account: 'CASH', amount: 11_000 }]
		},
		{ at: DAY0 + 5 }
	);
	const shipped = f.make(
		'stock.transfer.shipped',
		{ no: 1, from: 'W1', to: 'W2', lines: [{ p: 'P1', q: 2 * U }] },
		{ at: DAY0 + 6 }
	);
	const received = f.make(
		'stock.transfer.received',
		{ ref: shipped.id, lines: [{ line: 0, q: 2 * U }], final: true },
		{ at: DAY0 + 7 }
	);
	const take = f.make(
		'stocktake.posted',
		{ no: 1, wh: 'W1', countedAt: formatHlc(f.clock('T1').tick()), lines: [{ p: 'P1', counted: 9 * U }] },
		{ at: DAY0 + 8 }
	);
	const delivery = f.make(
		'sales.delivery.posted',
		{ no: 1, customer: 'C1', wh: 'W1', lines: [{ p: 'P1', q: 1 * U, amount: 2_000, vat: 0 }] },
		{ at: DAY0 + 9 }
	);
	const voided = f.make('document.voided', { ref: delivery.id, reason: '录入错误' }, { at: DAY0 + 9 });
	const events = [...master, opening, receipt, sale, shipped, received, take, delivery, voided];
	return { f, events, opening, receipt, sale, shipped, received, take, delivery };
}

describe('the stock card (库存台账)', () => {
	it('[D12] lists each document once, with the balance after it, between opening and closing', () => {
		const s = towels();
		const l = deriveAll(s.events);
		const card = stockCard(l, masterNames(l), 'P1', 'W1', DAY0 + 4, DAY0 + 20);
		expect(card).toMatchObject({ name: '纯棉毛巾', detail: '70×140', unit: '条', warehouseName: '总仓' });
		// Before the period: 10 opening + 5 received = 15.
		expect(card.opening).toBe(15 * U);
		expect(card.rows.map((r) => [r.type, r.qtyIn, r.qtyOut, r.balance, r.counterpart])).toEqual([
			// The sale's two lines of 毛巾 are one row (3 units); its 浴巾 line is another product's.
			['sales.counter.posted', 0, 3 * U, 12 * U, ''],
			['stock.transfer.shipped', 0, 2 * U, 10 * U, '城东店仓'],
			// Counted 9 against a book of 10.
			['stocktake.posted', 0, 1 * U, 9 * U, '']
			// The voided delivery moved nothing.
		]);
		expect(card.closing).toBe(9 * U);
		expect(card.now.onHand).toBe(9 * U);
		expect(card.qtyOut).toBe(6 * U);
		// 15 units worth 160.00 (100.00 + 60.00): the sale takes 3 at 10.67 = 32.00 (rounded on the whole).
		expect(card.rows[0]!.valueOut).toBe(3_200);
		expect(card.rows.every((r) => r.number !== '')).toBe(true);
	});

	it('shows a transfer on both cards: out of the sender, in at the receiver at its shipped cost', () => {
		const s = towels();
		const l = deriveAll(s.events);
		const names = masterNames(l);
		const out = stockCard(l, names, 'P1', 'W1', DAY0, DAY0 + 20).rows.find((r) => r.doc === s.shipped.id)!;
		const card = stockCard(l, names, 'P1', 'W2', DAY0, DAY0 + 20);
		expect(card.opening).toBe(0);
		expect(card.rows).toEqual([
			expect.objectContaining({
				event: s.received.id,
				doc: s.shipped.id,
				type: 'stock.transfer.received',
				number: out.number,
				counterpart: '总仓',
				qtyIn: 2 * U,
				valueIn: out.valueOut,
				balance: 2 * U
			})
		]);
	});

	it('[I6] shows an adjustment with its reason where a document shows its other side', () => {
		const s = towels();
		const loss = s.f.make(
			'stock.adjusted',
			{ no: 1, wh: 'W1', reason: 'damaged: 水渍', lines: [{ p: 'P1', q: -1 * U }] },
			{ at: DAY0 + 10 }
		);
		const l = deriveAll([...s.events, loss]);
		const row = stockCard(l, masterNames(l), 'P1', 'W1', DAY0, DAY0 + 20).rows.find(
			(r) => r.event === loss.id
		);
		expect(row).toMatchObject({
			type: 'stock.adjusted',
			counterpart: 'damaged: 水渍',
			qtyOut: 1 * U,
			balance: 8 * U
		});
	});

	it('exports to CSV for a spreadsheet, with values only for roles that may see cost', () => {
		const s = towels();
		const l = deriveAll(s.events);
		const card = stockCard(l, masterNames(l), 'P1', 'W1', DAY0 + 4, DAY0 + 20);
		const L: StockCardLabels = {
			date: '日期',
			type: '类型',
			number: '单号',
			counterpart: '往来',
			in: '收入',
			out: '发出',
			balance: '结存',
			amount: '金额',
			opening: '期初结存',
			total: '本期合计',
			unit: '单位'
		};
		const lines = (csv: string) => csv.replace('\ufeff', '').trimEnd().split('\r\n');
		const withValues = lines(stockCardCsv(card, L, (t) => t, true));
		expect(withValues[0]).toBe('纯棉毛巾 70×140,总仓,2026-01-09 – 2026-01-25,单位: 条');
		expect(withValues[1]).toBe('日期,类型,单号,往来,收入,发出,结存,金额');
		expect(withValues[2]).toBe('2026-01-09,期初结存,,,,,15,');
		expect(withValues[3]).toBe(`2026-01-10,sales.counter.posted,${card.rows[0]!.number},,,3,12,32.00`);
		expect(withValues.at(-1)).toBe('2026-01-25,本期合计,,,0,6,9,');
		const quantitiesOnly = lines(stockCardCsv(card, L, (t) => t, false));
		expect(quantitiesOnly[1]).toBe('日期,类型,单号,往来,收入,发出,结存');
		expect(quantitiesOnly.join('\n')).not.toContain('32.00');
	});

	it('a period before any movement, and a product never stocked, give empty cards', () => {
		const s = towels();
		const l = deriveAll(s.events);
		const names = masterNames(l);
		expect(stockCard(l, names, 'P1', 'W1', DAY0 - 10, DAY0)).toMatchObject({
			opening: 0,
			rows: [],
			closing: 0
		});
		expect(stockCard(l, names, 'P9', 'W1', DAY0, DAY0 + 20)).toMatchObject({ rows: [], closing: 0 });
	});

	it('[P1] over any business history, the card of every stock cell closes at its stock on hand', () => {
		fc.assert(
			fc.property(historyParams({ maxOps: 120 }), fc.integer({ min: 0, max: 60 }), (p, cut) => {
				const l = deriveAll(historyOf(p).events);
				const names = masterNames(l);
				for (const s of l.stockLevels()) {
					const card = stockCard(l, names, s.product, s.warehouse, DAY0 + cut, DAY0 + 100_000);
					expect(card.closing).toBe(s.onHand);
					expect(card.opening + card.qtyIn - card.qtyOut).toBe(card.closing);
					for (const r of card.rows) expect(r.at).toBeGreaterThanOrEqual(DAY0 + cut);
				}
			}),
			{ numRuns: 40 }
		);
	});
});
