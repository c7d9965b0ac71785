/**
 * Pinyin initials for search (`nzk` finds 牛仔裤), from a compact table of the 3,755 GB2312 level-1
 * characters (pinyin-table.ts, about 11 KB, 8.7 KB gzipped). A character outside the table (rare
 * characters, traditional forms) contributes nothing; letters and digits stand for themselves, so
 * `nzk501` finds 牛仔裤501. Polyphones take the reading GB2312 files them under (行 → x, 长 → c).
 */
import { INITIAL_RUNS } from './pinyin-table';

let table: Map<string, string> | null = null;

function initialsTable(): Map<string, string> {
	if (table) return table;
	table = new Map();
	for (const [letter, run] of Object.entries(INITIAL_RUNS)) for (const ch of run) table.set(ch, letter);
	return table;
}

/** The initial of one character, or '' when it has none we know. */
export function initialOf(ch: string): string {
	if (/^[A-Za-z0-9]$/.test(ch)) return ch.toLowerCase();
	return initialsTable().get(ch) ?? '';
}

/** The pinyin initials of a text: 牛仔裤 → nzk, 可口可乐500ml → kkkl500ml. */
export function pinyinInitials(text: string): string {
	let out = '';
	for (const ch of text) out += initialOf(ch);
	return out;
}
