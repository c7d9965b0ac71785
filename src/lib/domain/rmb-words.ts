/**
 * An amount in the capital numerals (大写) that Chinese quotations, delivery notes, receipts and cheques
 * carry beside the figures, so that a total cannot be altered by adding a stroke: ¥1,409.50 is
 * 壹仟肆佰零玖元伍角.
 *
 * Rules (rule M7, after the People's Bank of China's 支付结算办法, 附件一 "正确填写票据和结算凭证的基本规定"):
 * - Digits 零壹贰叁肆伍陆柒捌玖; within a group of four 拾佰仟; groups 万, 亿, and 万亿 above that.
 * - Every 拾 keeps its digit (壹拾元, never 拾元): the banks' form, which no one can extend in front.
 * - A run of zeros inside the yuan is one 零 (¥6,007.14: 陆仟零柒元…; ¥10,005: 壹万零伍元); zeros at the
 *   end of the yuan, or of a group before its 万 or 亿, are not written (¥107,000: 壹拾万柒仟元).
 * - An amount without 角 or 分 ends in 整 after 元; 角 ends without it (伍角).
 * - 零 stands between 元 and 分 when 角 is zero (¥325.04: 叁佰贰拾伍元零肆分); with no yuan at all there
 *   is no 元 and no leading 零 (¥0.05: 伍分). Zero is 零元整.
 * - A negative amount (a refund, a credit note) is prefixed with 负.
 *
 * The amount is integer fen; no float is involved, so any safe integer is exact.
 */
import { MoneyError, type Fen } from './money';

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES = ['', '拾', '佰', '仟'] as const;

/** The yuan part (a non-negative safe integer) in capitals, without 元; '' for 0. */
function yuanWords(yuan: number): string {
	// Groups of four digits, lowest first: 0–9999 each.
	const groups: number[] = [];
	for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
	let out = '';
	// A zero has been passed since the last digit written: the next digit written gets one 零 before it.
	let zero = false;
	for (let g = groups.length - 1; g >= 0; g--) {
		const group = groups[g]!;
		for (let place = 3; place >= 0; place--) {
			const d = Math.floor(group / 10 ** place) % 10;
			if (d === 0) {
				if (out !== '') zero = true;
				continue;
			}
			if (zero) out += '零';
			zero = false;
			out += DIGITS[d]! + PLACES[place]!;
		}
		if (group !== 0 && g > 0) {
			out += g === 1 ? '万' : g === 2 ? '亿' : '万';
			// Zeros that end a group stay unwritten: ¥107,000 is 壹拾万柒仟, not 壹拾万零柒仟.
			zero = false;
		}
		// 万亿: the group above 亿 ends in 万 and needs 亿 after it when the 亿 group itself is empty.
		if (g === 3 && group !== 0 && groups[2] === 0) out += '亿';
	}
	return out;
}

/** `amount` (integer fen) in capital numerals, as a Chinese document writes its total. */
export function rmbWords(amount: Fen | number): string {
	if (!Number.isSafeInteger(amount)) throw new MoneyError('out-of-range', `not an amount in fen: ${amount}`);
	if (amount === 0) return '零元整';
	const negative = amount < 0;
	const abs = Math.abs(amount);
	const yuan = Math.floor(abs / 100);
	const jiao = Math.floor(abs / 10) % 10;
	const fen = abs % 10;
	let out = yuanWords(yuan);
	if (yuan > 0) out += '元';
	if (jiao === 0 && fen === 0) out += '整';
	else {
		if (jiao > 0) out += DIGITS[jiao]! + '角';
		else if (yuan > 0) out += '零';
		if (fen > 0) out += DIGITS[fen]! + '分';
	}
	return (negative ? '负' : '') + out;
}
