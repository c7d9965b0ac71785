/**
 * The smallest .xlsx reader and writer the import needs: the first worksheet as rows of text cells.
 * An .xlsx file is a zip of XML parts; fflate (8 kB, no dependencies) does the zip, and the few XML
 * shapes a worksheet uses (shared strings, inline strings, numbers, booleans) are read with a scanner
 * over the text, not a DOM, so it runs the same in the browser, in Node and in a worker, and reads
 * 50,000 rows in about a second. Dates stored as serial numbers arrive as the number's text.
 *
 * Why not a library: SheetJS is no longer published to npm; read-excel-file and write-excel-file are
 * two packages (with saxen, unzipper-esm and a worker shim) for what is two short functions here.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

export class XlsxError extends Error {
	constructor(readonly code: 'not-xlsx' | 'no-sheet') {
		super(code);
	}
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
	if (!s.includes('&')) return s;
	return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, e: string) => {
		if (e[0] === '#')
			return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
		return ENTITIES[e] ?? whole;
	});
}

/** Control characters other than tab and line breaks are not allowed in XML 1.0. */
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

function escapeXml(s: string): string {
	return s
		.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`)
		.replace(XML_FORBIDDEN, '');
}

/** The text of every <t> inside one string item (rich text has several runs). */
function textOf(xml: string): string {
	let out = '';
	const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
	for (let m = re.exec(xml); m; m = re.exec(xml)) out += m[1];
	return unescapeXml(out);
}

function sharedStrings(xml: string | undefined): string[] {
	if (!xml) return [];
	const out: string[] = [];
	const re = /<si>([\s\S]*?)<\/si>|<si\/>/g;
	for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1] === undefined ? '' : textOf(m[1]));
	return out;
}

/** "BC12" → 54 (zero-based column). */
function columnIndex(ref: string): number {
	let n = 0;
	for (let i = 0; i < ref.length; i++) {
		const c = ref.charCodeAt(i);
		if (c < 65 || c > 90) break;
		n = n * 26 + (c - 64);
	}
	return n - 1;
}

function columnName(i: number): string {
	let s = '';
	for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
	return s;
}

function firstSheetPath(files: Record<string, Uint8Array>): string {
	const wb = files['xl/workbook.xml'];
	const rels = files['xl/_rels/workbook.xml.rels'];
	if (wb && rels) {
		const rid = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(strFromU8(wb))?.[1];
		const target =
			rid && new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(strFromU8(rels))?.[1];
		const alt =
			rid && new RegExp(`<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(strFromU8(rels))?.[1];
		const t = target ?? alt;
		if (t) return t.startsWith('/') ? t.slice(1) : `xl/${t}`;
	}
	return 'xl/worksheets/sheet1.xml';
}

/** Reads the first worksheet of an .xlsx file as rows of text cells (gaps filled with ''). */
export function readXlsx(data: Uint8Array): string[][] {
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(data, { filter: (f) => f.name.endsWith('.xml') || f.name.endsWith('.rels') });
	} catch {
		throw new XlsxError('not-xlsx');
	}
	const sheetFile = files[firstSheetPath(files)];
	if (!sheetFile) throw new XlsxError('no-sheet');
	const strings = sharedStrings(files['xl/sharedStrings.xml'] && strFromU8(files['xl/sharedStrings.xml']));
	const xml = strFromU8(sheetFile);
	const rows: string[][] = [];
	const rowRe = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
	const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
	for (let rm = rowRe.exec(xml); rm; rm = rowRe.exec(xml)) {
		const rAttr = /\br="(\d+)"/.exec(rm[1]!);
		const rowNo = rAttr ? Number(rAttr[1]) - 1 : rows.length;
		const cells: string[] = [];
		const body = rm[2] ?? '';
		for (let cm = cellRe.exec(body); cm; cm = cellRe.exec(body)) {
			const attrs = cm[1]!;
			const inner = cm[2] ?? '';
			const ref = /\br="([A-Z]+)\d*"/.exec(attrs)?.[1];
			const col = ref ? columnIndex(ref) : cells.length;
			const type = /\bt="(\w+)"/.exec(attrs)?.[1];
			let value = '';
			if (type === 'inlineStr') value = textOf(inner);
			else {
				const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
				if (v !== undefined) {
					if (type === 's') value = strings[Number(v)] ?? '';
					else if (type === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
					else value = unescapeXml(v);
				}
			}
			while (cells.length < col) cells.push('');
			cells[col] = value;
		}
		while (rows.length < rowNo) rows.push([]);
		rows[rowNo] = cells;
	}
	return rows;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

function workbook(sheetName: string): string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
}

/**
 * Writes rows as a one-sheet .xlsx. Every cell is an inline string, so codes like 00123 and barcodes
 * keep their digits (a number cell would drop the zeros and turn 13 digits into 6.9E+12).
 */
export function writeXlsx(rows: readonly (readonly string[])[], sheetName = 'Sheet1'): Uint8Array {
	const parts: string[] = [];
	rows.forEach((row, r) => {
		let cells = '';
		row.forEach((v, c) => {
			if (v === '') return;
			const space = /^\s|\s$/.test(v) ? ' xml:space="preserve"' : '';
			cells += `<c r="${columnName(c)}${r + 1}" t="inlineStr"><is><t${space}>${escapeXml(v)}</t></is></c>`;
		});
		parts.push(`<row r="${r + 1}">${cells}</row>`);
	});
	const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${parts.join('')}</sheetData></worksheet>`;
	return zipSync(
		{
			'[Content_Types].xml': strToU8(CONTENT_TYPES),
			'_rels/.rels': strToU8(ROOT_RELS),
			'xl/workbook.xml': strToU8(workbook(sheetName)),
			'xl/_rels/workbook.xml.rels': strToU8(WORKBOOK_RELS),
			'xl/worksheets/sheet1.xml': strToU8(sheet)
		},
		{ level: 6 }
	);
}
