import { describe, expect, it } from 'vitest';
import { EventFactory } from '../../../../tests/factories/events';
import { deriveAll } from '../../domain/ledger';
import { masterNames } from '../../projections/names';
import { salesDocRoute } from '../sales/doc-route';
import {
	counterAccounts,
	counterSalesOf,
	drawerFor,
	findSaleByNumber,
	receiptOf,
	refundsOf
} from './queries';

function shop() {
	const f = new EventFactory();
	const setup = [
		f.make('branch.created', { id: 'B01', fields: { code: 'B01', name: '西湖店' } }),
		f.make('account.created', { id: 'A-CASH-B02', fields: { name: '二店现金', kind: 'cash' } }),
		f.make('account.created', { id: 'A-CASH-B01', fields: { name: '西湖店现金', kind: 'cash' } }),
		f.make('account.created', { id: 'A-WX', fields: { name: '微信收款', kind: 'wechat' } }),
		f.make('product.created', { id: 'P1', fields: { name: '冰红茶', unit: '瓶', retailPrice: 350 } })
	];
	const sale = (no: number, day: number) =>
		f.make(
			'sales.counter.posted',
			{
				no,
				wh: 'W1',
				lines: [{ p: 'P1', q: 2_000, amount: 700, vat: 1300 }],
				tenders: [{ account: 'A-CASH-B01', amount: 1_000 }],
				change: 300
			},
			{ branch: 'B01', at: day, device: 'T3' }
		);
	return { f, setup, sale };
}

describe('counter queries', () => {
	it('the drawer of a branch is its own cash account', () => {
		const { setup } = shop();
		const l = deriveAll(setup);
		const cash = counterAccounts(l).filter((a) => a.kind === 'cash');
		expect(drawerFor(cash, 'B01')).toBe('A-CASH-B01');
		expect(drawerFor(cash, 'B09')).toBe('A-CASH-B01');
	});

	it('today’s counter sales, newest first; a sale found by its receipt number in any case', () => {
		const { setup, sale } = shop();
		const day = setup[0]!.at;
		const yesterday = sale(1, day - 1);
		const first = sale(2, day);
		const second = sale(3, day);
		const l = deriveAll([...setup, yesterday, first, second]);
		const names = masterNames(l);
		expect(counterSalesOf(l, names, 'B01', day).map((s) => s.number)).toEqual([
			'LS-B01-T3-000003',
			'LS-B01-T3-000002'
		]);
		expect(counterSalesOf(l, names, 'B02', day)).toEqual([]);
		expect(findSaleByNumber(l, ' ls-b01-t3-000001 ')?.id).toBe(yesterday.id);
		expect(findSaleByNumber(l, 'LS-B01-T3-000009')).toBeUndefined();
		expect(findSaleByNumber(l, 'nonsense')).toBeUndefined();
	});

	it('a receipt names the products, the accounts and the change', () => {
		const { setup, sale } = shop();
		const s = sale(1, setup[0]!.at);
		const l = deriveAll([...setup, s]);
		expect(receiptOf(l, masterNames(l), s.id)).toMatchObject({
			kind: 'sale',
			number: 'LS-B01-T3-000001',
			branch: '西湖店',
			lines: [{ name: '冰红茶', unit: '瓶', q: 2_000, amount: 700 }],
			total: 700,
			tax: 81,
			tenders: [{ name: '西湖店现金', amount: 1_000 }],
			change: 300
		});
	});

	it('[K10] a receipt says what the sale saved against the shelf price of its moment, even reprinted later', () => {
		const { f, setup } = shop();
		const day = setup[0]!.at;
		// Two bottles at the member price 3.00 (shelf 3.50): 7.00 on the shelf, 1.00 saved.
		const member = f.make(
			'sales.counter.posted',
			{
				no: 5,
				wh: 'W1',
				lines: [{ p: 'P1', q: 2_000, amount: 600, vat: 1300 }],
				tenders: [{ account: 'A-CASH-B01', amount: 600 }]
			},
			{ branch: 'B01', at: day, device: 'T3' }
		);
		// The shelf price goes up to 4.00 afterwards; the receipt still compares with 3.50.
		const dearer = f.make('product.updated', { id: 'P1', fields: { retailPrice: 400 } }, { at: day });
		const l = deriveAll([...setup, member, dearer]);
		expect(receiptOf(l, masterNames(l), member.id)).toMatchObject({ total: 600, shelf: 700, saved: 100 });
		// A sale at the shelf price saved nothing; its refund never shows a saving.
		const { sale } = shop();
		const plain = sale(1, day);
		const l2 = deriveAll([...setup, plain]);
		expect(receiptOf(l2, masterNames(l2), plain.id)).toMatchObject({ shelf: 0, saved: 0 });
	});

	it('a sale lists its refunds, oldest first; both open as receipts from the sales lists', () => {
		const { f, setup, sale } = shop();
		const day = setup[0]!.at;
		const s = sale(1, day);
		const refund = (no: number) =>
			f.make(
				'sales.return.posted',
				{
					no,
					delivery: s.id,
					lines: [{ line: 0, q: 1_000, restock: true }],
					refunds: [{ account: 'A-CASH-B01', amount: 350 }]
				},
				{ branch: 'B01', at: day, device: 'T3' }
			);
		const kept = refund(1);
		const again = refund(2);
		const l = deriveAll([...setup, s, again, kept]);
		expect(refundsOf(l, s.id)).toEqual([
			{ id: kept.id, number: 'XT-B01-T3-000001', at: day, total: 350 },
			{ id: again.id, number: 'XT-B01-T3-000002', at: day, total: 350 }
		]);
		expect(refundsOf(l, kept.id)).toEqual([]);
		expect(receiptOf(l, masterNames(l), kept.id)).toMatchObject({
			kind: 'refund',
			sale: 'LS-B01-T3-000001',
			total: 350
		});
		expect(salesDocRoute(l, 'counter', s.id)).toEqual({ route: 'counter', id: s.id });
		expect(salesDocRoute(l, 'return', kept.id)).toEqual({ route: 'counter', id: kept.id });
		expect(salesDocRoute(l, 'invoice', 'X', { route: 'customer', id: 'C1' })).toEqual({
			route: 'customer',
			id: 'C1'
		});
	});
});
