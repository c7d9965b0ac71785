import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StockMoves } from './moves';
import { UndoStore } from './store';

/** What `of` must answer: a scan of every move, in order. */
function scan(moves: StockMoves, total: number) {
	return [...moves.all()].filter((m) => m.total === total).map(({ slot, q, value }) => ({ slot, q, value }));
}

type Step =
	| { kind: 'event'; moves: { total: number; q: number }[] }
	| { kind: 'rollback'; back: number }
	| { kind: 'query'; total: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
	{
		weight: 5,
		arbitrary: fc.record({
			kind: fc.constant('event' as const),
			moves: fc.array(fc.record({ total: fc.nat(6), q: fc.integer({ min: -50, max: 50 }) }), {
				minLength: 1,
				maxLength: 4
			})
		})
	},
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('rollback' as const), back: fc.nat(6) }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('query' as const), total: fc.nat(7) }) }
);

describe('the stock moves (D12)', () => {
	it('[D12] a stock total’s moves, indexed once, stay those of a full scan through events and rollbacks', () => {
		fc.assert(
			fc.property(fc.array(stepArb, { maxLength: 60 }), (steps) => {
				const store = new UndoStore();
				store.logging = true;
				const moves = new StockMoves(store);
				const marks: number[] = [];
				let slot = 0;
				for (const step of steps) {
					if (step.kind === 'event') {
						marks.push(store.mark());
						slot++;
						for (const m of step.moves) moves.add(slot, m.total, m.q, m.q * 10);
					} else if (step.kind === 'rollback') {
						// Back to the start of an earlier event, as the ledger's rewinds do.
						const keep = Math.max(0, marks.length - step.back);
						if (keep < marks.length) store.rollback(marks[keep]!);
						marks.length = keep;
					} else expect(moves.of(step.total)).toEqual(scan(moves, step.total));
				}
				for (let t = 0; t <= 7; t++) expect(moves.of(t)).toEqual(scan(moves, t));
			}),
			{ numRuns: 300 }
		);
	});

	it('one undo entry per event, however many moves it makes', () => {
		const store = new UndoStore();
		store.logging = true;
		const moves = new StockMoves(store);
		const before = store.mark();
		moves.add(1, 0, 5, 50);
		moves.add(1, 1, 5, 50);
		moves.add(1, 0, -2, -20);
		expect((store.mark() - before) / 3).toBe(1);
		store.rollback(before);
		expect(moves.length).toBe(0);
	});

	it('refuses keys it cannot hold rather than mixing moves up', () => {
		const moves = new StockMoves(new UndoStore());
		expect(() => moves.add(1, 2 ** 24, 1, 1)).toThrow(RangeError);
		expect(() => moves.add(2 ** 29, 1, 1, 1)).toThrow(RangeError);
		expect(moves.length).toBe(0);
	});
});
