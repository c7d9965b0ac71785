/** How events reach a device: the arrival orders the derivation properties and incremental views are tested under. */
import type { AnyEvent } from '../../src/lib/domain/event';
import type { Random } from './business';

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
