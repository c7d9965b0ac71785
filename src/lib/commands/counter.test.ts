import { describe, expect, it } from 'vitest';
import type { EventType } from '../domain/catalogue';
import { addToCart, setDiscount, setQty, ONE, type CartProduct } from '../domain/counter/cart';
import type { CommandContext } from './context';
import { testContext } from './test-context';
import { recordCounterRefund, recordCounterSale } from './counter';

const tea: CartProduct = { id: 'P1', name: '冰红茶', unit: '瓶', price: 350, vat: 1300 };
const cup: CartProduct = { id: 'P2', name: '纸杯', unit: '包', price: 1_000, vat: 1300 };

async function context(may: (type: EventType) => boolean = () => true): Promise<CommandContext> {
	return testContext({
		seed: [
			{
				type: 'warehouse.created',
				user: 'boss',
				payload: { id: 'W1', fields: { name: '门店', branch: 'B01' } }
			},
			{
				type: 'account.created',
				user: 'boss',
				payload: { id: 'CASH', fields: { name: '现金', kind: 'cash' } }
			},
			{
				type: 'account.created',
				user: 'boss',
				payload: { id: 'WX', fields: { name: '微信', kind: 'wechat' } }
			},
			{ type: 'customer.created', user: 'boss', payload: { id: 'C1', fields: { name: '张三' } } },
			{
				type: 'customer.created',
				user: 'boss',
				payload: { id: 'C2', fields: { name: '李四', creditLimit: 30_00 } }
			},
			{
				type: 'opening.stock',
				user: 'boss',
				branch: 'B01',
				payload: {
					wh: 'W1',
					lines: [
						{ p: 'P1', q: 100 * ONE, value: 20_000 },
						{ p: 'P2', q: 10 * ONE, value: 6_000 }
					]
				}
			}
		],
		may: (t) => may(t)
	});
}

const cart = () => setQty(addToCart(addToCart([], tea), cup), 'P1', 4 * ONE); // 14.00 + 10.00 = 24.00

describe('recordCounterSale', () => {
	it('[T10][K2] records one event: goods out, cash and transfer in, change out of the drawer', async () => {
		const ctx = await context();
		const r = await recordCounterSale(ctx, {
			branch: 'B01',
			warehouse: 'W1',
			lines: cart(),
			tenders: [
				{ account: 'WX', kind: 'wechat', amount: 1_200 },
				{ account: 'CASH', kind: 'cash', amount: 2_000 }
			]
		});
		expect(r).toMatchObject({ ok: true, value: { total: 2_400, paid: 3_200, change: 800, onAccount: 0 } });
		if (!r.ok) return;
		expect(r.value.number).toMatch(/^LS-B01-T1-000001$/);
		const e = ctx.ledger.event(r.value.id)!;
		expect(e.type).toBe('sales.counter.posted');
		expect(e.payload).toMatchObject({
			wh: 'W1',
			tenders: [
				{ account: 'CASH', amount: 2_000 },
				{ account: 'WX', amount: 1_200 }
			],
			change: 800
		});
		expect(ctx.ledger.cash()).toEqual([
			{ account: 'CASH', balance: 1_200 },
			{ account: 'WX', balance: 1_200 }
		]);
		expect(ctx.ledger.stockOf('P1', 'W1').onHand).toBe(96 * ONE);
		expect(ctx.ledger.rejected()).toEqual([]);
	});

	it('[T10][K2] a named customer may leave the rest on account', async () => {
		const ctx = await context();
		const r = await recordCounterSale(ctx, {
			branch: 'B01',
			warehouse: 'W1',
			customer: 'C1',
			lines: cart(),
			tenders: [{ account: 'WX', kind: 'wechat', amount: 1_000 }]
		});
		expect(r).toMatchObject({ ok: true, value: { total: 2_400, paid: 1_000, change: 0, onAccount: 1_400 } });
		expect(ctx.ledger.balanceOf('customer', 'C1')).toBe(1_400);
		const unknown = await recordCounterSale(ctx, {
			branch: 'B01',
			warehouse: 'W1',
			customer: 'C9',
			lines: cart(),
			tenders: [{ account: 'WX', kind: 'wechat', amount: 2_400 }]
		});
		expect(unknown).toEqual({ ok: false, errors: { customer: { code: 'unknownCustomer' } } });
	});

	it('[K9] leaving money owing above the credit limit needs a manager; within it, a cashier may', async () => {
		// The cashier may sell but not approve orders (and so not reprice or let credit through).
		const cashier = await context((t) => t !== 'sales.order.approved');
		const owing = (amount: number) => [{ account: 'CASH', kind: 'cash' as const, amount }];
		// 24.00 with 1.00 paid: 23.00 owing, within the 30.00 limit.
		const within = await recordCounterSale(cashier, {
			branch: 'B01',
			warehouse: 'W1',
			customer: 'C2',
			lines: cart(),
			tenders: owing(1_00)
		});
		expect(within).toMatchObject({ ok: true, value: { onAccount: 23_00 } });
		// Another 24.00, 10.00 paid: 37.00 owing, above the limit. Refused with both figures; nothing recorded.
		const before = cashier.ledger.size;
		const over = await recordCounterSale(cashier, {
			branch: 'B01',
			warehouse: 'W1',
			customer: 'C2',
			lines: cart(),
			tenders: owing(10_00)
		});
		expect(over).toEqual({
			ok: false,
			errors: { tenders: { code: 'overCredit', params: { owed: 37_00, limit: 30_00 } } }
		});
		expect(cashier.ledger.size).toBe(before);
		// Paid in full, the limit does not matter.
		expect(
			await recordCounterSale(cashier, {
				branch: 'B01',
				warehouse: 'W1',
				customer: 'C2',
				lines: cart(),
				tenders: owing(24_00)
			})
		).toMatchObject({ ok: true });
		// A manager lets it through.
		const manager = await context();
		await recordCounterSale(manager, {
			branch: 'B01',
			warehouse: 'W1',
			customer: 'C2',
			lines: cart(),
			tenders: owing(1_00)
		});
		expect(
			await recordCounterSale(manager, {
				branch: 'B01',
				warehouse: 'W1',
				customer: 'C2',
				lines: cart(),
				tenders: owing(10_00)
			})
		).toMatchObject({ ok: true, value: { onAccount: 14_00 } });
	});

	it('[U5] sells while the device is still deriving its books', async () => {
		const ctx = await context();
		const r = await recordCounterSale(
			{ ...ctx, deriving: true },
			{
				branch: 'B01',
				warehouse: 'W1',
				lines: cart(),
				tenders: [{ account: 'CASH', kind: 'cash', amount: 2_400 }]
			}
		);
		expect(r.ok).toBe(true);
	});

	it('[K2] refuses an underpaid walk-in sale and records nothing', async () => {
		const ctx = await context();
		const before = ctx.ledger.size;
		const r = await recordCounterSale(ctx, {
			branch: 'B01',
			warehouse: 'W1',
			lines: cart(),
			tenders: [{ account: 'CASH', kind: 'cash', amount: 2_000 }]
		});
		expect(r).toEqual({ ok: false, errors: { tenders: { code: 'underpaid', params: { amount: 400 } } } });
		expect(ctx.ledger.size).toBe(before);
	});

	it('[K1] a discount needs a role that may change prices', async () => {
		const ctx = await context((t) => t !== 'sales.order.approved');
		const r = await recordCounterSale(ctx, {
			branch: 'B01',
			warehouse: 'W1',
			lines: setDiscount(cart(), 'P2', 100),
			tenders: [{ account: 'CASH', kind: 'cash', amount: 5_000 }]
		});
		expect(r).toEqual({
			ok: false,
			errors: { cart: { code: 'repriceNotAllowed', params: { name: '纸杯' } } }
		});
	});

	it('refuses an empty cart, a read-only user and no branch', async () => {
		const ctx = await context();
		const base = { branch: 'B01', warehouse: 'W1', lines: cart(), tenders: [] };
		expect(await recordCounterSale(ctx, { ...base, lines: [] })).toMatchObject({
			errors: { cart: { code: 'emptyCart' } }
		});
		expect(await recordCounterSale(ctx, { ...base, branch: '' })).toMatchObject({
			errors: { form: { code: 'noBranch' } }
		});
		expect(await recordCounterSale(await context(() => false), base)).toMatchObject({
			errors: { form: { code: 'readOnly' } }
		});
	});
});

