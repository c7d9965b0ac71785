/**
 * The money world the cash projections' tests share (F3, F6): two accounts (现金, 工行), a customer, a
 * supplier, a product and a shop warehouse of branch B01; and a counter sale paid with change, then
 * partly refunded at the counter.
 */
import type { AnyEvent } from '../../src/lib/domain/event';
import type { EventFactory } from './events';

const U = 1000;

/** The master data; `terms` gives the customer and the supplier payment terms (账期) in days. */
export function moneyMaster(
	f: EventFactory,
	terms: { customer?: number; supplier?: number } = {}
): AnyEvent[] {
	const days = (n: number | undefined) => (n === undefined ? {} : { termsDays: n });
	return [
		f.make('account.created', { id: 'CASH', fields: { name: '现金', kind: 'cash' } }, { branch: '' }),
		f.make('account.created', { id: 'BANK', fields: { name: '工行', kind: 'bank' } }, { branch: '' }),
		f.make(
			'customer.created',
			{ id: 'C1', fields: { name: '张三', ...days(terms.customer) } },
			{ branch: '' }
		),
		f.make(
			'supplier.created',
			{ id: 'S1', fields: { name: '茶厂', ...days(terms.supplier) } },
			{ branch: '' }
		),
		f.make('product.created', { id: 'P1', fields: { name: '茶', unit: '瓶' } }, { branch: '' }),
		f.make('warehouse.created', { id: 'W1', fields: { name: '门店', branch: 'B01' } }, { branch: '' })
	];
}

/** Three sold for 30.00 on day `at`, paid 50.00 in cash (20.00 change); one refunded (10.00) the day after. */
export function saleWithRefund(f: EventFactory, at: number, vat = 0): { sale: AnyEvent; refund: AnyEvent } {
	const sale = f.make(
		'sales.counter.posted',
		{
			no: 1,
			wh: 'W1',
			lines: [{ p: 'P1', q: 3 * U, amount: 30_00, vat }],
			tenders: [{ account: 'CASH', amount: 50_00 }],
			change: 20_00
		},
		{ at }
	);
	const refund = f.make(
		'sales.return.posted',
		{
			no: 1,
			delivery: sale.id,
			lines: [{ line: 0, q: 1 * U, restock: true }],
			refunds: [{ account: 'CASH', amount: 10_00 }]
		},
		{ at: at + 1 }
	);
	return { sale, refund };
}
