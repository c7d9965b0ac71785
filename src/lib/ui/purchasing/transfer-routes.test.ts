/** The purchase plan's 调拨建议 (PU14) from a ledger: a short branch served from another's spare stock. */
import { describe, expect, it } from 'vitest';
import { EventFactory } from '../../../../tests/factories/events';
import type { AnyEvent } from '../../domain/event';
import { deriveAll } from '../../domain/ledger';
import { coveredByTransfers, transferSuggestions } from '../../domain/purchasing/rebalance';
import { masterNames } from '../../projections/names';
import { purchaseSuggestions } from '../../projections/purchasing';
import { routeQuery, transferRoutes } from './transfer-routes';

function chain() {
	const f = new EventFactory();
	const day = 20_400;
	const events: AnyEvent[] = [
		f.make('branch.created', { id: 'B1', fields: { code: 'B1', name: '城东店' } }),
		f.make('branch.created', { id: 'B2', fields: { code: 'B2', name: '城西店' } }),
		f.make('account.created', { id: 'A1', fields: { name: '城东现金', kind: 'cash' } }),
		f.make('warehouse.created', { id: 'W1', fields: { name: '城东仓', branch: 'B1' } }),
		f.make('warehouse.created', { id: 'W2', fields: { name: '城西仓', branch: 'B2' } }),
		f.make('supplier.created', { id: 'S1', fields: { name: '饮料批发', leadTimeDays: 7 } }),
		f.make('product.created', {
			id: 'P1',
			fields: { name: '可乐 330ml', unit: '罐', retailPrice: 300, supplier: 'S1' }
		}),
		f.make('product.created', {
			id: 'P2',
			fields: { name: '矿泉水', unit: '瓶', retailPrice: 200, supplier: 'S1' }
		}),
		// City west holds 200 cans and sells none; city east sells 3 a day and has 3 left.
		f.make(
			'opening.stock',
			{ no: 1, wh: 'W2', lines: [{ p: 'P1', q: 200_000, value: 40_000 }] },
			{ branch: 'B2', at: day - 40 }
		),
		f.make(
			'opening.stock',
			{
				no: 2,
				wh: 'W1',
				lines: [
					{ p: 'P1', q: 93_000, value: 18_600 },
					{ p: 'P2', q: 60_000, value: 6_000 }
				]
			},
			{
				branch: 'B1',
				at: day - 40
			}
		)
	];
	for (let d = day - 29; d <= day; d++)
		events.push(
			f.make(
				'sales.counter.posted',
				{
					no: d,
					wh: 'W1',
					lines: [
						{ p: 'P1', q: 3_000, amount: 900, vat: 1300 },
						{ p: 'P2', q: 2_000, amount: 400, vat: 1300 }
					],
					tenders: [{ account: 'A1', amount: 1_300 }]
				},
				{ branch: 'B1', at: d, device: 'T1' }
			)
		);
	return { ledger: deriveAll(events), day };
}

describe('transfer routes on the purchase plan', () => {
	it('[PU14] the short branch is offered the other branch’s spare, and buys only the rest', () => {
		const { ledger, day } = chain();
		const names = masterNames(ledger);
		const rows = purchaseSuggestions(ledger, names, day, 30);
		const east = rows.find((r) => r.key === 'P1|W1')!;
		// 90 sold in 30 days: 21 over the 7-day lead time; 3 left → buy 18.
		expect(east.s.available).toBe(3_000);
		expect(east.s.suggested).toBe(18_000);
		const transfers = transferSuggestions(rows.map((r) => r.s));
		// West keeps a window's worth of its own sales (none) and no safety stock: all 200 spare.
		expect(transfers).toEqual([{ product: 'P1', from: 'W2', to: 'W1', q: 18_000 }]);
		expect(coveredByTransfers(transfers).get('P1|W1')).toBe(18_000);
		const routes = transferRoutes(transfers, names);
		expect(routes).toEqual([
			{
				from: 'W2',
				to: 'W1',
				fromName: '城西仓',
				toName: '城东仓',
				fromBranch: 'B2',
				lines: [{ product: 'P1', name: '可乐 330ml', unit: '罐', q: 18_000 }]
			}
		]);
		expect(routeQuery(routes[0]!)).toBe('from=W2&to=W1&p=P1&q=18');
		// Water is short too, but nobody else holds any: it is bought, not transferred.
		expect(rows.find((r) => r.key === 'P2|W1')!.s.suggested).toBeGreaterThan(0);
		expect(transfers.some((t) => t.product === 'P2')).toBe(false);
	});

	it('[PU14] ids that need escaping survive the query', () => {
		const q = routeQuery({
			from: 'W 1',
			to: 'W&2',
			fromName: '',
			toName: '',
			fromBranch: '',
			lines: [{ product: 'P=1', name: '', unit: '', q: 1_500 }]
		});
		const params = new URLSearchParams(q);
		expect([params.get('from'), params.get('to'), params.getAll('p'), params.getAll('q')]).toEqual([
			'W 1',
			'W&2',
			['P=1'],
			['1.5']
		]);
	});
});
