/** Purchasing command errors (codes with parameters) in the user's language. */
import type { FieldError } from '../../commands/context';
import { i18n, t, type MessageKey } from '../../i18n/index.svelte';

const KEYS: Record<string, MessageKey> = {
	deriving: 'common.deriving',
	required: 'purchasing.error.required',
	qty: 'purchasing.error.qty',
	price: 'purchasing.error.price',
	date: 'purchasing.error.date',
	unit: 'purchasing.error.unit',
	noLines: 'purchasing.error.noLines',
	readOnly: 'purchasing.error.readOnly',
	manager: 'purchasing.error.manager',
	record: 'purchasing.error.record',
	noBranch: 'purchasing.error.noBranch',
	unknown: 'purchasing.error.unknown',
	state: 'purchasing.error.state',
	commentRequired: 'purchasing.error.commentRequired',
	reasonRequired: 'purchasing.error.reasonRequired',
	batchRequired: 'purchasing.error.batchRequired',
	overReturn: 'purchasing.error.overReturn',
	nothingReceived: 'purchasing.error.nothingReceived',
	nothingReturned: 'purchasing.error.nothingReturned',
	noSupplier: 'purchasing.error.noSupplier'
};

export function errorText(e: FieldError | undefined): string | null {
	if (!e) return null;
	const key = KEYS[e.code];
	if (!key) return e.code;
	const params: Record<string, string | number> = { ...e.params };
	if (typeof params.status === 'string') params.status = t(`status.${params.status}` as MessageKey);
	if (typeof params.max === 'number') params.max = i18n.qty(params.max);
	return t(key, params);
}

export type Errors = Readonly<Record<string, FieldError>>;
