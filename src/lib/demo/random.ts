/**
 * A small seeded PRNG for the demo generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting
 * generator), seeded through splitmix32 so that nearby seeds give unrelated streams. Pure integer
 * arithmetic on 32-bit words, so a seed gives the same sequence on every engine.
 */

function splitmix32(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x9e3779b9) >>> 0;
		let z = s;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
		return (z ^ (z >>> 16)) >>> 0;
	};
}

export class Rng {
	#a: number;
	#b: number;
	#c: number;
	#d: number;

	constructor(seed: number) {
		const sm = splitmix32(seed);
		this.#a = sm();
		this.#b = sm();
		this.#c = sm();
		this.#d = sm();
		// Warm-up rounds, as recommended for sfc32.
		for (let i = 0; i < 12; i++) this.u32();
	}

	/** The next raw 32-bit unsigned value. */
	u32(): number {
		const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
		this.#d = (this.#d + 1) | 0;
		this.#a = this.#b ^ (this.#b >>> 9);
		this.#b = (this.#c + (this.#c << 3)) | 0;
		this.#c = (this.#c << 21) | (this.#c >>> 11);
		this.#c = (this.#c + t) | 0;
		return t >>> 0;
	}

	/** Uniform in [0, 1). */
	next(): number {
		return this.u32() / 4294967296;
	}

	/** Uniform integer in [lo, hi], both inclusive. */
	int(lo: number, hi: number): number {
		return lo + Math.floor(this.next() * (hi - lo + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick from an empty list');
		return items[Math.floor(this.next() * items.length)]!;
	}

	/** An independent generator derived from this one (for a sub-task whose draws must not shift others). */
	fork(): Rng {
		return new Rng(this.u32());
	}

	/** Poisson-distributed count with mean `lambda` (Knuth for small means, a normal approximation above). */
	poisson(lambda: number): number {
		if (lambda <= 0) return 0;
		if (lambda < 30) {
			const limit = Math.exp(-lambda);
			let k = 0;
			let p = this.next();
			while (p > limit) {
				k++;
				p *= this.next();
			}
			return k;
		}
		return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
	}

	/** Standard normal (Box–Muller). */
	normal(): number {
		const u = 1 - this.next();
		const v = this.next();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** Fisher–Yates, in place. */
	shuffle<T>(items: T[]): T[] {
		for (let i = items.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			const t = items[i]!;
			items[i] = items[j]!;
			items[j] = t;
		}
		return items;
	}

	/** `k` distinct items, in random order. */
	sample<T>(items: readonly T[], k: number): T[] {
		return this.shuffle([...items]).slice(0, Math.min(k, items.length));
	}
}

/** Cumulative weights for fast weighted picks by binary search. */
export class WeightedTable<T> {
	readonly #items: readonly T[];
	readonly #cum: Float64Array;
	readonly total: number;

	constructor(items: readonly T[], weight: (item: T) => number) {
		this.#items = items;
		this.#cum = new Float64Array(items.length);
		let acc = 0;
		for (let i = 0; i < items.length; i++) {
			acc += Math.max(0, weight(items[i]!));
			this.#cum[i] = acc;
		}
		this.total = acc;
	}

	get size(): number {
		return this.#items.length;
	}

	get items(): readonly T[] {
		return this.#items;
	}

	pick(rng: Rng): T {
		const x = rng.next() * this.total;
		let lo = 0;
		let hi = this.#cum.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.#cum[mid]! > x) hi = mid;
			else lo = mid + 1;
		}
		return this.#items[lo]!;
	}
}