describe('recordCounterRefund', () => {
	it('[T12][K4] a walk-in refund: a return with the money out of the tender accounts', async () => {
		const ctx = await context();
		const sale = await recordCounterSale(ctx, {
			branch: 'B01',
			warehouse: 'W1',
			lines: cart(),
			tenders: [
				{ account: 'CASH', kind: 'cash', amount: 1_200 },
				{ account: 'WX', kind: 'wechat', amount: 1_200 }
			]
		});
		if (!sale.ok) throw new Error('sale failed');
		// One bottle of tea back: 3.50, paid back 2.00 cash + 1.50 WeChat.
		const wrong = await recordCounterRefund(ctx, {
			sale: sale.value.id,
			picks: [{ line: 0, q: ONE }],
			restock: true,
			refunds: [{ account: 'CASH', amount: 300 }]
		});
		expect(wrong).toEqual({
			ok: false,
			errors: { refunds: { code: 'refundMismatch', params: { amount: 350 } } }
		});
		const r = await recordCounterRefund(ctx, {
			sale: sale.value.id,
			picks: [{ line: 0, q: ONE }],
			restock: true,
			refunds: [
				{ account: 'CASH', amount: 200 },
				{ account: 'WX', amount: 150 }
			],
			reason: '顾客不要了'
		});
		expect(r).toMatchObject({ ok: true, value: { value: 350, refund: 350 } });
		if (!r.ok) return;
		expect(r.value.number).toBe('XT-B01-T1-000001');
		expect(ctx.ledger.cash()).toEqual([
			{ account: 'CASH', balance: 1_000 },
			{ account: 'WX', balance: 1_050 }
		]);
		// Back at its original cost: 100 at 200.00 → 2.00 each.
		expect(ctx.ledger.stockOf('P1', 'W1')).toMatchObject({ onHand: 97 * ONE, value: 19_400 });
		expect(ctx.ledger.rejected()).toEqual([]);
		const over = await recordCounterRefund(ctx, {
			sale: sale.value.id,
			picks: [{ line: 0, q: 4 * ONE }],
			restock: true,
			refunds: []
		});
		expect(over).toEqual({
			ok: false,
			errors: { lines: { code: 'overReturn', params: { line: 1, left: 3 * ONE } } }
		});
	});

	it('refuses an unknown sale', async () => {
		const ctx = await context();
		expect(
			await recordCounterRefund(ctx, {
				sale: 'nope',
				picks: [{ line: 0, q: ONE }],
				restock: true,
				refunds: []
			})
		).toEqual({ ok: false, errors: { sale: { code: 'unknownSale' } } });
	});
});
