/**
 * Slows repeated login failures down without ever locking an account (ASVS 2.2.1): after a key's `free`
 * failures (a key is an account, or an IP with a larger allowance since a shop shares one address), each attempt on that key waits `base · 2^(extra failures)` ms, capped,
 * and attempts on one key run one at a time so that parallel guesses queue behind the delay.
 * Keys are given most specific first; a success clears the first key only.
 */
export interface ThrottleOptions {
	baseDelayMs: number;
	maxDelayMs: number;
	/** Attempts allowed to wait on one key; more are answered "too many requests" at once. */
	maxWaiting: number;
	/** A key's failures are forgotten after this long without a failure. */
	forgetMs: number;
}

interface KeyState {
	failures: number;
	lastFailure: number;
	tail: Promise<void>;
	waiting: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export class FailureThrottle {
	#keys = new Map<string, KeyState>();
	constructor(readonly options: ThrottleOptions) {}

	delayFor(failures: number, free: number): number {
		const extra = failures - free;
		if (extra < 0) return 0;
		return Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** Math.min(extra, 20));
	}

	#state(key: string, now: number): KeyState {
		let s = this.#keys.get(key);
		if (s && s.waiting === 0 && now - s.lastFailure > this.options.forgetMs) {
			this.#keys.delete(key);
			s = undefined;
		}
		if (!s) {
			s = { failures: 0, lastFailure: 0, tail: Promise.resolve(), waiting: 0 };
			this.#keys.set(key, s);
		}
		return s;
	}

	/**
	 * Runs `attempt` once every key's queue and delay allow it. Returns null (without running it) when too
	 * many attempts already wait on a key.
	 */
	async run<T>(
		keys: readonly { key: string; free: number }[],
		attempt: () => Promise<{ ok: boolean; value: T }>
	): Promise<T | null> {
		const states = keys.map((k) => this.#state(k.key, Date.now()));
		if (states.some((s) => s.waiting >= this.options.maxWaiting)) return null;
		let release!: () => void;
		const done = new Promise<void>((r) => (release = r));
		const before = states.map((s) => s.tail);
		for (const s of states) {
			s.waiting++;
			s.tail = s.tail.then(() => done);
		}
		try {
			await Promise.all(before);
			const wait = Math.max(
				...states.map((s, i) => s.lastFailure + this.delayFor(s.failures, keys[i]!.free) - Date.now()),
				0
			);
			if (wait > 0) await sleep(wait);
			const result = await attempt();
			const now = Date.now();
			// Success clears only the first key (the account): one good password must not reset an IP's count.
			for (const [i, s] of states.entries()) {
				if (result.ok) {
					if (i === 0) s.failures = 0;
				} else {
					s.failures++;
					s.lastFailure = now;
				}
			}
			return result.value;
		} finally {
			for (const s of states) s.waiting--;
			release();
		}
	}

	/** Drops forgotten keys; call now and then. */
	prune(now = Date.now()): void {
		for (const [k, s] of this.#keys)
			if (s.waiting === 0 && now - s.lastFailure > this.options.forgetMs) this.#keys.delete(k);
	}
}
