/**
 * Events a benchmark adds to a derived journal: recorded after its last event by a device of its own
 * (`BENCH`), one second apart, by the same user and branch.
 */
import type { EventType, PayloadOf } from '../src/lib/domain/catalogue';
import { makeEvent, type AnyEvent } from '../src/lib/domain/event';
import { formatHlc, HlcClock } from '../src/lib/domain/hlc';

export function laterEvents(last: AnyEvent) {
	let wall = last.hlc.wall;
	const clock = new HlcClock('BENCH', { now: () => (wall += 1000) });
	/** One more event of `type`, dated `at` (business day). */
	return <T extends EventType>(type: T, at: number, payload: PayloadOf<T>): AnyEvent => {
		const hlc = clock.tick();
		const r = makeEvent({
			id: formatHlc(hlc),
			type,
			v: 1,
			hlc,
			user: last.user,
			branch: last.branch,
			at,
			payload
		});
		if (!r.ok) throw new Error(`bad bench event: ${r.reason}`);
		return r.event;
	};
}
