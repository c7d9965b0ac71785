/**
 * Derivation is a pure function of the set of events (DESIGN §1, §3; D1–D4).
 *
 *   [P4] Incremental derivation equals full replay for any arrival order: a history, shuffled, delayed
 *        or reversed, and added batch by batch to one Ledger, derives after every batch exactly what
 *        `deriveAll` derives from the events arrived so far (`snapshot({ full: true })`: stock, costs,
 *        balances, cash, alerts, rejections, quarantines, batches, every document and every field
 *        version). With an undo log of 0–3 days (D3) the full-replay fallback is taken as well.
 *   [P5] Derivation is independent of delivery order: two ledgers fed different permutations, in
 *        different batches, with duplicates, agree; adding known events again changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../src/lib/domain/event';
import { deriveAll, Ledger, type AddResult } from '../../src/lib/domain/ledger';
import { historyOf, historyParams, seededRandom, type Random } from '../factories/business';

const RUNS = Number(process.env.JXC_PROPERTY_RUNS ?? 60);

export type ArrivalOrder = 'shuffled' | 'late' | 'reversed' | 'in-order';

/**
 * The events as they might reach a device, in batches: all shuffled; in the order they were made but
 * with some held back for a while (an offline tablet); newest first; or in order. Sometimes a batch
 * arrives twice.
 */
export function arrivals(events: readonly AnyEvent[], order: ArrivalOrder, rng: Random): AnyEvent[][] {
	let seq: AnyEvent[];
	if (order === 'shuffled') seq = rng.shuffle(events.slice());
	else if (order === 'reversed') seq = events.slice().reverse();
	else if (order === 'late') {
		const keyed = events.map((e, i) => ({ e, k: rng.chance(0.25) ? i + rng.int(1, 60) + 0.5 : i }));
		seq = keyed.sort((a, b) => a.k - b.k).map((x) => x.e);
	} else seq = events.slice();
	const batches: AnyEvent[][] = [];
	for (let i = 0; i < seq.length;) {
		const n = rng.chance(0.5) ? 1 : rng.int(2, 24);
		batches.push(seq.slice(i, i + n));
		if (batches.length > 1 && rng.chance(0.05)) batches.push(rng.pick(batches.slice(0, -1)));
		i += n;
	}
	return batches;
}

const orders = fc.constantFrom<ArrivalOrder>('shuffled', 'late', 'reversed', 'in-order');
/** Days the undo log covers (D3): 0 and 1 force the full-replay fallback often; 62 is the default. */
const windows = fc.constantFrom(0, 1, 3, 62);

describe('derivation', () => {
	it('[P4][D1][D2][D3] incremental == full replay after every batch, for any arrival order and undo horizon', () => {
		const modes = new Map<AddResult['mode'], number>();
		fc.assert(
			fc.property(
				historyParams({ maxOps: 100 }),
				orders,
				fc.integer(),
				windows,
				({ seed, ops, turbulent }, order, orderSeed, undoDays) => {
					const h = historyOf({ seed, ops, turbulent });
					const ctx = `seed ${seed} ops ${ops}${turbulent ? ' turbulent' : ''} ${order} ${orderSeed} undo ${undoDays} days`;
					const l = new Ledger({ undoDays });
					const arrived: AnyEvent[] = [];
					const batches = arrivals(h.events, order, seededRandom(orderSeed));
					for (const [i, batch] of batches.entries()) {
						const r = l.add(batch);
						modes.set(r.mode, (modes.get(r.mode) ?? 0) + 1);
						arrived.push(...batch);
						// Every batch near the end, every few before: the full comparison is the costly part.
						if (i >= batches.length - 3 || i % 4 === 0)
							expect(l.snapshot({ full: true }), `${ctx}: after batch ${i + 1}/${batches.length}`).toEqual(
								deriveAll(arrived).snapshot({ full: true })
							);
					}
				}
			),
			{ numRuns: RUNS }
		);
		// Every way of catching up was taken.
		for (const mode of ['append', 'rewind', 'replay', 'none'] as const)
			expect(modes.get(mode) ?? 0, `mode ${mode} in ${JSON.stringify([...modes])}`).toBeGreaterThan(0);
	});

	it('[P5][D1][J7] two ledgers fed different permutations in different batches agree; known events change nothing', () => {
		fc.assert(
			fc.property(
				historyParams({ maxOps: 160 }),
				orders,
				orders,
				fc.integer(),
				windows,
				({ seed, ops, turbulent }, o1, o2, orderSeed, undoDays) => {
					const h = historyOf({ seed, ops, turbulent });
					const ctx = `seed ${seed} ops ${ops}${turbulent ? ' turbulent' : ''} ${o1}/${o2} ${orderSeed} undo ${undoDays} days`;
					const rng = seededRandom(orderSeed);
					const a = new Ledger({ undoDays });
					const b = new Ledger();
					for (const batch of arrivals(h.events, o1, rng)) a.add(batch);
					for (const batch of arrivals(h.events, o2, rng)) b.add(batch);
					const snap = a.snapshot({ full: true });
					expect(snap, ctx).toEqual(b.snapshot({ full: true }));
					expect(a.add(rng.shuffle(h.events.slice())).mode, ctx).toBe('none');
					expect(a.snapshot({ full: true }), ctx).toEqual(snap);
				}
			),
			{ numRuns: RUNS }
		);
	});
});
