import { describe, expect, it } from 'vitest';
import { paySupplier } from './payments';
import { testContext } from './test-context';

/** A supplier with 30 days' terms, an account, a product and two receipts of ¥300 and ¥200 to pay. */
async function owing() {
	const ctx = await testContext({
		seed: [
			{ type: 'branch.created', user: 'owner', payload: { id: 'B1', fields: { code: 'B1', name: '总店' } } },
			{
				type: 'warehouse.created',
				user: 'owner',
				payload: { id: 'W1', fields: { name: '总仓', branch: 'B1' } }
			},
			{
				type: 'account.created',
				user: 'owner',
				payload: { id: 'A1', fields: { name: '工行', kind: 'bank' } }
			},
			{
				type: 'supplier.created',
				user: 'owner',
				payload: { id: 'S1', fields: { name: '龙井村茶农合作社', termsDays: 30 } }
			},
			{ type: 'supplier.created', user: 'owner', payload: { id: 'S2', fields: { name: '别家' } } },
			{
				type: 'product.created',
				user: 'owner',
				payload: { id: 'P1', fields: { name: '龙井', unit: '盒', vat: 1300 } }
			},
			...[3, 2].map((n, i) => ({
				type: 'purchase.receipt.posted' as const,
				user: 'owner',
				branch: 'B1',
				payload: {
					no: i + 1,
					supplier: 'S1',
					wh: 'W1',
					lines: [{ p: 'P1', q: n * 1000, amount: n * 100_00, vat: 1300 }]
				}
			}))
		]
	});
	const receipts = ctx.ledger.openItems('supplier', 'S1').map((d) => d.id);
	if (receipts.length !== 2) throw new Error('two receipts expected');
	return { ctx, receipts };
}

describe('[F2][F2a] paying a supplier (付款)', () => {
	it('settles the receipts it names and holds the rest as an advance', async () => {
		const { ctx, receipts } = await owing();
		const l = ctx.ledger;
		expect(l.balanceOf('supplier', 'S1')).toBe(50_000);
		const r = await paySupplier(ctx, {
			supplier: 'S1',
			account: 'A1',
			amount: '350',
			allocations: [
				{ ref: receipts[0]!, amount: '300' },
				{ ref: receipts[1]!, amount: '' }
			],
			note: '十一月货款'
		});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(l.document(r.value.id)).toMatchObject({ type: 'payment.made', total: 35_000, account: 'A1' });
		expect(l.document(receipts[0]!)!.open).toBe(0);
		// The ¥50 not named settles the next item due.
		expect(l.balanceOf('supplier', 'S1')).toBe(15_000);
		expect(l.rejected()).toEqual([]);
	});

	it('refuses what it cannot pay, per field, and records nothing', async () => {
		const { ctx, receipts } = await owing();
		const before = ctx.ledger.size;
		const r = await paySupplier(ctx, {
			supplier: 'S1',
			account: '',
			amount: '1O0',
			allocations: [{ ref: receipts[0]!, amount: '999' }],
			note: ''
		});
		expect(r).toEqual({
			ok: false,
			errors: {
				account: { code: 'accountRequired' },
				amount: { code: 'price' },
				'line.0.amount': { code: 'moreThanOpen' }
			}
		});
		// Another supplier's receipt is not this supplier's to settle.
		const other = await paySupplier(ctx, {
			supplier: 'S2',
			account: 'A1',
			amount: '100',
			allocations: [{ ref: receipts[0]!, amount: '100' }],
			note: ''
		});
		expect(other.ok).toBe(false);
		expect(ctx.ledger.size).toBe(before);
	});

	it('is refused to a clerk who may not pay suppliers', async () => {
		const { ctx } = await owing();
		const r = await paySupplier(
			{ ...ctx, may: (type) => type !== 'payment.made' },
			{
				supplier: 'S1',
				account: 'A1',
				amount: '100',
				allocations: [],
				note: ''
			}
		);
		expect(r).toEqual({ ok: false, errors: { form: { code: 'readOnly' } } });
	});
});
