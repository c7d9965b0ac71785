/**
 * How much people buy, in thousandths of the base unit, and the demand and safety levels that follow.
 * The samplers and their means live together so that safety stock is sized for the demand the
 * generator will actually draw.
 */
import type { Product } from './model';
import type { Rng } from './random';

export const UNIT = 1000;

/** Lines per counter sale: 1–5, mostly small baskets. */
const LINE_WEIGHTS = [0.35, 0.25, 0.2, 0.12, 0.08];
export const MEAN_COUNTER_LINES = LINE_WEIGHTS.reduce((s, w, i) => s + w * (i + 1), 0);
export const MEAN_ORDER_LINES = 5;

export function counterLines(rng: Rng): number {
	let x = rng.next();
	for (let i = 0; i < LINE_WEIGHTS.length; i++) {
		x -= LINE_WEIGHTS[i]!;
		if (x < 0) return i + 1;
	}
	return LINE_WEIGHTS.length;
}

/** A whole pack is sometimes bought at the counter (a case of cola), but not a sack of screws. */
const counterPack = (p: Product) => (p.pack && p.pack.factor <= 24 ? p.pack.factor : 1);

export function counterQty(rng: Rng, p: Product): number {
	if (p.byWeight) return rng.int(60, 600) * 5;
	const r = rng.next();
	const units = r < 0.74 ? 1 : r < 0.9 ? 2 : r < 0.97 ? rng.int(3, 6) : counterPack(p);
	return units * UNIT;
}

export function meanCounterQty(p: Product): number {
	if (p.byWeight) return 1650;
	return (0.74 + 0.16 * 2 + 0.07 * 4.5 + 0.03 * counterPack(p)) * UNIT;
}

/** Wholesale customers order by the pack. */
export function orderQty(rng: Rng, p: Product): number {
	return p.pack ? rng.int(1, 8) * p.pack.factor * UNIT : rng.int(2, 20) * UNIT;
}

export function meanOrderQty(p: Product): number {
	return p.pack ? 4.5 * p.pack.factor * UNIT : 11 * UNIT;
}

/** Purchases come in whole packs (a 25 kg sack for goods sold loose). */
export function purchaseMultiple(p: Product): number {
	return p.pack ? p.pack.factor * UNIT : p.byWeight ? 25 * UNIT : UNIT;
}

export function roundUp(q: number, multiple: number): number {
	return Math.ceil(q / multiple) * multiple;
}

export function roundDown(q: number, multiple: number): number {
	return Math.floor(q / multiple) * multiple;
}
