/**
 * Seeded factories for events (STYLE habit 5): tests build events through these, never by hand-typed
 * blobs. `EventFactory` stamps envelopes with a real HLC clock per device, so ids and order are real.
 */
import type { EventType, PayloadOf } from '../../src/lib/domain/catalogue';
import { makeEvent, type AnyEvent, type JEvent } from '../../src/lib/domain/event';
import { formatHlc, HlcClock } from '../../src/lib/domain/hlc';
import { dayFromIso } from '../../src/lib/domain/dates';

export const DAY0 = dayFromIso('2026-01-05')!;

export class EventFactory {
	readonly #clocks = new Map<string, HlcClock>();
	readonly #seq = new Map<string, number>();
	#t: number;

	constructor(startMs = Date.UTC(2026, 0, 5, 1)) {
		this.#t = startMs;
	}

	/** Moves the shared fake wall clock forward. */
	advance(ms: number): void {
		this.#t += ms;
	}

	clock(device: string): HlcClock {
		let c = this.#clocks.get(device);
		if (!c) {
			c = new HlcClock(device, { now: () => this.#t });
			this.#clocks.set(device, c);
		}
		return c;
	}

	/** Next per-device document number for a type. */
	no(type: EventType, device = 'T1'): number {
		const key = `${type}|${device}`;
		const n = (this.#seq.get(key) ?? 0) + 1;
		this.#seq.set(key, n);
		return n;
	}

	make<T extends EventType>(
		type: T,
		payload: PayloadOf<T>,
		opts: { device?: string; user?: string; branch?: string; at?: number } = {}
	): JEvent<T> {
		this.#t += 1000;
		const hlc = this.clock(opts.device ?? 'T1').tick();
		const r = makeEvent({
			id: formatHlc(hlc),
			type,
			v: 1,
			hlc,
			user: opts.user ?? 'u1',
			branch: opts.branch ?? 'B01',
			at: opts.at ?? DAY0,
			payload
		});
		if (!r.ok) throw new Error(`factory made an invalid ${type}: ${r.path} ${r.reason}`);
		return r.event as JEvent<T>;
	}
}

export function ids(events: readonly AnyEvent[]): string[] {
	return events.map((e) => e.id);
}
