/**
 * The language layer: every string on screen goes through `t()`, every number, amount and date through
 * the formatters here, so switching the language switches all of them at once. 简体中文 is the default;
 * the choice is remembered per device in localStorage.
 *
 * Money arrives as integer fen and is formatted by the domain's `formatYuan` (no float on the way);
 * only the thousands separators are added here.
 */
import { formatQty, formatYuan, type Fen, type MilliQty } from '../domain/money';
import { en } from './en';
import { zhCN, type MessageKey, type Messages } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export type { MessageKey } from './zh-CN';

export const LOCALES: readonly { readonly id: Locale; readonly label: string }[] = [
	{ id: 'zh-CN', label: '简体中文' },
	{ id: 'en', label: 'English' }
];

const CATALOGUES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'jxc:locale';
/** Business dates and event times are shown in the company's time zone (the journal's, China time). */
const TIME_ZONE = 'Asia/Shanghai';
const MS_PER_DAY = 86_400_000;

export type Params = Readonly<Record<string, string | number>>;

function storedLocale(): Locale {
	try {
		const v = globalThis.localStorage?.getItem(STORAGE_KEY);
		if (v === 'zh-CN' || v === 'en') return v;
	} catch {
		// Storage can be unavailable (private mode): the default language is fine.
	}
	return 'zh-CN';
}

/** "1234567.89" → "1,234,567.89" (string in, string out: the digits are never a float). */
export function groupDigits(decimal: string): string {
	const negative = decimal.startsWith('-');
	const body = negative ? decimal.slice(1) : decimal;
	const dot = body.indexOf('.');
	const whole = dot === -1 ? body : body.slice(0, dot);
	const frac = dot === -1 ? '' : body.slice(dot);
	return (negative ? '-' : '') + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + frac;
}

/**
 * A parameter as a count: a number as is, a formatted one ("1,234") without its separators; NaN for
 * anything else (a quantity with its unit, a name).
 */
function countOf(value: string | number): number {
	return typeof value === 'number'
		? value
		: /^-?[\d,]+(\.\d+)?$/.test(value)
			? Number(value.replace(/,/g, ''))
			: NaN;
}

const EN_PLURALS = new Intl.PluralRules('en');

/**
 * Fills in `{name}` with the parameter, and `{name|one|other}` with the words that agree with it as a
 * count ("{n} {n|product is|products are}": "1 product is", "3 products are"). `plurals` picks the
 * form (English rules unless given): only the English messages need it, Chinese nouns do not inflect.
 * A parameter that is not a count takes the `other` form.
 */
export function interpolate(
	template: string,
	params?: Params,
	plurals: Intl.PluralRules = EN_PLURALS
): string {
	if (!params) return template;
	return template.replace(
		/\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g,
		(whole, name: string, one?: string, other?: string) => {
			if (!(name in params)) return whole;
			const value = params[name]!;
			if (one === undefined) return String(value);
			const n = countOf(value);
			return !Number.isNaN(n) && plurals.select(n) === 'one' ? one : other!;
		}
	);
}

class I18n {
	#locale = $state<Locale>(storedLocale());
	#messages = $derived(CATALOGUES[this.#locale]);
	#number = $derived(new Intl.NumberFormat(this.#locale));
	#plurals = $derived(new Intl.PluralRules(this.#locale));
	#percent = $derived(new Intl.NumberFormat(this.#locale, { style: 'percent', maximumFractionDigits: 1 }));
	#day = $derived(new Intl.DateTimeFormat(this.#locale, { dateStyle: 'medium', timeZone: 'UTC' }));
	#shortDay = $derived(
		new Intl.DateTimeFormat(this.#locale, { month: 'numeric', day: 'numeric', timeZone: 'UTC' })
	);
	#time = $derived(
		new Intl.DateTimeFormat(this.#locale, { dateStyle: 'short', timeStyle: 'short', timeZone: TIME_ZONE })
	);
	#clock = $derived(new Intl.DateTimeFormat(this.#locale, { timeStyle: 'short', timeZone: TIME_ZONE }));
	readonly #dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE });

	constructor() {
		if (typeof document !== 'undefined') document.documentElement.lang = this.#locale;
	}

	get locale(): Locale {
		return this.#locale;
	}

	set locale(locale: Locale) {
		this.#locale = locale;
		try {
			localStorage.setItem(STORAGE_KEY, locale);
		} catch {
			// Not remembered, still switched.
		}
		if (typeof document !== 'undefined') document.documentElement.lang = locale;
	}

	/** The message for `key` in the current language, with `{name}` parameters filled in. */
	t = (key: MessageKey, params?: Params): string => interpolate(this.#messages[key], params, this.#plurals);

	/** Integer fen → "¥1,234.50" (negative: "-¥1,234.50"). */
	money = (amount: number): string => {
		const text = groupDigits(formatYuan(amount as Fen));
		return text.startsWith('-') ? `-¥${text.slice(1)}` : `¥${text}`;
	};

	/** Thousandths of a unit → "1,234.5", with the unit if given. */
	qty = (milli: number, unit?: string): string => {
		const text = groupDigits(formatQty(milli as MilliQty));
		return unit ? `${text} ${unit}` : text;
	};

	number = (n: number): string => this.#number.format(n);

	percent = (ratio: number): string => this.#percent.format(ratio);

	/** A business date (days since 1970-01-01). */
	date = (day: number): string => this.#day.format(new Date(day * MS_PER_DAY));

	/** A business date, short (for chart axes). */
	shortDate = (day: number): string => this.#shortDay.format(new Date(day * MS_PER_DAY));

	/** A moment (ms since the epoch), e.g. when an event was recorded. */
	dateTime = (ms: number): string => this.#time.format(new Date(ms));

	/** A moment of today (in the company's time zone) as its time alone; any other with its date. */
	recent = (ms: number, now = Date.now()): string =>
		this.#dayKey.format(ms) === this.#dayKey.format(now) ? this.#clock.format(ms) : this.dateTime(ms);

	/** Bytes, for storage figures. */
	bytes = (n: number): string => {
		const units = ['B', 'KB', 'MB', 'GB'];
		let v = n;
		let i = 0;
		while (v >= 1024 && i < units.length - 1) {
			v /= 1024;
			i++;
		}
		return `${this.#number.format(Math.round(v * 10) / 10)} ${units[i]}`;
	};
}

export const i18n = new I18n();
export const t = i18n.t;
