/**
 * First-expiry-first-out picking (rule SD2) for batch-tracked products: a delivery takes the batches
 * that expire first; batches without an expiry date go last, ties by batch name, so every device picks
 * the same. What the batches cannot cover is returned as `short` (it is delivered unbatched and shows
 * as an oversell, A1).
 */
export interface BatchStock {
	readonly batch: string;
	readonly expiry?: number;
	readonly onHand: number;
}

export interface BatchPick {
	readonly batch: string;
	readonly expiry?: number;
	readonly q: number;
}

export function pickFefo(batches: readonly BatchStock[], q: number): { picks: BatchPick[]; short: number } {
	const sorted = batches
		.filter((b) => b.onHand > 0)
		.sort(
			(a, b) =>
				(a.expiry ?? Number.MAX_SAFE_INTEGER) - (b.expiry ?? Number.MAX_SAFE_INTEGER) ||
				(a.batch < b.batch ? -1 : a.batch > b.batch ? 1 : 0)
		);
	const picks: BatchPick[] = [];
	let left = q;
	for (const b of sorted) {
		if (left <= 0) break;
		const take = Math.min(left, b.onHand);
		picks.push({ batch: b.batch, q: take, ...(b.expiry !== undefined ? { expiry: b.expiry } : {}) });
		left -= take;
	}
	return { picks, short: left };
}
