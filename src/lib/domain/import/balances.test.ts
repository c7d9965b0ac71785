/** Opening receivables and payables from a sheet (IM7). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../dates';
import { exportBalances, planBalanceImport, type BalanceContext, type PartyEntry } from './balances';

const customers: PartyEntry[] = [
	{ id: 'C1', code: 'K001', name: '张记便利店' },
	{ id: 'C2', code: 'K002', name: '王阿姨' },
	{ id: 'C3', code: 'K003', name: '王阿姨' }, // the same name twice
	{ id: 'C4', code: '', name: '李师傅' }
];
const suppliers: PartyEntry[] = [{ id: 'S1', code: 'G01', name: '饮料批发' }];
const ctx: BalanceContext = { parties: { customer: customers, supplier: suppliers }, opened: new Set() };

describe('opening receivables and payables import', () => {
	it('[IM7] reads kinds in either language, parties by code or name, signed amounts and due days', () => {
		const plan = planBalanceImport(
			[
				['类型*', '编码或名称*', '金额*', '到期日'],
				['客户', 'K001', '1,200.50', '2026-01-31'],
				['客户', 'K001', '300', ''], // a second unpaid document of the same customer
				['customer', '李师傅', '-50', ''], // a credit: paid in advance
				['供应商', '饮料批发', '8000', '2026-02-15'],
				['', '', '', '']
			],
			ctx
		);
		expect(plan.errors).toEqual([]);
		expect(plan.rows).toBe(4);
		expect(plan.drafts).toEqual([
			{ party: 'customer', id: 'C1', amount: 1200_50, due: dayFromIso('2026-01-31') },
			{ party: 'customer', id: 'C1', amount: 300_00 },
			{ party: 'customer', id: 'C4', amount: -50_00 },
			{ party: 'supplier', id: 'S1', amount: 8000_00, due: dayFromIso('2026-02-15') }
		]);
	});

	it('[IM2][IM3][IM7] every bad row is reported, and nothing is planned', () => {
		const plan = planBalanceImport(
			[
				['Kind', 'Code or name', 'Amount', 'Due'],
				['客户', 'K001', '100', ''],
				['partner', 'K001', '100', ''],
				['客户', '王阿姨', '100', ''],
				['客户', '赵老板', '100', ''],
				['供应商', 'K001', '100', ''], // a customer's code, not a supplier's
				['客户', 'K002', '0', ''],
				['客户', 'K002', '1.234', '31/02/2026']
			],
			{ ...ctx, opened: new Set(['customer|C1']) }
		);
		expect(plan.drafts).toEqual([]);
		expect(plan.errors.map((e) => [e.row, e.column, e.code])).toEqual([
			[2, 'Code or name', 'openingExists'],
			[3, 'Kind', 'choice'],
			[4, 'Code or name', 'ambiguousParty'],
			[5, 'Code or name', 'unknownParty'],
			[6, 'Code or name', 'unknownParty'],
			[7, 'Amount', 'required'],
			[8, 'Amount', 'amount'],
			[8, 'Due', 'date']
		]);
		// A missing required column refuses the file.
		expect(planBalanceImport([['类型', '金额']], ctx).errors.map((e) => e.code)).toEqual(['missingColumn']);
	});

	it('[IM4][IM7] an export imports back to the same balances, in either language', () => {
		const parties = [...customers.filter((c) => c.id !== 'C3'), ...suppliers];
		const entry = fc.record({
			who: fc.constantFrom(...parties),
			amount: fc.integer({ min: -1_000_000_00, max: 1_000_000_00 }).filter((a) => a !== 0),
			due: fc.option(fc.integer({ min: 19_000, max: 22_000 }), { nil: undefined })
		});
		fc.assert(
			fc.property(
				fc.array(entry, { maxLength: 20 }),
				fc.constantFrom('zh' as const, 'en' as const),
				(list, lang) => {
					const rows = list.map(({ who, amount, due }) => ({
						draft: {
							party: who.id.startsWith('S') ? ('supplier' as const) : ('customer' as const),
							id: who.id,
							amount,
							...(due !== undefined ? { due } : {})
						},
						party: who
					}));
					const back = planBalanceImport(exportBalances(rows, lang), {
						parties: { customer: customers.filter((c) => c.id !== 'C3'), supplier: suppliers },
						opened: new Set()
					});
					expect(back.errors).toEqual([]);
					expect(back.drafts).toEqual(rows.map((r) => r.draft));
				}
			)
		);
	});
});
