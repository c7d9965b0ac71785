import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../../tests/factories/events';
import { compareEvents, type AnyEvent } from '../event';
import { deriveAll } from '../ledger';
import { CellLedger, type CellMove, type NewMove } from './cell-ledger';
import { convertPool, EMPTY_POOL, issue, issueAt, receive, type CostPool } from './pool';

const U = 1000;
const byNumber = (a: number, b: number): number => a - b;

/** The definition the ledger must agree with: every move applied in key order to the pool before it. */
function foldInOrder(moves: readonly NewMove<number>[]): { values: Map<number, number>; pool: CostPool } {
	const values = new Map<number, number>();
	let pool = EMPTY_POOL;
	for (const m of [...moves].sort((a, b) => a.key - b.key)) {
		pool = convertPool(pool, m.method);
		if (m.kind === 'in') {
			pool = receive(m.method, pool, m.q, m.value!, m.src);
			values.set(m.key, m.value!);
		} else if (m.kind === 'out') {
			const out = issue(m.method, pool, m.q);
			pool = out.pool;
			values.set(m.key, out.value);
		} else {
			pool = issueAt(m.method, pool, m.q, m.value!, m.src);
			values.set(m.key, m.value!);
		}
	}
	return { values, pool };
}

const moveArb: fc.Arbitrary<Omit<NewMove<number>, 'key'>> = fc.oneof(
	fc.record({
		kind: fc.constant('in' as const),
		q: fc.integer({ min: 1, max: 50 * U }),
		value: fc.integer({ min: 0, max: 1_000_000 }),
		method: fc.constantFrom('moving-average' as const, 'fifo' as const),
		src: fc.constantFrom('R1', 'R2', undefined)
	}),
	fc.record({
		kind: fc.constant('out' as const),
		q: fc.integer({ min: 1, max: 30 * U }),
		method: fc.constantFrom('moving-average' as const, 'fifo' as const)
	}),
	fc.record({
		kind: fc.constant('out-at' as const),
		q: fc.integer({ min: 1, max: 10 * U }),
		value: fc.integer({ min: 0, max: 300_000 }),
		method: fc.constantFrom('moving-average' as const, 'fifo' as const),
		src: fc.constantFrom('R1', 'R2', undefined)
	})
);

/** Moves with distinct keys, and an arrival order (a permutation) to insert them in. */
const historyArb = fc.array(moveArb, { minLength: 1, maxLength: 40 }).chain((moves) =>
	fc
		.shuffledSubarray(
			moves.map((_, i) => i),
			{ minLength: moves.length, maxLength: moves.length }
		)
		.map((order) => ({ moves: moves.map((m, i) => ({ ...m, key: i * 10 })), order }))
);

function valuesOf(cell: CellLedger<number>): Map<number, number> {
	return new Map(cell.moves.map((m: CellMove<number>) => [m.key, m.value]));
}

