/**
 * The JSONL line of an event, exactly `JSON.stringify(eventToJson(e))` (tested), built without the
 * intermediate object and with business dates formatted once per day: writing the large demo spends
 * most of its time here.
 */
import { isoFromDay } from './dates';
import type { AnyEvent } from './event';
import { formatHlc } from './hlc';

export class JsonlWriter {
	readonly #days = new Map<number, string>();

	line(e: AnyEvent): string {
		let at = this.#days.get(e.at);
		if (at === undefined) this.#days.set(e.at, (at = isoFromDay(e.at)));
		const hlc = formatHlc(e.hlc);
		const q = JSON.stringify;
		return `{"id":${q(e.id)},"type":${q(e.type)},"v":${e.v},"hlc":${q(hlc)},"device":${q(e.hlc.device)},"user":${q(e.user)},"branch":${q(e.branch)},"at":"${at}","payload":${q(e.payload)}}\n`;
	}
}
