/**
 * Conservation (issue 2 §4): whatever happened, every unit and every fen is accounted for.
 *
 *   [P1] Quantity is conserved: per product × warehouse, on hand and incoming equal what the documents
 *        moved (identities.ts), batches add up to the totals, and reservations are exactly the
 *        undelivered rest of the open sales orders.
 *   [P2] Value is conserved, exactly in fen: per product × warehouse, stock value + variance equals
 *        the values the documents moved in minus the costs they moved out; receipts bring in their
 *        amounts net of deductible VAT; returns take back exactly what their lines brought; a pool
 *        at zero quantity holds zero value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveAll } from '../../src/lib/domain/ledger';
import { mulDivRound } from '../../src/lib/domain/money';
import { BATCHED, historyOf, historyParams } from '../factories/business';
import { expectedReceiptValues, returnedCost, stockFromDocuments } from './identities';
import { FC_PARAMS } from './runs';

describe('conservation', () => {
	it('[P1] quantity: on hand + in transit = opening + received − returned − sold + restocked ± counts and adjustments − lost in transit', () => {
		fc.assert(
			fc.property(historyParams({ maxOps: 160 }), (params) => {
				const { seed, ops } = params;
				const l = deriveAll(historyOf(params).events);
				const books = stockFromDocuments(l);
				const ctx = `seed ${seed} ops ${ops}${params.turbulent ? ' turbulent' : ''}`;
				for (const s of l.stockLevels()) {
					const want = books.cells.get(s.product + '|' + s.warehouse) ?? { onHand: 0, incoming: 0 };
					expect(s.onHand, `${ctx}: on hand ${s.product}@${s.warehouse}`).toBe(want.onHand);
					expect(s.incoming, `${ctx}: incoming ${s.product}@${s.warehouse}`).toBe(want.incoming);
				}
				for (const [key, want] of books.cells) {
					const [p, wh] = key.split('|') as [string, string];
					expect(l.stockOf(p, wh).onHand, `${ctx}: on hand ${key}`).toBe(want.onHand);
				}
				// Batches (批次) are a finer split of the same stock: the batch-tracked product always moves
				// with a named batch, so its batches add up to its stock; the others have none.
				const byCell = new Map<string, number>();
				for (const b of l.batches()) {
					if (b.batch === '') continue;
					const key = b.product + '|' + b.warehouse;
					byCell.set(key, (byCell.get(key) ?? 0) + b.onHand);
				}
				for (const s of l.stockLevels())
					expect(
						byCell.get(s.product + '|' + s.warehouse) ?? 0,
						`${ctx}: batches of ${s.product}@${s.warehouse}`
					).toBe(s.product === BATCHED ? s.onHand : 0);
				// Reservations: the undelivered rest of every approved or partly delivered sales order.
				const reserved = new Map<string, number>();
				for (const d of l.documents())
					if (d.type === 'sales.order.placed' && (d.status === 'approved' || d.status === 'partial'))
						for (const line of d.lines) {
							const key = line.p + '|' + d.wh!;
							reserved.set(key, (reserved.get(key) ?? 0) + Math.max(0, line.q - line.done));
						}
				for (const s of l.stockLevels())
					expect(s.reserved, `${ctx}: reserved ${s.product}@${s.warehouse}`).toBe(
						reserved.get(s.product + '|' + s.warehouse) ?? 0
					);
			}),
			FC_PARAMS
		);
	});

	it('[P2] value: stock value + variance = values in − costs out, per product × warehouse, to the fen', () => {
		fc.assert(
			fc.property(historyParams({ maxOps: 160 }), (params) => {
				const { seed, ops } = params;
				const l = deriveAll(historyOf(params).events);
				const ctx = `seed ${seed} ops ${ops}${params.turbulent ? ' turbulent' : ''}`;
				const books = stockFromDocuments(l);
				for (const s of l.stockLevels()) {
					const want = books.cells.get(s.product + '|' + s.warehouse)?.worth ?? 0;
					expect(s.value + s.variance, `${ctx}: value + variance of ${s.product}@${s.warehouse}`).toBe(want);
				}
				// Company-wide: what is on the shelves, in transit and lost adds up to the same sum.
				const shelves = l.stockLevels().reduce((sum, s) => sum + s.value + s.variance, 0);
				let expected = 0;
				for (const c of books.cells.values()) expected += c.worth;
				expect(shelves, ctx).toBe(expected);
				let transferDocs = 0;
				for (const d of l.documents())
					if (d.type === 'stock.transfer.shipped' && d.status !== 'voided') transferDocs += d.open ?? 0;
				// A transfer closed short records what it lost.
				expect(transferDocs, `${ctx}: lost in transit`).toBe(books.lostInTransit);
				// [C4] a pool at zero quantity holds zero value.
				for (const s of l.stockLevels())
					if (s.onHand === 0) expect(s.value, `${ctx}: value of empty ${s.product}@${s.warehouse}`).toBe(0);
				// Every line cost of a document is its total cost.
				for (const d of l.documents())
					expect(
						d.lines.reduce((sum, x) => sum + x.cost, 0),
						`${ctx}: cost of ${d.number}`
					).toBe(d.cost);
			}),
			FC_PARAMS
		);
	});

	it('[P2] receipts bring in their amounts net of deductible VAT; returns take back exactly what their lines brought', () => {
		fc.assert(
			fc.property(historyParams({ maxOps: 160 }), (params) => {
				const { seed, ops } = params;
				const l = deriveAll(historyOf(params).events);
				const ctx = `seed ${seed} ops ${ops}${params.turbulent ? ' turbulent' : ''}`;
				const values = expectedReceiptValues(l);
				for (const d of l.documents()) {
					// A voided document is skipped by derivation (V2): it moved nothing.
					if (d.status === 'voided') continue;
					if (d.type === 'purchase.receipt.posted') {
						expect(
							d.lines.map((x) => x.cost),
							`${ctx}: values of ${d.number}`
						).toEqual(values.get(d.id));
						const back = returnedCost(l, d, 'purchase.return.posted');
						d.lines.forEach((x, i) =>
							expect(back[i], `${ctx}: returned from ${d.number} line ${i + 1}`).toBe(
								mulDivRound(x.cost, x.done, Math.max(1, x.q))
							)
						);
					}
					if (d.type === 'sales.delivery.posted' || d.type === 'sales.counter.posted') {
						const back = returnedCost(l, d, 'sales.return.posted');
						d.lines.forEach((x, i) =>
							expect(back[i], `${ctx}: returned to ${d.number} line ${i + 1}`).toBe(
								mulDivRound(x.cost, x.done, x.q)
							)
						);
					}
				}
			}),
			FC_PARAMS
		);
	});
});
