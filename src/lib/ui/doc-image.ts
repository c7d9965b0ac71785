/**
 * A document (a purchase order, a quotation, a sales order, a delivery note) as a PNG image, for sharing
 * to a supplier's or customer's phone (WeChat and the like take images, not web pages), and as plain
 * text for a chat message. The page passes plain, already formatted strings; `layoutDocImage` places
 * them on an A4-like page (1240 px wide, A4 at 150 dpi) as a list of drawing operations and is a pure
 * function of the data and a text-measuring function, so it is tested without a canvas.
 * `renderDocImage` draws that list on a canvas at 2× with the browser's fonts (which have the Chinese
 * glyphs) and encodes PNG; `docText` writes the same data as a chat message.
 */

/** A column of the table after the row number: its heading, its width and how its cells align. */
export interface DocColumn {
	readonly header: string;
	/** Width in px of `TABLE_COLUMNS_WIDTH` (the widths are scaled to add up to it). */
	readonly width: number;
	readonly align: 'left' | 'right';
}

export interface DocRow {
	/** One text per column. */
	readonly cells: readonly string[];
	/** A second, smaller line under the first cell: a product's code or spec, a document's number. */
	readonly detail: string;
	/** The row in a chat message, under its number and first cell. */
	readonly text: string;
}

export interface DocTable {
	/** The heading of the row-number column. */
	readonly no: string;
	readonly columns: readonly DocColumn[];
	readonly rows: readonly DocRow[];
}

export interface DocImageData {
	/** Between a label and its value: '：' in Chinese, ': ' in English. */
	readonly colon: string;
	readonly company: string;
	readonly title: string;
	/** Label/value pairs under the title (number, supplier, warehouse, dates), two to a row. */
	readonly fields: readonly (readonly [label: string, value: string])[];
	readonly table: DocTable;
	/** Label/value pairs right-aligned under the table; the last one is shown large (the total). */
	readonly totals: readonly (readonly [label: string, value: string])[];
	/** The total in capital numerals (大写, M7), on its own line under the totals. */
	readonly words?: readonly [label: string, text: string];
	readonly note?: readonly [label: string, text: string];
	/** Left and right of the bottom line (made by, signature). */
	readonly footer: readonly [left: string, right: string];
}

/** Width of the text in `font` (a CSS font shorthand), in the same px as the layout. */
export type Measure = (text: string, font: string) => number;

export type DrawOp =
	| {
			readonly kind: 'text';
			readonly text: string;
			readonly x: number;
			/** The vertical middle of the line box. */
			readonly y: number;
			readonly font: string;
			readonly align: 'left' | 'right' | 'center';
			readonly color: string;
	  }
	| { readonly kind: 'rule'; readonly x: number; readonly y: number; readonly w: number; readonly h: number }
	| {
			readonly kind: 'rect';
			readonly x: number;
			readonly y: number;
			readonly w: number;
			readonly h: number;
			readonly color: string;
	  };

export interface DocImageLayout {
	readonly width: number;
	readonly height: number;
	readonly ops: readonly DrawOp[];
}

export const PAGE_WIDTH = 1240;
/** A4's proportions: a short order still looks like a sheet of paper. */
export const MIN_PAGE_HEIGHT = Math.round((PAGE_WIDTH * 297) / 210);
const MARGIN = 80;
const CONTENT = PAGE_WIDTH - 2 * MARGIN;
const PAD = 12;
const FAMILY =
	"'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'Source Han Sans SC', 'WenQuanYi Micro Hei', system-ui, sans-serif";
const font = (size: number, bold = false) => `${bold ? '600 ' : ''}${size}px ${FAMILY}`;
const INK = '#1a1a1a';
const MUTED = '#666666';
/** The row-number column; the other columns share the rest of the content width. */
const NO_WIDTH = 64;
export const TABLE_COLUMNS_WIDTH = CONTENT - NO_WIDTH;

/** A goods table's headings: product, quantity, unit price, VAT rate, amount. */
export interface GoodsHeaders {
	readonly no: string;
	readonly product: string;
	readonly qty: string;
	readonly price: string;
	readonly vat: string;
	readonly amount: string;
}

export interface GoodsLine {
	readonly product: string;
	/** Second line under the name: code, spec. */
	readonly detail: string;
	readonly qty: string;
	readonly price: string;
	readonly vat: string;
	readonly amount: string;
}

/** The table of an order, a quotation or a delivery: one row per line of goods. */
export function goodsTable(h: GoodsHeaders, lines: readonly GoodsLine[]): DocTable {
	return {
		no: h.no,
		columns: [
			{ header: h.product, width: 416, align: 'left' },
			{ header: h.qty, width: 170, align: 'right' },
			{ header: h.price, width: 170, align: 'right' },
			{ header: h.vat, width: 80, align: 'right' },
			{ header: h.amount, width: 180, align: 'right' }
		],
		rows: lines.map((l) => ({
			cells: [l.product, l.qty, l.price, l.vat, l.amount],
			detail: l.detail,
			text: `${l.qty} × ${l.price} = ${l.amount}`
		}))
	};
}

