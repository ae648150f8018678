// The shape of the labelled pairs that tests/unit/repeat-quality.test.ts scores.

/** One case of a pair: title and text, category (null: from the portal, unclassified), place. */
export interface Side {
  t: [title: string, content: string];
  cat: string | null;
  address?: string;
  /** the township (乡镇/街道) unit the case was filed under */
  township?: string;
  /** the name the person gave (姓名), where the pair is about linking by it */
  name?: string;
  /** when it came in, in days before the later case (default 20) */
  daysAgo?: number;
  /** when it closed, in days before the later case; open when absent */
  closedDaysAgo?: number;
}

/**
 * How the person identified themselves each time. phone: the same mobile, no ID number (the
 * default). id-new-phone: the same ID number, another phone. id-then-phone: ID number and phone,
 * then the same phone alone. phone-then-id: the reverse. landline-no-id: a mobile, then a landline,
 * no ID number either time (nothing ties the two). other: another person. family: two people, each
 * with their own ID number, sharing one phone.
 */
export type Who =
  | 'phone'
  | 'id-new-phone'
  | 'id-then-phone'
  | 'phone-then-id'
  | 'landline-no-id'
  | 'other'
  | 'family';

export interface LabelledPair {
  group: string;
  /** the label: is b a repeat (同人同事) of a? */
  repeat: boolean;
  who?: Who;
  /** the matter it was written from, to split a set into halves that share no matter */
  key?: string;
  a: Side;
  b: Side;
}