describe('the stock ledger of one cell', () => {
	it('[C1–C7] moves inserted in any order cost what a fold in order costs, every pool included', () => {
		fc.assert(
			fc.property(historyArb, ({ moves, order }) => {
				const cell = new CellLedger<number>(byNumber);
				for (const i of order) cell.insert(moves[i]!);
				const expected = foldInOrder(moves);
				expect(valuesOf(cell)).toEqual(expected.values);
				expect(cell.pool).toEqual(expected.pool);
				// Every intermediate pool too: what a move sorting in between would start from.
				for (let k = 0; k < moves.length; k++)
					expect(cell.poolBefore(k * 10 + 5)).toEqual(foldInOrder(moves.slice(0, k + 1)).pool);
			}),
			{ numRuns: 300 }
		);
	});

	it('[C2] a late move reports exactly the later sales whose cost changed, and touches no earlier move', () => {
		fc.assert(
			fc.property(historyArb, fc.nat(), ({ moves }, pick) => {
				const late = pick % moves.length;
				const cell = new CellLedger<number>(byNumber);
				for (const [i, m] of moves.entries()) if (i !== late) cell.insert(m);
				const before = valuesOf(cell);
				const change = cell.insert(moves[late]!);
				const after = valuesOf(cell);
				const changed = [...before].filter(([k, v]) => after.get(k) !== v).map(([k]) => k);
				expect(change.recosted.map((r) => r.key)).toEqual(changed);
				for (const r of change.recosted) {
					expect(r.key).toBeGreaterThan(moves[late]!.key);
					expect(r).toEqual({ key: r.key, before: before.get(r.key), after: after.get(r.key) });
				}
				expect(change.visited).toBeLessThanOrEqual(moves.length - 1 - late);
			}),
			{ numRuns: 300 }
		);
	});

	it('[V1] removing a move leaves the cell as if it had never been there', () => {
		fc.assert(
			fc.property(historyArb, fc.nat(), ({ moves, order }, pick) => {
				const gone = pick % moves.length;
				const cell = new CellLedger<number>(byNumber);
				for (const i of order) cell.insert(moves[i]!);
				cell.remove(moves[gone]!.key);
				const rest = moves.filter((_, i) => i !== gone);
				const expected = foldInOrder(rest);
				expect(valuesOf(cell)).toEqual(expected.values);
				expect(cell.pool).toEqual(expected.pool);
				expect(cell.move(moves[gone]!.key)).toBeUndefined();
			}),
			{ numRuns: 200 }
		);
	});

	it('[D2] a rewind drops the moves from its place on and keeps the ones before', () => {
		const cell = new CellLedger<number>(byNumber);
		cell.insert({ key: 1, kind: 'in', q: 10 * U, value: 10000, method: 'moving-average' });
		cell.insert({ key: 2, kind: 'out', q: 4 * U, method: 'moving-average' });
		cell.insert({ key: 3, kind: 'in', q: 2 * U, value: 3000, method: 'moving-average' });
		cell.truncate(2);
		expect(cell.moves.map((m) => m.key)).toEqual([1]);
		expect(cell.pool).toMatchObject({ qty: 10 * U, value: 10000 });
	});

	it('refuses a second move under one key (one move per line of one event)', () => {
		const cell = new CellLedger<number>(byNumber);
		cell.insert({ key: 1, kind: 'in', q: U, value: 100, method: 'fifo' });
		expect(() => cell.insert({ key: 1, kind: 'out', q: U, method: 'fifo' })).toThrow();
		expect(cell.size).toBe(1);
	});

	it('[C2] a backdated receipt re-costs only the sales after it, worked by hand', () => {
		const cell = new CellLedger<number>(byNumber);
		const ma = 'moving-average' as const;
		cell.insert({ key: 10, kind: 'in', q: 10 * U, value: 10000, method: ma }); // 10 @ 10.00
		cell.insert({ key: 20, kind: 'in', q: 10 * U, value: 13000, method: ma }); // 20 units, 230.00
		cell.insert({ key: 40, kind: 'out', q: 5 * U, method: ma }); // 230.00 × 5/20 = 57.50
		expect(cell.move(40)!.value).toBe(5750);
		// 4 @ 7.00 dated between: 24 units, 258.00; the sale becomes 258.00 × 5/24 = 53.75
		const change = cell.insert({ key: 30, kind: 'in', q: 4 * U, value: 2800, method: ma });
		expect(change.recosted).toEqual([{ key: 40, before: 5750, after: 5375 }]);
		expect(change.visited).toBe(1);
		expect(cell.pool).toMatchObject({ qty: 19 * U, value: 20425 });
	});
});

describe('the cell ledger against the ledger itself', () => {
	/** Receipts and counter sales of one product in one warehouse on random days, recorded in any order. */
	const opsArb = fc.record({
		method: fc.constantFrom('moving-average' as const, 'fifo' as const),
		ops: fc.array(
			fc.record({
				sale: fc.boolean(),
				day: fc.integer({ min: 1, max: 40 }),
				q: fc.integer({ min: 1, max: 20 }),
				price: fc.integer({ min: 100, max: 5000 })
			}),
			{ minLength: 1, maxLength: 30 }
		)
	});

	it('[C1–C7] sale costs and the final pool equal those the ledger derives from the same events', () => {
		fc.assert(
			fc.property(opsArb, ({ method, ops }) => {
				const f = new EventFactory();
				const settings = f.make(
					'settings.updated',
					{ fields: { costing: method } },
					{ branch: '', at: DAY0 }
				);
				const events: AnyEvent[] = ops.map((op, i) =>
					op.sale
						? f.make(
								'sales.counter.posted',
								{
									no: i + 1,
									wh: 'W1',
									lines: [{ p: 'P1', q: op.q * U, amount: op.q * op.price, vat: 0 }],
									tenders: [{ account: 'CASH', amount: op.q * op.price }]
								},
								{ at: DAY0 + op.day }
							)
						: f.make(
								'purchase.receipt.posted',
								{
									no: i + 1,
									supplier: 'S1',
									wh: 'W1',
									lines: [{ p: 'P1', q: op.q * U, amount: op.q * op.price, vat: 0 }]
								},
								{ at: DAY0 + op.day }
							)
				);
				const ledger = deriveAll([settings, ...events]);
				// The cell gets the same moves in the order they were recorded, each at its place.
				const cell = new CellLedger<AnyEvent>(compareEvents);
				for (const e of events) {
					const line = (e.payload as { lines: { q: number; amount: number }[] }).lines[0]!;
					if (e.type === 'sales.counter.posted') cell.insert({ key: e, kind: 'out', q: line.q, method });
					else cell.insert({ key: e, kind: 'in', q: line.q, value: line.amount, method, src: e.id });
				}
				for (const m of cell.moves)
					if (m.kind === 'out') expect(m.value).toBe(ledger.document(m.key.id)!.cost);
				const stock = ledger.stockOf('P1', 'W1');
				expect({ qty: cell.pool.qty, value: cell.pool.value, variance: cell.pool.variance }).toEqual({
					qty: stock.onHand,
					value: stock.value,
					variance: stock.variance
				});
			}),
			{ numRuns: 150 }
		);
	});
});