/**
 * Splits `text` into lines no wider than `max`: Chinese may break between any two characters, Latin
 * words break at spaces, and a word wider than a line is cut by characters. Never returns no lines.
 */
export function wrapText(text: string, max: number, f: string, measure: Measure): string[] {
	const out: string[] = [];
	for (const para of text.split(/\r?\n/)) {
		// Tokens: a run of word characters, a run of spaces, or any other single character (CJK).
		const tokens = para.match(/\s+|[A-Za-z0-9\u00C0-\u024F'’\-_.,/:;%()[\]#&+]+|./gsu) ?? [];
		let line = '';
		const push = () => {
			out.push(line.trimEnd());
			line = '';
		};
		for (const token of tokens) {
			if (measure(line + token, f) <= max) {
				line += token;
				continue;
			}
			if (/^\s+$/.test(token)) {
				push();
				continue;
			}
			if (line.trim() !== '') push();
			if (measure(token, f) <= max) {
				line = token;
				continue;
			}
			// A word wider than the line: cut it by characters.
			for (const ch of token) {
				if (line !== '' && measure(line + ch, f) > max) push();
				line += ch;
			}
		}
		if (line.trim() !== '' || out.length === 0 || para === '') push();
	}
	return out.length ? out : [''];
}

/** Places everything; the page is at least A4-shaped and grows with the lines. */
export function layoutDocImage(d: DocImageData, measure: Measure): DocImageLayout {
	const ops: DrawOp[] = [];
	const text = (
		t: string,
		x: number,
		y: number,
		f: string,
		align: 'left' | 'right' | 'center' = 'left',
		color = INK
	) => {
		if (t !== '') ops.push({ kind: 'text', text: t, x, y, font: f, align, color });
	};
	/** Wrapped lines of `lh` px each, starting with the box at `top`; returns the height used. */
	const block = (
		t: string,
		x: number,
		top: number,
		max: number,
		f: string,
		lh: number,
		align: 'left' | 'right' | 'center' = 'left',
		color = INK
	) => {
		const lines = wrapText(t, max, f, measure);
		lines.forEach((l, i) => text(l, x, top + i * lh + lh / 2, f, align, color));
		return lines.length * lh;
	};

	let y = MARGIN;
	const mid = PAGE_WIDTH / 2;
	if (d.company) y += block(d.company, mid, y, CONTENT, font(26, true), 38, 'center') + 6;
	y += block(d.title, mid, y, CONTENT, font(40, true), 56, 'center') + 24;
	ops.push({ kind: 'rule', x: MARGIN, y, w: CONTENT, h: 3 });
	y += 20;

	// Fields, two to a row; each cell is "label：value", wrapped in its half.
	const half = (CONTENT - 40) / 2;
	for (let i = 0; i < d.fields.length; i += 2) {
		let h = 0;
		for (const [j, cell] of d.fields.slice(i, i + 2).entries()) {
			const x = MARGIN + j * (half + 40);
			const label = `${cell[0]}${d.colon}`;
			const lw = measure(label, font(20, true));
			text(label, x, y + 17, font(20, true), 'left', MUTED);
			h = Math.max(h, block(cell[1], x + lw, y, half - lw, font(20), 34));
		}
		y += h + 4;
	}
	y += 16;

	// The table: the row number, then the columns as given.
	// Widths are scaled to the table, so a rounding in the caller's figures cannot push a column off it.
	const sum = d.table.columns.reduce((n, c) => n + c.width, 0);
	const widths = [NO_WIDTH, ...d.table.columns.map((c) => (c.width * TABLE_COLUMNS_WIDTH) / sum)];
	const aligns: ('left' | 'right')[] = ['left', ...d.table.columns.map((c) => c.align)];
	const lefts: number[] = [];
	let x0 = MARGIN;
	for (const w of widths) {
		lefts.push(x0);
		x0 += w;
	}
	const anchor = (c: number) => (aligns[c] === 'left' ? lefts[c]! + PAD : lefts[c]! + widths[c]! - PAD);
	// Headings wrap inside their columns (English ones are long), the band grows to the tallest.
	const hf = font(18, true);
	const headLh = 24;
	const heads = [d.table.no, ...d.table.columns.map((c) => c.header)].map((t, c) =>
		wrapText(t, widths[c]! - 2 * PAD, hf, measure)
	);
	const headH = Math.max(48, 2 * PAD + Math.max(...heads.map((l) => l.length)) * headLh);
	ops.push({ kind: 'rect', x: MARGIN, y, w: CONTENT, h: headH, color: '#eef1f4' });
	for (const [c, lines] of heads.entries()) {
		const top = y + (headH - lines.length * headLh) / 2;
		lines.forEach((l, i) => text(l, anchor(c), top + i * headLh + headLh / 2, hf, aligns[c]));
	}
	y += headH;
	const cellF = font(20);
	const lineH = 30;
	for (const [i, row] of d.table.rows.entries()) {
		const top = y + PAD;
		let used = 0;
		// Every cell wraps in its column (a long name, a quantity with its unit); the detail goes under the first.
		for (const [k, v] of row.cells.entries()) {
			const c = k + 1;
			const w = widths[c]! - 2 * PAD;
			let h = block(v, anchor(c), top, w, cellF, lineH, aligns[c]);
			if (k === 0 && row.detail)
				h += block(row.detail, anchor(c), top + h, w, font(16), 24, aligns[c], MUTED);
			used = Math.max(used, h);
		}
		text(String(i + 1), lefts[0]! + PAD, top + lineH / 2, cellF, 'left', MUTED);
		y = top + used + PAD;
		ops.push({ kind: 'rule', x: MARGIN, y, w: CONTENT, h: 1 });
	}
	ops.push({ kind: 'rule', x: MARGIN, y, w: CONTENT, h: 2 });
	y += 14;

	// Totals, right-aligned; the last (the total) large.
	for (const [i, [label, value]] of d.totals.entries()) {
		const last = i === d.totals.length - 1;
		const lh = last ? 44 : 32;
		const f = font(last ? 28 : 20, last);
		text(value, MARGIN + CONTENT, y + lh / 2, f, 'right');
		text(
			label,
			MARGIN + CONTENT - Math.max(240, measure(value, f) + 24),
			y + lh / 2,
			font(20, last),
			'right'
		);
		y += lh;
	}
	y += 20;

	if (d.words) {
		const label = `${d.words[0]}${d.colon}`;
		const lw = measure(label, font(20, true));
		text(label, MARGIN, y + 17, font(20, true), 'left', MUTED);
		y += block(d.words[1], MARGIN + lw, y, CONTENT - lw, font(20, true), 34) + 12;
	}

	if (d.note) {
		const label = `${d.note[0]}${d.colon}`;
		const lw = measure(label, font(20, true));
		text(label, MARGIN, y + 17, font(20, true), 'left', MUTED);
		y += block(d.note[1], MARGIN + lw, y, CONTENT - lw, font(20), 34) + 20;
	}

	y += 40;
	text(d.footer[0], MARGIN, y + 17, font(20));
	text(d.footer[1], MARGIN + CONTENT, y + 17, font(20), 'right');
	y += 34 + MARGIN;

	return { width: PAGE_WIDTH, height: Math.max(MIN_PAGE_HEIGHT, Math.ceil(y)), ops };
}

/** iOS Safari refuses canvases above 16,777,216 pixels, every browser sides above 32,767 px. */
const MAX_PIXELS = 16_000_000;
const MAX_SIDE = 32_000;

/** The scale to draw at: `want`×, less for a very long document so the canvas stays within the limits. */
export function pixelScale(width: number, height: number, want = 2): number {
	const byArea = Math.sqrt(MAX_PIXELS / (width * height));
	return Math.min(want, byArea, MAX_SIDE / width, MAX_SIDE / height);
}

/** Draws the document on a canvas (2×, see `pixelScale`) and encodes it as PNG. Browser only. */
export async function renderDocImage(d: DocImageData): Promise<Blob> {
	const canvas = document.createElement('canvas');
	const ctx = canvas.getContext('2d');
	if (!ctx) throw new Error('canvas 2d unavailable');
	const measure: Measure = (t, f) => {
		ctx.font = f;
		return ctx.measureText(t).width;
	};
	const layout = layoutDocImage(d, measure);
	const scale = pixelScale(layout.width, layout.height);
	canvas.width = Math.floor(layout.width * scale);
	canvas.height = Math.floor(layout.height * scale);
	ctx.scale(scale, scale);
	ctx.fillStyle = '#ffffff';
	ctx.fillRect(0, 0, layout.width, layout.height);
	ctx.textBaseline = 'middle';
	for (const op of layout.ops) {
		if (op.kind === 'text') {
			ctx.font = op.font;
			ctx.fillStyle = op.color;
			ctx.textAlign = op.align;
			ctx.fillText(op.text, op.x, op.y);
		} else {
			ctx.fillStyle = op.kind === 'rect' ? op.color : INK;
			ctx.fillRect(op.x, op.y, op.w, op.h);
		}
	}
	return new Promise((resolve, reject) =>
		canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png')
	);
}

/**
 * The document as a chat message: the company and title, the fields, each row (its first cell and
 * detail, then its text: quantity × price = amount for goods), the totals, the capital numerals and
 * the note.
 */
export function docText(d: DocImageData): string {
	const out: string[] = [];
	if (d.company) out.push(d.company);
	out.push(`【${d.title}】`);
	for (const [label, value] of d.fields) if (value) out.push(`${label}${d.colon}${value}`);
	out.push('');
	for (const [i, row] of d.table.rows.entries()) {
		const first = row.cells[0] ?? '';
		out.push(`${i + 1}. ${row.detail ? `${first} · ${row.detail}` : first}`);
		if (row.text) out.push(`   ${row.text}`);
	}
	out.push('');
	for (const [label, value] of d.totals) out.push(`${label}${d.colon}${value}`);
	if (d.words) out.push(`${d.words[0]}${d.colon}${d.words[1]}`);
	if (d.note) out.push(`${d.note[0]}${d.colon}${d.note[1]}`);
	return out.join('\n');
}
