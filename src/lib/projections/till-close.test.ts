import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../../../tests/factories/business';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { deriveAll } from '../domain/ledger';
import { cashBook } from './cash-book';
import { cashFlow } from './cash-flow';
import { masterNames } from './names';
import { TILL_KINDS, tillClose } from './till-close';

const U = 1000;

describe('[F7] the till’s close (收银日结)', () => {
	const f = new EventFactory();
	const sale = (
		no: number,
		user: string,
		amount: number,
		tenders: { account: string; amount: number }[],
		change?: number
	) =>
		f.make(
			'sales.counter.posted',
			{
				no,
				wh: 'W1',
				lines: [{ p: 'P1', q: 10 * U, amount, vat: 1300 }],
				tenders,
				...(change ? { change } : {})
			},
			{ at: DAY0, user }
		);
	const cashSale = sale(1, 'u1', 52_60, [{ account: 'CASH', amount: 60_00 }], 7_40);
	const wechatSale = sale(2, 'u2', 30_00, [{ account: 'WX', amount: 30_00 }]);
	const voided = sale(3, 'u1', 15_00, [{ account: 'CASH', amount: 15_00 }]);
	const events = [
		f.make('product.created', { id: 'P1', fields: { name: '冰红茶', unit: '瓶' } }, { branch: '' }),
		f.make('customer.created', { id: 'C1', fields: { name: '张记便利店' } }, { branch: '' }),
		f.make('warehouse.created', { id: 'W1', fields: { name: '门店', branch: 'B01' } }, { branch: '' }),
		f.make('account.created', { id: 'CASH', fields: { name: '现金', kind: 'cash' } }, { branch: '' }),
		f.make('account.created', { id: 'WX', fields: { name: '微信', kind: 'wechat' } }, { branch: '' }),
		f.make('account.created', { id: 'BANK', fields: { name: '银行', kind: 'bank' } }, { branch: '' }),
		f.make(
			'opening.stock',
			{ no: 1, wh: 'W1', lines: [{ p: 'P1', q: 100 * U, value: 100_00 }] },
			{ at: DAY0 - 5 }
		),
		f.make('opening.cash', { account: 'CASH', amount: 500_00 }, { at: DAY0 - 5 }),
		cashSale,
		wechatSale,
		voided,
		f.make('document.voided', { ref: voided.id, reason: '扫错' }, { at: DAY0, user: 'u1' }),
		// Four bottles of the WeChat sale back, 10.00 paid back to WeChat, by u1.
		f.make(
			'sales.return.posted',
			{
				no: 1,
				delivery: wechatSale.id,
				lines: [{ line: 0, q: 4 * U, restock: true }],
				refunds: [{ account: 'WX', amount: 10_00 }]
			},
			{ at: DAY0, user: 'u1' }
		),
		f.make(
			'payment.received',
			{ no: 1, customer: 'C1', account: 'CASH', amount: 100_00 },
			{ at: DAY0, user: 'u1' }
		),
		f.make(
			'expense.paid',
			{ no: 1, account: 'CASH', amount: 20_00, category: 'office' },
			{ at: DAY0, user: 'u2' }
		),
		// Cartons sold to the scrap dealer for cash (F9).
		f.make(
			'income.received',
			{ no: 1, account: 'CASH', amount: 8_00, category: 'scrap' },
			{ at: DAY0, user: 'u2' }
		),
		// The day's cash banked.
		f.make('cash.transferred', { no: 1, from: 'CASH', to: 'BANK', amount: 300_00 }, { at: DAY0, user: 'u1' }),
		// The next day, and another branch the same day: not this close.
		sale(4, 'u1', 11_00, [{ account: 'CASH', amount: 11_00 }]),
		f.make(
			'sales.counter.posted',
			{
				no: 1,
				wh: 'W1',
				lines: [{ p: 'P1', q: 1 * U, amount: 3_00, vat: 1300 }],
				tenders: [{ account: 'CASH', amount: 3_00 }]
			},
			{ at: DAY0, user: 'u3', branch: 'B02' }
		)
	];
	// The fourth sale is the next day's.
	const atDay = (e: (typeof events)[number]) =>
		e.type === 'sales.counter.posted' && e.payload.no === 4 ? { ...e, at: DAY0 + 1 } : e;
	const ledger = deriveAll(events.map(atDay));
	const names = masterNames(ledger);

	it('[F9] takes each tender less the change, refunds, payments, other income, expenses and banking per account, with the drawer’s balances', () => {
		expect(ledger.rejected()).toEqual([]);
		const c = tillClose(ledger, names, DAY0, 'B01', null);
		expect(c.sales).toEqual({ count: 2, amount: 82_60, voided: 1 });
		expect(c.refunds).toEqual({ count: 1, amount: 10_00 });
		expect(c.accounts.map((a) => [a.name, a.net, a.opening, a.closing])).toEqual([
			['微信', 20_00, 0, 20_00],
			// 500.00 + 52.60 (60.00 less 7.40 change) + 100.00 + 8.00 − 20.00 − 300.00, the other branch's 3.00 too.
			['现金', -159_40, 500_00, 343_60],
			['银行', 300_00, 0, 300_00]
		]);
		expect(c.accounts[1]!.byKind).toEqual({
			counter: 52_60,
			refunds: 0,
			receipts: 100_00,
			income: 8_00,
			suppliers: 0,
			expenses: -20_00,
			transfers: -300_00,
			counting: 0
		});
		expect(c.byKind).toEqual({
			counter: 82_60,
			refunds: -10_00,
			receipts: 100_00,
			income: 8_00,
			suppliers: 0,
			expenses: -20_00,
			transfers: 0,
			counting: 0
		});
		expect(c.net).toBe(160_60);
		expect(c.cashiers).toEqual(['u1', 'u2']);
	});

	it('keeps to one cashier’s own records, the balances staying the drawer’s', () => {
		const c = tillClose(ledger, names, DAY0, 'B01', 'u1');
		expect(c.sales).toEqual({ count: 1, amount: 52_60, voided: 1 });
		expect(c.refunds).toEqual({ count: 1, amount: 10_00 });
		expect(c.accounts.map((a) => [a.name, a.net, a.closing])).toEqual([
			['微信', -10_00, 20_00],
			['现金', -147_40, 343_60],
			['银行', 300_00, 300_00]
		]);
		const u2 = tillClose(ledger, names, DAY0, 'B01', 'u2');
		expect(u2.sales).toEqual({ count: 1, amount: 30_00, voided: 0 });
		expect(u2.net).toBe(18_00); // 30.00 sold − 20.00 expense + 8.00 scrap income
		expect(tillClose(ledger, names, DAY0 + 2, 'B01', null).accounts).toEqual([]);
	});

	it('counts an earlier count of the drawer, which leaves the account holding what was counted', () => {
		const count = f.make(
			'till.counted',
			{ no: 1, account: 'CASH', counted: 338_00, diff: -5_60 },
			{ at: DAY0, user: 'u1' }
		);
		const counted = deriveAll([...events.map(atDay), count]);
		const c = tillClose(counted, masterNames(counted), DAY0, 'B01', null);
		const cash = c.accounts.find((a) => a.account === 'CASH')!;
		expect([cash.byKind.counting, cash.closing]).toEqual([-5_60, 338_00]);
		expect(c.byKind.counting).toBe(-5_60);
		expect(cash.counts).toEqual([
			{
				id: count.id,
				number: expect.stringMatching(/^RJ/),
				user: 'u1',
				time: count.hlc.wall,
				counted: 338_00,
				diff: -5_60
			}
		]);
		expect(
			tillClose(counted, masterNames(counted), DAY0, 'B01', 'u2').accounts.find((a) => a.account === 'CASH')!
				.counts
		).toEqual([]);
		// Voided, it moves nothing.
		const voided = deriveAll([
			...events.map(atDay),
			count,
			f.make('document.voided', { ref: count.id, reason: '点错了' }, { at: DAY0, user: 'u1' })
		]);
		expect(
			tillClose(voided, masterNames(voided), DAY0, 'B01', null).accounts.find((a) => a.account === 'CASH')!
				.closing
		).toBe(343_60);
	});

	it('shows company-wide money in a branch’s close on the accounts the branch moved, and no other', () => {
		// Head office banks the drawer and takes a customer's payment into the bank: no branch on either.
		const wide = events.map((e) => (e.type === 'cash.transferred' ? { ...e, branch: '' } : atDay(e)));
		const paid = f.make(
			'payment.received',
			{ no: 2, customer: 'C1', account: 'BANK', amount: 50_00 },
			{ at: DAY0, user: 'u9', branch: '' }
		);
		const l = deriveAll([...wide, paid]);
		const c = tillClose(l, masterNames(l), DAY0, 'B01', null);
		expect(c.accounts.map((a) => [a.account, a.byKind.transfers, a.byKind.receipts])).toEqual([
			['WX', 0, 0],
			['CASH', -300_00, 100_00]
		]);
		const all = tillClose(l, masterNames(l), DAY0, null, null);
		expect(all.accounts.find((a) => a.account === 'BANK')!.net).toBe(350_00);
	});

	it('agrees with the cash books and the cash flow, and its cashiers add up to the whole (random companies)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 0x7fffffff }), fc.integer({ min: 0, max: 20 }), (seed, back) => {
				const h = generateHistory(seed, 150);
				const names = masterNames(h.ledger);
				const day = Math.max(...h.events.map((e) => e.at)) - back;
				const all = tillClose(h.ledger, names, day, null, null);
				for (const a of all.accounts) {
					const book = cashBook(h.ledger, names, a.account, day, day);
					expect([a.opening, a.closing]).toEqual([book.opening, book.closing]);
					expect(a.net).toBe(book.totalIn - book.totalOut - movedByOpening(h.ledger, a.account, day));
				}
				const flow = cashFlow(h.ledger, day, day);
				const net = (k: string) => {
					const l = flow.lines.find((x) => x.kind === k);
					return l ? l.amountIn - l.amountOut : 0;
				};
				expect([
					all.byKind.counter,
					all.byKind.refunds,
					all.byKind.receipts,
					all.byKind.suppliers,
					all.byKind.expenses
				]).toEqual(['counter', 'refunds', 'receipts', 'suppliers', 'expenses'].map(net));
				expect(all.byKind.transfers).toBe(0);
				for (const k of TILL_KINDS)
					expect(
						all.cashiers.reduce((s, u) => s + tillClose(h.ledger, names, day, null, u).byKind[k], 0)
					).toBe(all.byKind[k]);
				const branches = [...new Set(h.events.map((e) => e.branch))];
				expect(branches.reduce((s, b) => s + tillClose(h.ledger, names, day, b, null).sales.amount, 0)).toBe(
					all.sales.amount
				);
			}),
			{ numRuns: 25 }
		);
	});
});

/** Opening cash booked on `day` moves the book but is no flow of the till. */
function movedByOpening(ledger: ReturnType<typeof deriveAll>, account: string, day: number): number {
	let sum = 0;
	for (const e of ledger.eventsOfType('opening.cash'))
		if (e.at === day && e.payload.account === account && !ledger.rejected().some((r) => r.event === e.id))
			sum += e.payload.amount;
	return sum;
}
