import { describe, expect, it } from 'vitest';
import type { CommandContext } from './context';
import { recordExpense, recordIncome, recordTillCount, transferCash } from './money';
import { testContext } from './test-context';

async function books(may: (type: string) => boolean = () => true): Promise<CommandContext> {
	return testContext({
		seed: [
			{
				type: 'account.created',
				user: 'boss',
				payload: { id: 'CASH', fields: { name: '现金', kind: 'cash' } }
			},
			{
				type: 'account.created',
				user: 'boss',
				payload: { id: 'BANK', fields: { name: '工行', kind: 'bank' } }
			},
			{ type: 'opening.cash', user: 'boss', payload: { account: 'CASH', amount: 800_00 } }
		],
		may: (t) => may(t)
	});
}

const balance = (ctx: CommandContext, account: string) =>
	ctx.ledger.cash().find((c) => c.account === account)?.balance ?? 0;

describe('[F4] 资金调拨', () => {
	it('moves money from one account to another, with its note', async () => {
		const ctx = await books();
		const r = await transferCash(ctx, { from: 'CASH', to: 'BANK', amount: '500.5', note: ' 存现 ' });
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.number).toMatch(/^ZZ/);
		expect(balance(ctx, 'CASH')).toBe(299_50);
		expect(balance(ctx, 'BANK')).toBe(500_50);
		expect(ctx.ledger.event(r.value.id)?.payload).toEqual({
			no: 1,
			from: 'CASH',
			to: 'BANK',
			amount: 500_50,
			note: '存现'
		});
	});

	it('refuses what is not a transfer, field by field, and records nothing', async () => {
		const ctx = await books();
		const before = ctx.ledger.size;
		expect(await transferCash(ctx, { from: '', to: 'NOPE', amount: '', note: '' })).toEqual({
			ok: false,
			errors: {
				from: { code: 'accountRequired' },
				to: { code: 'accountRequired' },
				amount: { code: 'required' }
			}
		});
		expect(await transferCash(ctx, { from: 'CASH', to: 'CASH', amount: '0', note: 'x'.repeat(201) })).toEqual(
			{
				ok: false,
				errors: { to: { code: 'sameAccount' }, amount: { code: 'amount' }, note: { code: 'tooLong' } }
			}
		);
		expect(await transferCash(ctx, { from: 'CASH', to: 'BANK', amount: '1.234', note: '' })).toEqual({
			ok: false,
			errors: { amount: { code: 'amount' } }
		});
		const clerk = await books((t) => t !== 'cash.transferred');
		expect(await transferCash(clerk, { from: 'CASH', to: 'BANK', amount: '1', note: '' })).toEqual({
			ok: false,
			errors: { form: { code: 'readOnly' } }
		});
		expect(ctx.ledger.size).toBe(before);
	});
});

describe('[F5] 费用支出', () => {
	it('pays an expense out of an account, kept as a document', async () => {
		const ctx = await books();
		const r = await recordExpense(ctx, {
			account: 'CASH',
			category: 'rent',
			amount: '300',
			note: '十一月房租'
		});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.number).toMatch(/^FY/);
		expect(balance(ctx, 'CASH')).toBe(500_00);
		expect(ctx.ledger.document(r.value.id)).toMatchObject({
			status: 'posted',
			total: 300_00,
			account: 'CASH'
		});
	});

	it('refuses a missing account, category or amount, and "other" without a note; records nothing', async () => {
		const ctx = await books();
		const before = ctx.ledger.size;
		expect(await recordExpense(ctx, { account: '', category: '', amount: '-1', note: '' })).toEqual({
			ok: false,
			errors: {
				account: { code: 'accountRequired' },
				category: { code: 'categoryRequired' },
				amount: { code: 'amount' }
			}
		});
		expect(await recordExpense(ctx, { account: 'CASH', category: 'other', amount: '5', note: ' ' })).toEqual({
			ok: false,
			errors: { note: { code: 'noteRequired' } }
		});
		const clerk = await books((t) => t !== 'expense.paid');
		expect(await recordExpense(clerk, { account: 'CASH', category: 'rent', amount: '5', note: '' })).toEqual({
			ok: false,
			errors: { form: { code: 'readOnly' } }
		});
		expect(ctx.ledger.size).toBe(before);
	});
});

