/**
 * Long work on the main thread in slices: derivation gives the page a turn every `SLICE_MS`, so the
 * dashboard answers taps while two million events are sorted and derived behind it.
 */
import { compareEvents, type AnyEvent } from '../domain/event';

/** How long derivation may hold the main thread before it lets the page paint and answer taps. */
export const SLICE_MS = 25;

/**
 * Gives the main thread back to the browser: a message task, queued behind whatever else is waiting
 * (`scheduler.yield()` would jump that queue and starve storage callbacks and timers), and not
 * throttled like a timer in a background tab.
 */
export function yieldToBrowser(): Promise<void> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		channel.port2.postMessage(null);
	});
}

/**
 * The events of `lists` in derivation order, sorted without holding the main thread: bucketed by
 * business day (the first key of the order), then each day sorted, yielding between slices. Sorting two
 * million events in one call would freeze the page for seconds.
 */
export async function sortInSlices(lists: readonly (readonly AnyEvent[])[]): Promise<AnyEvent[]> {
	const byDay = new Map<number, AnyEvent[]>();
	let start = performance.now();
	const breathe = async () => {
		if (performance.now() - start < SLICE_MS) return;
		await yieldToBrowser();
		start = performance.now();
	};
	for (const list of lists)
		for (let i = 0; i < list.length; i++) {
			const e = list[i]!;
			const day = byDay.get(e.at);
			if (day) day.push(e);
			else byDay.set(e.at, [e]);
			if ((i & 0xfff) === 0) await breathe();
		}
	const out: AnyEvent[] = [];
	for (const at of [...byDay.keys()].sort((a, b) => a - b)) {
		const day = byDay.get(at)!.sort(compareEvents);
		for (const e of day) out.push(e);
		await breathe();
	}
	return out;
}
