/**
 * Importing and exporting suppliers and customers (rules IM1–IM4): each row is checked like the form
 * (checkRecord), codes against the existing records and the rows above. Choices are written in words
 * (零售/批发/会员) and read back in either language.
 */
import type { MasterFields } from '../catalogue';
import { checkRecord, formatField, RECORD_FIELDS, type RecordKind } from '../master/record';
import type { Owner } from '../master/product';
import {
	cellsOf,
	headerRow,
	isBlankRow,
	mapHeader,
	type Column,
	type ImportError,
	type ImportPlan,
	type Lang,
	sortErrors
} from './sheet';

const LABELS: Record<string, [string, string]> = {
	code: ['编码', 'Code'],
	name: ['名称', 'Name'],
	contact: ['联系人', 'Contact'],
	phones: ['电话', 'Phones'],
	address: ['地址', 'Address'],
	termsDays: ['账期天数', 'Payment terms days'],
	leadTimeDays: ['交货天数', 'Lead time days'],
	bank: ['开户行及账号', 'Bank details'],
	note: ['备注', 'Note'],
	tier: ['价格等级', 'Price tier'],
	discountBp: ['折让%', 'Discount %'],
	creditLimit: ['信用额度', 'Credit limit'],
	branch: ['门店', 'Branch'],
	kind: ['类型', 'Kind']
};

/** Words for choice values, per language. */
export const CHOICE_WORDS: Record<string, [string, string]> = {
	retail: ['零售', 'retail'],
	wholesale: ['批发', 'wholesale'],
	member: ['会员', 'member'],
	cash: ['现金', 'cash'],
	bank: ['银行', 'bank'],
	wechat: ['微信', 'wechat'],
	alipay: ['支付宝', 'alipay'],
	card: ['刷卡', 'card']
};

export type ImportableKind = 'supplier' | 'customer';

export function recordColumns(kind: RecordKind): Column[] {
	return RECORD_FIELDS[kind].map((f) => ({
		key: f.field,
		zh: LABELS[f.field]?.[0] ?? f.field,
		en: LABELS[f.field]?.[1] ?? f.field,
		...(f.field === 'name' ? { required: true } : {})
	}));
}

function choiceFromWord(word: string): string {
	const w = word.trim().toLowerCase();
	for (const [value, [zh, en]] of Object.entries(CHOICE_WORDS)) if (w === zh || w === en) return value;
	return word;
}

export interface RecordDraft<K extends RecordKind> {
	readonly id: string;
	readonly fields: MasterFields<K>;
}

export function planRecordImport<K extends ImportableKind>(
	kind: K,
	sheet: readonly (readonly string[])[],
	codes: ReadonlyMap<string, Owner>,
	newId: () => string
): ImportPlan<RecordDraft<K>> {
	const columns = recordColumns(kind);
	const map = mapHeader(sheet[0] ?? [], columns);
	const errors: ImportError[] = [...map.errors];
	const drafts: RecordDraft<K>[] = [];
	if (errors.length > 0) return { rows: 0, drafts, errors };
	const fileCodes = new Map<string, number>();
	let rows = 0;
	sheet.slice(1).forEach((cells, k) => {
		if (isBlankRow(cells)) return;
		const row = k + 2;
		rows++;
		const cell = cellsOf(cells, map);
		const input: Record<string, string> = {};
		for (const spec of RECORD_FIELDS[kind])
			input[spec.field] = spec.type.t === 'choice' ? choiceFromWord(cell(spec.field)) : cell(spec.field);
		const r = checkRecord(kind, input, { codes });
		const column = (key: string) => map.heading.get(key) ?? LABELS[key]?.[0] ?? key;
		let bad = !r.ok;
		if (!r.ok)
			for (const [key, e] of Object.entries(r.errors))
				errors.push({ row, column: column(key), code: e.code, ...(e.params ? { params: e.params } : {}) });
		const code = input.code!.trim();
		const first = code ? fileCodes.get(code) : undefined;
		if (first !== undefined) {
			bad = true;
			errors.push({
				row,
				column: column('code'),
				code: 'duplicateInFile',
				params: { value: code, row: first }
			});
		} else if (code) fileCodes.set(code, row);
		if (!bad && r.ok) drafts.push({ id: newId(), fields: { ...r.fields, active: true } as MasterFields<K> });
	});
	if (errors.length > 0) return { rows, drafts: [], errors: sortErrors(errors, map) };
	return { rows, drafts, errors };
}

export function exportRecords(
	kind: ImportableKind,
	records: readonly { readonly values: Record<string, unknown> }[],
	lang: Lang
): string[][] {
	const columns = recordColumns(kind);
	const rows = [headerRow(columns, lang)];
	for (const { values } of records)
		rows.push(
			RECORD_FIELDS[kind].map((spec) => {
				const text = formatField(spec, values[spec.field]);
				return spec.type.t === 'choice' && text
					? (CHOICE_WORDS[text]?.[lang === 'zh' ? 0 : 1] ?? text)
					: text;
			})
		);
	return rows;
}
