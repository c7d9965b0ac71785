/**
 * The device's identity in the journal (S12–S14 in docs/SYNC.md): its HLC clock and its document
 * sequences, both derived from what the journal holds, never from a separate counter that could drift
 * away from it.
 *
 * - [S12] (J4 at the device) The clock resumes after the highest HLC of this device found in any loaded
 *   partition, even if the physical clock now reads earlier (a reset battery, a wrong manual setting).
 *   Own events are therefore never passed to `HlcClock.observe`, which would refuse a far-ahead one.
 * - [S13] Other devices' HLCs are observed, so our next event sorts after what we have seen; a clock
 *   beyond the drift limit is not followed and is reported as a drift warning instead.
 * - [S14] Document numbers continue one past the highest `no` this device used for the type.
 */
import type { EventType } from '../domain/catalogue';
import { DocSequences } from '../domain/docnumber';
import type { AnyEvent } from '../domain/event';
import { compareHlc, HlcClock, type Hlc } from '../domain/hlc';

/** Another device's clock runs ahead of ours by more than the drift limit. One per device (the worst). */
export interface DriftWarning {
	readonly device: string;
	readonly user: string;
	/** The event that showed it (the one furthest ahead). */
	readonly eventId: string;
	readonly aheadMs: number;
}

export interface DeviceClockOptions {
	now?: () => number;
	maxDriftMs?: number;
	/** A known last own timestamp (e.g. kept outside the journal); the journal's own events also count. */
	last?: Hlc;
}

export class DeviceClock {
	readonly device: string;
	readonly #now: () => number;
	readonly #maxDriftMs: number | undefined;
	readonly #sequences = new DocSequences();
	readonly #drift = new Map<string, DriftWarning>();
	#clock: HlcClock;

	constructor(device: string, options: DeviceClockOptions = {}) {
		this.device = device;
		this.#now = options.now ?? Date.now;
		this.#maxDriftMs = options.maxDriftMs;
		this.#clock = this.#makeClock(options.last);
	}

	/** The next timestamp for an event made on this device. */
	tick(): Hlc {
		return this.#clock.tick();
	}

	/** The last timestamp issued or adopted. */
	get last(): Hlc {
		return this.#clock.last;
	}

	/**
	 * The wall clock the next tick will carry (give or take a borrowed millisecond): it decides which
	 * monthly partition must be open before recording.
	 */
	nextWall(): number {
		return Math.max(this.#now(), this.#clock.last.wall);
	}

	/** The next document number of `type` on this device (not reserved: recording the event reserves it). */
	nextNo(type: EventType): number {
		return this.#sequences.next(type, this.device);
	}

	/** Takes in events from the journal (any origin): own ones advance the clock and sequences. */
	observe(events: readonly AnyEvent[]): void {
		let ownMax: Hlc | null = null;
		for (const e of events) {
			if (e.hlc.device === this.device) {
				if (!ownMax || compareHlc(e.hlc, ownMax) > 0) ownMax = e.hlc;
				const no = (e.payload as { no?: unknown }).no;
				if (typeof no === 'number') this.#sequences.observe(e.type, this.device, no);
				continue;
			}
			const r = this.#clock.observe(e.hlc);
			if (!r.ok) {
				const known = this.#drift.get(e.hlc.device);
				if (!known || known.aheadMs < r.aheadMs)
					this.#drift.set(e.hlc.device, {
						device: e.hlc.device,
						user: e.user,
						eventId: e.id,
						aheadMs: r.aheadMs
					});
			}
		}
		// HlcClock takes a resume point only at construction; its whole state is (wall, counter), so
		// a new clock from the later of the two continues exactly where the old one would have.
		if (ownMax && compareHlc(ownMax, this.#clock.last) > 0) this.#clock = this.#makeClock(ownMax);
	}

	/** Devices whose clocks run too far ahead, the worst case of each. */
	get driftWarnings(): DriftWarning[] {
		return [...this.#drift.values()];
	}

	#makeClock(last: Hlc | undefined): HlcClock {
		return new HlcClock(this.device, {
			now: this.#now,
			...(this.#maxDriftMs === undefined ? {} : { maxDriftMs: this.#maxDriftMs }),
			...(last ? { last: { wall: last.wall, counter: last.counter, device: this.device } } : {})
		});
	}
}
