/**
 * 导出全部记录: every event the device holds, in derivation order, as the journal file `jxc replay`
 * reads (docs/CLI.md: one JSON event per line). A copy of the company's books in an open format, made
 * from the device alone (offline too); the relay's own backup (`npm run admin -- backup`) stays the way
 * to restore a server.
 */
import { isoFromDay } from '../domain/dates';
import type { AnyEvent } from '../domain/event';
import { JsonlWriter } from '../domain/jsonl';

/** Lines per string part of the file: a large company's journal is built without one huge string. */
const PART = 4096;

/** The journal file's parts (each up to `PART` lines), ready for a `Blob`. */
export function journalParts(events: readonly AnyEvent[]): string[] {
	const w = new JsonlWriter();
	const parts: string[] = [];
	for (let i = 0; i < events.length; i += PART) {
		let part = '';
		for (let j = i; j < Math.min(events.length, i + PART); j++) part += w.line(events[j]!);
		parts.push(part);
	}
	return parts;
}

/** `jxc-<company>-<yyyy-mm-dd>.jsonl`, the company code made safe for a file name. */
export function journalFileName(company: string, today: number): string {
	return `jxc-${company.replace(/[^A-Za-z0-9_-]+/g, '_') || 'company'}-${isoFromDay(today)}.jsonl`;
}