describe('[F8] the drawer counted at the till’s close', () => {
	it('records what was found and books the difference from what the clerk was shown', async () => {
		const ctx = await books();
		const r = await recordTillCount(ctx, {
			branch: 'B01',
			account: 'CASH',
			day: 20_000,
			counted: '795.5',
			expected: 800_00,
			note: ''
		});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.number).toMatch(/^RJ/);
		expect(r.value.diff).toBe(-4_50);
		expect(balance(ctx, 'CASH')).toBe(795_50);
		expect(ctx.ledger.event(r.value.id)).toMatchObject({
			at: 20_000,
			branch: 'B01',
			payload: { no: 1, account: 'CASH', counted: 795_50, diff: -4_50 }
		});
		// Counted again, even: a count of its own, nothing moved.
		const again = await recordTillCount(ctx, {
			branch: 'B01',
			account: 'CASH',
			day: 20_000,
			counted: '795.50',
			expected: 795_50,
			note: ''
		});
		expect(again.ok && again.value.diff).toBe(0);
		expect(balance(ctx, 'CASH')).toBe(795_50);
	});

	it('refuses a count that is no amount, or none, and records nothing', async () => {
		const ctx = await books();
		const before = ctx.ledger.size;
		for (const [counted, code] of [
			['12.3.4', 'amount'],
			['', 'required'],
			['-1', 'amount'],
			['一百', 'amount']
		] as const)
			expect(
				await recordTillCount(ctx, {
					branch: 'B01',
					account: 'CASH',
					day: 20_000,
					counted,
					expected: 0,
					note: ''
				})
			).toEqual({
				ok: false,
				errors: { counted: { code } }
			});
		expect(
			await recordTillCount(ctx, {
				branch: 'B01',
				account: 'NOPE',
				day: 20_000,
				counted: '1',
				expected: 0,
				note: ''
			})
		).toEqual({
			ok: false,
			errors: { account: { code: 'accountRequired' } }
		});
		expect(ctx.ledger.size).toBe(before);
	});

	it('is for those who may count a till', async () => {
		const ctx = await books((t) => t !== 'till.counted');
		expect(
			await recordTillCount(ctx, {
				branch: 'B01',
				account: 'CASH',
				day: 20_000,
				counted: '1',
				expected: 0,
				note: ''
			})
		).toEqual({
			ok: false,
			errors: { form: { code: 'readOnly' } }
		});
	});
});

describe('[F9] 其他收入', () => {
	it('takes a supplier’s rebate into the bank as a document of its own, voidable like an expense', async () => {
		const ctx = await books();
		const r = await recordIncome(ctx, {
			account: 'BANK',
			category: 'rebate',
			amount: '1200',
			note: ' 年终返利 '
		});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.number).toMatch(/^SR/);
		expect(balance(ctx, 'BANK')).toBe(1200_00);
		expect(ctx.ledger.event(r.value.id)?.payload).toEqual({
			no: 1,
			account: 'BANK',
			amount: 1200_00,
			category: 'rebate',
			note: '年终返利'
		});
		expect(ctx.ledger.document(r.value.id)).toMatchObject({
			status: 'posted',
			total: 1200_00,
			account: 'BANK'
		});
	});

	it('refuses a missing account, an expense’s category, "other" without a note, and a role that may not; records nothing', async () => {
		const ctx = await books();
		const before = ctx.ledger.size;
		expect(await recordIncome(ctx, { account: 'NOPE', category: '', amount: 'abc', note: '' })).toEqual({
			ok: false,
			errors: {
				account: { code: 'accountRequired' },
				category: { code: 'categoryRequired' },
				amount: { code: 'amount' }
			}
		});
		// Wages are paid, never received: not a kind of income.
		expect(
			await recordIncome(ctx, { account: 'CASH', category: 'wages' as never, amount: '5', note: '' })
		).toMatchObject({ ok: false, errors: { category: { code: 'categoryRequired' } } });
		expect(await recordIncome(ctx, { account: 'CASH', category: 'other', amount: '5', note: ' ' })).toEqual({
			ok: false,
			errors: { note: { code: 'incomeNoteRequired' } }
		});
		const clerk = await books((t) => t !== 'income.received');
		expect(await recordIncome(clerk, { account: 'CASH', category: 'scrap', amount: '5', note: '' })).toEqual({
			ok: false,
			errors: { form: { code: 'readOnly' } }
		});
		expect(ctx.ledger.size).toBe(before);
	});
});
