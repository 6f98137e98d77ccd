import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemRussian } from '@orama/stemmers/russian';

/** One word of a text after normalisation: its stem and which language's stemmer made it. */
export interface Token {
  readonly stem: string;
  readonly russian: boolean;
  /** The word as it was written (lower-cased), for explaining a match. */
  readonly word: string;
}

// Function words that carry no evidence; numbers and acronyms are kept (win rates, "RLHF").
const ENGLISH_STOPWORDS = new Set(
  (
    'a an and are as at be been being but by can could did do does doing for from had has have having he her his how i if in into is it its ' +
    'itself may might more most much must no nor not of on once only or other our ours out over own same she should so some such than that ' +
    'the their theirs them then there these they this those through to too under until up upon very was we were what when where which while ' +
    'who whom why will with would you your also each both via e g i e et al fig figure table section appendix'
  ).split(' '),
);
const RUSSIAN_STOPWORDS = new Set(
  (
    'а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до его ее ей если есть еще же за здесь и из ' +
    'или им их к как ко когда кто ли либо мне может мы на над надо наш не него нее нет ни них но ну о об однако он она они оно от очень по под ' +
    'при с со так также такой там те тем то того тоже той только том ту тут ты у уже хотя чего чей чем что чтобы чье эта эти это этот я ' +
    'который которая которые которых котором является являются случае'
  ).split(' '),
);

const CYRILLIC = /[\u0400-\u04ff]/;
/**
 * A number with its decimals and unit letters is one token ("1.1", "6.7b", "52b"), so a claim's "1.1%" finds
 * "1.1%" and not every page with a 1 on it; otherwise a run of letters and digits.
 */
const WORD = /\d+(?:[.,]\d+)*\p{L}*|[\p{L}\p{N}]+/gu;
/** Digit groups of thousands: "123,169" and the Russian "123 169" are the same number as "123169". */
const THOUSANDS = /\b(\d{1,3})(?:[,\u00a0\u202f ](\d{3}))+\b(?![.,]\d)/g;
const GROUP_SEPARATOR = /[,\u00a0\u202f ]/g;
/** The decimal comma of Russian text ("1,8") written as English text writes it ("1.8"). */
const DECIMAL_COMMA = /(?<=\d),(?=\d)/g;

// Stemming dominates tokenising time; a corpus has few distinct words, so each is stemmed once.
const stemCache = new Map<string, Token | null>();
const STEM_CACHE_LIMIT = 200_000;

function tokenOf(word: string): Token | null {
  let token = stemCache.get(word);
  if (token !== undefined) return token;
  const russian = CYRILLIC.test(word);
  if (word.length < 2 && !/\d/.test(word)) token = null;
  else if (russian ? RUSSIAN_STOPWORDS.has(word) : ENGLISH_STOPWORDS.has(word)) token = null;
  else token = { stem: russian ? stemRussian(word) : /\d/.test(word) ? word : stemEnglish(word), russian, word };
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(word, token);
  return token;
}

/** Lower-cased (ё as е), numbers kept whole, split on anything else not a letter or digit, stop words dropped, each word stemmed. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const plain = text.normalize('NFKC').toLowerCase().replace(/ё/g, 'е').replace(THOUSANDS, (digits) => digits.replace(GROUP_SEPARATOR, '')).replace(DECIMAL_COMMA, '.');
  for (const [word] of plain.matchAll(WORD)) {
    const token = tokenOf(word);
    if (token) tokens.push(token);
  }
  return tokens;
}

/** Just the stems: how passages are indexed. */
export function stems(text: string): string[] {
  return tokenize(text).map((token) => token.stem);
}
