import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { moneyMaster, saleWithRefund } from '../../../tests/factories/money';
import { generateDemo } from '../demo/generate';
import { deriveAll } from '../domain/ledger';
import { cashBook, cashBookCsv, expenseSummary } from './cash-book';
import { masterNames } from './names';

const U = 1000;
const EVER = [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] as const;

describe('[F3] an account’s cash book', () => {
	const f = new EventFactory();
	const master = moneyMaster(f);
	const stock = f.make(
		'opening.stock',
		{ no: 1, wh: 'W1', lines: [{ p: 'P1', q: 50 * U, value: 100_00 }] },
		{ at: DAY0 - 10 }
	);
	const opening = f.make('opening.cash', { account: 'CASH', amount: 500_00 }, { at: DAY0 - 10 });
	// Sold for 30.00, paid 50.00 in cash: 20.00 change out of the drawer; 10.00 refunded the day after.
	const { sale, refund } = saleWithRefund(f, DAY0, 1300);
	const banked = f.make(
		'cash.transferred',
		{ no: 1, from: 'CASH', to: 'BANK', amount: 300_00, note: '存现' },
		{ at: DAY0 + 2 }
	);
	const paid = f.make(
		'payment.made',
		{ no: 1, supplier: 'S1', account: 'BANK', amount: 100_00 },
		{ at: DAY0 + 3 }
	);
	const received = f.make(
		'payment.received',
		{ no: 1, customer: 'C1', account: 'CASH', amount: 40_00 },
		{ at: DAY0 + 3 }
	);
	// Refused (one account) and voided: neither moves money.
	const same = f.make(
		'cash.transferred',
		{ no: 2, from: 'CASH', to: 'CASH', amount: 5_00 },
		{ at: DAY0 + 4 }
	);
	const wrong = f.make(
		'payment.received',
		{ no: 2, customer: 'C1', account: 'CASH', amount: 99_00 },
		{ at: DAY0 + 4 }
	);
	const voided = f.make(
		'document.voided',
		{ ref: wrong.id, reason: '录错' },
		{ at: DAY0 + 4, user: 'owner' }
	);
	const rent = f.make(
		'expense.paid',
		{ no: 1, account: 'BANK', amount: 50_00, category: 'rent' },
		{ at: DAY0 + 5 }
	);
	const twice = f.make(
		'expense.paid',
		{ no: 2, account: 'BANK', amount: 50_00, category: 'rent' },
		{ at: DAY0 + 5 }
	);
	const unpaid = f.make(
		'document.voided',
		{ ref: twice.id, reason: '重复' },
		{ at: DAY0 + 5, user: 'owner' }
	);
	const events = [
		...master,
		stock,
		opening,
		sale,
		refund,
		banked,
		paid,
		received,
		same,
		wrong,
		voided,
		rent,
		twice,
		unpaid
	];

	it('lists what each event moved, in order, with the balance after each; refused and voided move nothing', () => {
		const ledger = deriveAll(events);
		const names = masterNames(ledger);
		const book = cashBook(ledger, names, 'CASH', DAY0, DAY0 + 30);
		expect(book.opening).toBe(500_00);
		expect(book.moves.map((m) => [m.type, m.counterpart, m.amountIn, m.amountOut, m.balance])).toEqual([
			['sales.counter.posted', '', 50_00, 20_00, 530_00],
			['sales.return.posted', '', 0, 10_00, 520_00],
			['cash.transferred', '工行', 0, 300_00, 220_00],
			['payment.received', '张三', 40_00, 0, 260_00]
		]);
		expect(book.moves[2]!.note).toBe('存现');
		// Numbered as the documents are (made from the event, not by expanding each document).
		for (const m of book.moves) expect(m.number).toBe(ledger.document(m.id)!.number);
		expect(book.moves.map((m) => m.number.slice(0, 2))).toEqual(['LS', 'XT', 'ZZ', 'SK']);
		expect(book).toMatchObject({ totalIn: 90_00, totalOut: 330_00, closing: 260_00 });
		expect(book.closing).toBe(ledger.cash().find((c) => c.account === 'CASH')!.balance);
		const bank = cashBook(ledger, names, 'BANK', ...EVER);
		expect(bank.moves.map((m) => [m.counterpart, m.amountIn, m.amountOut, m.balance])).toEqual([
			['现金', 300_00, 0, 300_00],
			['茶厂', 0, 100_00, 200_00],
			['', 0, 50_00, 150_00]
		]);
		expect(bank.moves[2]!.category).toBe('rent');
		expect(bank.closing).toBe(ledger.cash().find((c) => c.account === 'BANK')!.balance);
	});

	it('[F5] sums the expenses of a span by category, the voided one left out', () => {
		const ledger = deriveAll(events);
		expect(expenseSummary(ledger, DAY0, DAY0 + 30)).toEqual({
			total: 50_00,
			byCategory: [['rent', 50_00]],
			income: 0
		});
		expect(expenseSummary(ledger, DAY0, DAY0 + 4)).toEqual({ total: 0, byCategory: [], income: 0 });
	});

	it('[F9] adds up the other income of the same span, the voided one and those outside it left out', () => {
		const rebate = f.make(
			'income.received',
			{ no: 1, account: 'BANK', amount: 120_00, category: 'rebate' },
			{ at: DAY0 + 6 }
		);
		const scrap = f.make(
			'income.received',
			{ no: 2, account: 'CASH', amount: 8_50, category: 'scrap' },
			{ at: DAY0 + 9 }
		);
		const typo = f.make(
			'income.received',
			{ no: 3, account: 'CASH', amount: 900_00, category: 'scrap' },
			{ at: DAY0 + 9 }
		);
		const undone = f.make(
			'document.voided',
			{ ref: typo.id, reason: '录错' },
			{ at: DAY0 + 9, user: 'owner' }
		);
		const ledger = deriveAll([...events, rebate, scrap, typo, undone]);
		expect(expenseSummary(ledger, DAY0, DAY0 + 30).income).toBe(128_50);
		expect(expenseSummary(ledger, DAY0 + 7, DAY0 + 30)).toMatchObject({ total: 0, income: 8_50 });
		expect(expenseSummary(ledger, DAY0, DAY0 + 5).income).toBe(0);
	});

	it('exports as a spreadsheet: opening, each line with its balance, the totals', () => {
		const ledger = deriveAll(events);
		const book = cashBook(ledger, masterNames(ledger), 'BANK', DAY0, DAY0 + 30);
		const L = {
			date: '日期',
			number: '单号',
			detail: '摘要',
			in: '收入',
			out: '支出',
			balance: '余额',
			opening: '期初余额',
			total: '本期合计'
		};
		const csv = cashBookCsv(book, '工行', L, (m) => m.type);
		const rows = csv.trim().split('\r\n');
		expect(rows[0]).toBe('工行,2026-01-05 – 2026-02-04');
		expect(rows[2]).toBe('2026-01-05,,期初余额,,,0.00');
		expect(rows[3]).toMatch(/^2026-01-07,ZZ-B01-T1-000001,cash.transferred,300.00,,300.00$/);
		expect(rows.at(-1)).toBe('2026-02-04,,本期合计,300.00,150.00,150.00');
	});

	it('starts a span from the balance the days before it left', () => {
		const ledger = deriveAll(events);
		const names = masterNames(ledger);
		const before = cashBook(ledger, names, 'CASH', Number.MIN_SAFE_INTEGER, DAY0 + 1);
		const after = cashBook(ledger, names, 'CASH', DAY0 + 2, Number.MAX_SAFE_INTEGER);
		expect(after.opening).toBe(before.closing);
		expect(after.closing).toBe(260_00);
	});

	it('adds up to every account’s balance on the demo company (its voids and transfers included)', () => {
		const ledger = deriveAll([...generateDemo({ size: 'small' })]);
		const names = masterNames(ledger);
		const balances = ledger.cash();
		expect(balances.length).toBeGreaterThan(0);
		for (const { account, balance } of balances) {
			const book = cashBook(ledger, names, account, ...EVER);
			expect(book.opening).toBe(0);
			expect(book.closing, account).toBe(balance);
			expect(book.opening + book.totalIn - book.totalOut).toBe(balance);
		}
	});
});
