/**
 * The shape every import shares (rules IM1–IM4 in docs/SPEC.md): a sheet of text cells whose first
 * row names the columns (in Chinese or English, as the export writes them), and a per-row error report
 * naming the row as the spreadsheet numbers it (the header is row 1), the column as the file names it,
 * and a reason code with parameters that the UI words in the user's language.
 */
import type { FieldError } from '../master/fields';

export interface Column {
	readonly key: string;
	readonly zh: string;
	readonly en: string;
	readonly required?: boolean;
}

export interface ImportError extends FieldError {
	/** Spreadsheet row number (header = 1). 0: the file as a whole. */
	readonly row: number;
	/** The column's heading as the file has it ('' for the whole row or file). */
	readonly column: string;
}

export type Lang = 'zh' | 'en';

const norm = (s: string) =>
	s
		.trim()
		.toLowerCase()
		.replace(/[*＊\s]/g, '')
		.replace(/[（(].*[)）]$/, '');

export interface HeaderMap {
	/** Column key → cell index. */
	readonly index: ReadonlyMap<string, number>;
	/** Column key → the heading as written in the file. */
	readonly heading: ReadonlyMap<string, string>;
	readonly errors: ImportError[];
}

/** Finds each known column in the header row; a required one missing is an error for the file. */
export function mapHeader(header: readonly string[], columns: readonly Column[]): HeaderMap {
	const index = new Map<string, number>();
	const heading = new Map<string, string>();
	const errors: ImportError[] = [];
	header.forEach((cell, i) => {
		const h = norm(cell);
		const col = columns.find((c) => norm(c.zh) === h || norm(c.en) === h || c.key.toLowerCase() === h);
		if (col && !index.has(col.key)) {
			index.set(col.key, i);
			heading.set(col.key, cell.trim().replace(/[*＊]$/, ''));
		}
	});
	for (const c of columns)
		if (c.required && !index.has(c.key))
			errors.push({ row: 1, column: c.zh, code: 'missingColumn', params: { column: `${c.zh} / ${c.en}` } });
	return { index, heading, errors };
}

/** Reads one row's cells by column key ('' where the column is absent or the row is short). */
export function cellsOf(row: readonly string[], map: HeaderMap): (key: string) => string {
	return (key) => {
		const i = map.index.get(key);
		return i === undefined ? '' : (row[i] ?? '');
	};
}

export function headerRow(columns: readonly Column[], lang: Lang): string[] {
	return columns.map((c) => (lang === 'zh' ? c.zh : c.en) + (c.required ? '*' : ''));
}

/** An empty row (every cell blank) is skipped, as spreadsheets leave them at the end. */
export function isBlankRow(row: readonly string[]): boolean {
	return row.every((c) => c.trim() === '');
}

/** The outcome of checking a whole file: the events to record, or the errors (never both applied). */
export interface ImportPlan<D> {
	readonly rows: number;
	readonly drafts: D[];
	readonly errors: ImportError[];
}

/** Errors in reading order: by row, then by the column's place in the file. */
export function sortErrors(errors: ImportError[], map: HeaderMap): ImportError[] {
	const place = new Map<string, number>();
	for (const [key, heading] of map.heading) place.set(heading, map.index.get(key) ?? 999);
	return errors.sort((a, b) => a.row - b.row || (place.get(a.column) ?? 999) - (place.get(b.column) ?? 999));
}

/** One data row as a plan reads it: its spreadsheet number, its cells by key, and its error report. */
export interface SheetRow {
	readonly row: number;
	readonly cell: (key: string) => string;
	/** Reports an error on one of the row's columns, named as the file heads it (else in Chinese). */
	readonly err: (key: string, code: string, params?: Record<string, string | number>) => void;
}

/**
 * Calls `each` for every data row that is not blank (the header is row 1); returns how many there were.
 * Errors go to `errors`.
 */
export function eachRow(
	sheet: readonly (readonly string[])[],
	map: HeaderMap,
	columns: readonly Column[],
	errors: ImportError[],
	each: (r: SheetRow) => void
): number {
	let rows = 0;
	sheet.slice(1).forEach((cells, k) => {
		if (isBlankRow(cells)) return;
		const row = k + 2;
		rows++;
		each({
			row,
			cell: cellsOf(cells, map),
			err: (key, code, params) =>
				errors.push({
					row,
					column: map.heading.get(key) ?? columns.find((c) => c.key === key)?.zh ?? key,
					code,
					...(params ? { params } : {})
				})
		});
	});
	return rows;
}
