// The words of a search box. A query is split on spaces (ASCII and the full-width 　 a Chinese IME
// types) into terms that must all match; a phone number typed in groups ('138 0013 8000',
// '0591-8765 4321') stays one term. A term may also name a petitioner or a case
// exactly — a phone number, an ID number, a name, a query code, the old system's case number of an
// imported case — which the bureau's desk looks up
// (the caller's earlier cases); views.ts decides who may, and matches those through indexed columns.
import {
  isValidIdNumber,
  isValidMobile,
  maskIdNumber,
  maskPhone,
  normalizeIdNumber,
  normalizePhone,
} from './masking';

/** At most this many terms: each is a condition of its own, so a query cannot grow without end. */
export const MAX_SEARCH_TERMS = 5;

export interface SearchTerm {
  /** what the text (number, title, content, address) must contain */
  text: string;
  /** the normalized phone number the term is, if it is one (mobile, or a landline with area code) */
  phone?: string;
  /** a phone number as typed, where that differs from its digits: the text may hold either */
  typed?: string;
  /** the normalized ID number the term is, if it is a valid one */
  idNumber?: string;
  /** the term upper-cased, if it has the shape of a query code (10 letters and digits) */
  queryCode?: string;
  /** the term, if it could be a person's name as registered (2–4 Chinese characters, or with ·) */
  name?: string;
  /** the term as typed, if it could be a case number of the system a county imported from */
  externalId?: string;
}

const SPACES = /[\s\u3000]+/;
/** Only digits and what people type between them in a phone number. */
const PHONE_SHAPED = /^[\d\uFF10-\uFF19\s\u3000+\-\uFF0B\uFF0D()\uFF08\uFF09]+$/;
/** As the intake accepts a landline: area code (3–4 digits with its 0) and 7–8 digits. */
const LANDLINE = /^0\d{2,3}\d{7,8}$/;
const QUERY_CODE = /^[A-Z0-9]{10}$/;
/**
 * An imported case's number in the old system (LSXF-2024-000645, XF20240012, XF-5): 4–64 of
 * these with a digit and a letter or a separator; plain digits are a phone's, a year's or an amount's.
 */
const EXTERNAL_ID = /^(?=.*\d)(?=.*[A-Za-z\-./_#:])[\w\-./#:]{4,64}$/;
/** Han names of 2–4 characters; minority names written with a middle dot (阿卜杜·热合曼) up to 12. */
const NAME = /^(?:\p{Script=Han}{2,4}|\p{Script=Han}{1,6}(?:[·•]\p{Script=Han}{1,6}){1,2})$/u;

function phoneOf(s: string): string | undefined {
  if (!PHONE_SHAPED.test(s)) return undefined;
  const digits = normalizePhone(s);
  return isValidMobile(digits) || LANDLINE.test(digits) ? digits : undefined;
}

function term(word: string): SearchTerm {
  const phone = phoneOf(word);
  // written in a case's text the number may be as typed (0591-87654321) or as digits
  if (phone) return word === phone ? { text: phone, phone } : { text: phone, phone, typed: word };
  const t: SearchTerm = { text: word };
  if (isValidIdNumber(word)) t.idNumber = normalizeIdNumber(word);
  const upper = word.toUpperCase();
  if (QUERY_CODE.test(upper)) t.queryCode = upper;
  if (NAME.test(word)) t.name = word;
  if (!t.idNumber && EXTERNAL_ID.test(word)) t.externalId = word;
  return t;
}

/** Digits with what people type between them: a phone number read out in groups, among words. */
const DIGIT_RUN =
  /[+\uFF0B(\uFF08]?[\d\uFF10-\uFF19][\d\uFF10-\uFF19\s\u3000\-\uFF0D()\uFF08\uFF09]*[\d\uFF10-\uFF19Xx\uFF38\uFF58]/g;

/** An ID number typed in groups (110105 19900101 0125) is one word too. */
function idOf(run: string): string | undefined {
  const joined = run.replace(/[\s\u3000\-\uFF0D]/g, '');
  return isValidIdNumber(joined) ? normalizeIdNumber(joined) : undefined;
}

/** The words of `q` as typed, before the cap: what the route counts to refuse too many. */
export function searchWords(q: string): string[] {
  // a phone number typed in groups is one word: '138 0013 8000 积水' is two
  // (only a run with spaces is rewritten: 0591-87654321 stays as typed, its term knows the digits)
  const joined = q.replace(DIGIT_RUN, (run) =>
    /[\s\u3000]/.test(run) ? (phoneOf(run) ?? idOf(run) ?? run) : run,
  );
  return [...new Set(joined.trim().split(SPACES).filter(Boolean))];
}

/** The terms of a query, at most MAX_SEARCH_TERMS (the words beyond are not searched). */
export function searchTerms(q: string): SearchTerm[] {
  return searchWords(q).slice(0, MAX_SEARCH_TERMS).map(term);
}

/**
 * A search as the audit log keeps it: the words, with a phone or ID number masked as lists and
 * exports show them (138****8000). Who looked for which caller stays readable, the number does not.
 */
export function maskedSearch(q: string): string {
  return searchWords(q)
    .map((w) => {
      const t = term(w);
      return t.phone ? maskPhone(t.phone) : t.idNumber ? maskIdNumber(t.idNumber) : w;
    })
    .join(' ');
}
