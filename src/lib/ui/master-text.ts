/**
 * Words for master data on screen: error codes from the domain turned into messages, field names, and
 * field values (fen as money, basis points as percent, unit lists, safety levels) for the history view.
 */
import type { FieldError } from '../domain/master/fields';
import { formatBp } from '../domain/master/product';
import { i18n, t, type MessageKey } from '../i18n/index.svelte';

const ERRORS = new Set([
	'required',
	'tooLong',
	'price',
	'amount',
	'qty',
	'integer',
	'factor',
	'days',
	'vat',
	'yesNo',
	'date',
	'codeTaken',
	'barcodeTaken',
	'barcodeRepeated',
	'barcode',
	'unitRepeated',
	'tooMany',
	'unknownWarehouse',
	'warehouseRepeated',
	'safetyRange',
	'unknownSupplier',
	'phone',
	'percent',
	'choice',
	'unknownRef',
	'missingColumn',
	'duplicateInFile',
	'unknownProduct',
	'warehouseNoBranch',
	'unknownUnit',
	'batchRequired',
	'record',
	'readOnly',
	'unknownRecord',
	'importHasErrors',
	'importEmpty',
	'unknownCode',
	'codeRequired',
	'unknownParty',
	'ambiguousParty',
	'openingExists'
]);

/** Fields whose missing value gets a message of its own (with an example) instead of a bare 必填. */
const REQUIRED_HINTS = new Set(['name', 'unit']);

/** The message for a domain error in the current language (never a raw code for a known one). */
export function errorText(e: FieldError | undefined | null, field?: string): string | null {
	if (!e) return null;
	if (e.code === 'deriving') return t('common.deriving');
	if (!ERRORS.has(e.code)) return e.code;
	if (e.code === 'required' && field && REQUIRED_HINTS.has(field))
		return t(`md.error.required.${field}` as MessageKey);
	return t(`md.error.${e.code}` as MessageKey, e.params);
}

const FIELDS = new Set([
	'name',
	'code',
	'spec',
	'model',
	'category',
	'unit',
	'units',
	'barcodes',
	'purchasePrice',
	'retailPrice',
	'wholesalePrice',
	'memberPrice',
	'vat',
	'safety',
	'batchTracked',
	'shelfLifeDays',
	'supplier',
	'leadTimeDays',
	'active',
	'contact',
	'phones',
	'address',
	'termsDays',
	'bank',
	'note',
	'tier',
	'discountBp',
	'creditLimit',
	'branch',
	'kind'
]);

const ORDER = [...FIELDS];

/** Fields in the order the forms show them (name and code first), for the history view. */
export function fieldOrder(field: string): number {
	const i = ORDER.indexOf(field);
	return i === -1 ? ORDER.length : i;
}

export function fieldLabel(field: string): string {
	return FIELDS.has(field) ? t(`md.field.${field}` as MessageKey) : field;
}

const CHOICES = new Set(['retail', 'wholesale', 'member', 'cash', 'bank', 'wechat', 'alipay', 'card']);

export function choiceLabel(value: string): string {
	return CHOICES.has(value) ? t(`md.choice.${value}` as MessageKey) : value;
}

const MONEY = new Set(['purchasePrice', 'retailPrice', 'wholesalePrice', 'memberPrice', 'creditLimit']);

/** A field value as a clerk reads it; `name` names referenced records (warehouses, suppliers, branches). */
export function valueText(field: string, value: unknown, name: (id: string) => string = (id) => id): string {
	if (value === undefined || value === null || value === '') return t('md.history.blank');
	if (MONEY.has(field) && typeof value === 'number') return i18n.money(value);
	if (field === 'vat' && typeof value === 'number') return `${formatBp(value)}%`;
	if (field === 'discountBp' && typeof value === 'number') return `${formatBp(value)}%`;
	if (field === 'active') return value ? t('md.status.active') : t('md.status.archived');
	if (typeof value === 'boolean') return value ? t('md.yes') : t('md.no');
	if (field === 'tier' || field === 'kind') return choiceLabel(String(value));
	if (field === 'supplier' || field === 'branch') return name(String(value));
	if (field === 'units' && Array.isArray(value))
		return (
			(value as { name: string; factor: number }[]).map((u) => `${u.name}=${u.factor}`).join('，') ||
			t('md.history.blank')
		);
	if (field === 'safety' && typeof value === 'object') {
		const parts = Object.entries(value as Record<string, { min: number; max?: number }>).map(
			([wh, l]) => `${name(wh)} ${i18n.qty(l.min)}–${l.max === undefined ? '' : i18n.qty(l.max)}`
		);
		return parts.join('；') || t('md.history.blank');
	}
	if (Array.isArray(value)) return value.join('，') || t('md.history.blank');
	return String(value);
}
