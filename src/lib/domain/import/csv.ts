/**
 * CSV as spreadsheets write it (RFC 4180): quoted fields with doubled quotes, commas and line breaks
 * inside quotes, CRLF or LF, an optional UTF-8 byte-order mark (Excel's "CSV UTF-8"). One pass over the
 * text, no regular expressions per cell: 50,000 rows parse in well under a second.
 */

/** Parses CSV text into rows of cells. Blank lines are dropped. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	const n = text.length;
	const endRow = () => {
		row.push(cell);
		cell = '';
		if (row.length > 1 || row[0] !== '') rows.push(row);
		row = [];
	};
	while (i < n) {
		const c = text[i]!;
		if (c === '"' && cell === '') {
			// A quoted field: runs to the closing quote; "" is a quote.
			i++;
			let start = i;
			for (;;) {
				const q = text.indexOf('"', i);
				if (q === -1) {
					cell += text.slice(start);
					i = n;
					break;
				}
				if (text[q + 1] === '"') {
					cell += text.slice(start, q + 1);
					i = q + 2;
					start = i;
					continue;
				}
				cell += text.slice(start, q);
				i = q + 1;
				break;
			}
			continue;
		}
		if (c === ',') {
			row.push(cell);
			cell = '';
			i++;
		} else if (c === '\n' || c === '\r') {
			endRow();
			i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
		} else {
			// Plain run up to the next separator.
			let j = i + 1;
			while (j < n) {
				const d = text.charCodeAt(j);
				if (d === 44 || d === 10 || d === 13) break;
				j++;
			}
			cell += text.slice(i, j);
			i = j;
		}
	}
	if (cell !== '' || row.length > 0) endRow();
	return rows;
}

function quote(cell: string): string {
	return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Writes rows as CSV with CRLF line ends and a byte-order mark, so Excel opens Chinese text correctly. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
	return '\ufeff' + rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}
