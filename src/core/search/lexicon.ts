import { tokenize, type Token } from './tokenize';

/**
 * A Russian → English domain lexicon for RLHF/RLAIF talks, so a Russian sentence finds English passages.
 * Left: a Russian word or phrase in any form (it is stemmed, so "обратной связью" matches "обратная связь").
 * Right: English words the passage would use; "|" separates alternatives, each weighted down so that a
 * word with three translations does not count three times.
 */
const ENTRIES: readonly (readonly [string, string])[] = [
  // Methods and their parts
  ['обучение с подкреплением', 'reinforcement learning'],
  ['подкрепление', 'reinforcement'],
  ['обратная связь', 'feedback'],
  ['фидбек', 'feedback'],
  ['фидбэк', 'feedback'],
  ['отзыв', 'feedback'],
  ['человеческий фидбек', 'human feedback'],
  ['модель вознаграждения', 'reward model'],
  ['модель награды', 'reward model'],
  ['вознаграждение', 'reward'],
  ['награда', 'reward'],
  ['взлом награды', 'reward hacking'],
  ['политика', 'policy'],
  ['стратегия', 'policy'],
  ['обучение с учителем', 'supervised learning|supervised fine-tuning'],
  ['файнтюнить', 'fine-tune'],
  ['файнтюнинг', 'fine-tuning'],
  ['дообучение', 'fine-tuning'],
  ['дообучать', 'fine-tune'],
  ['предобученная', 'pretrained'],
  ['языковая модель', 'language model'],
  ['большая языковая модель', 'large language model|LLM'],
  ['модель', 'model'],
  ['учитель', 'labeler|teacher'],
  ['ии', 'AI'],
  ['искусственный интеллект', 'AI'],
  ['бейзлайн', 'baseline'],
  ['базовая линия', 'baseline'],
  ['конституция', 'constitution|constitutional'],
  ['принцип', 'principle'],
  ['критика', 'critique'],
  ['исправление', 'revision'],
  ['цепочка рассуждений', 'chain-of-thought'],
  ['рассуждение', 'reasoning'],
  ['самосогласованность', 'self-consistency'],
  ['промпт', 'prompt'],
  ['подсказка', 'prompt'],
  ['инструкция', 'instruction'],
  ['выборка', 'sample|sampling'],
  ['выбор', 'choice|preference'],
  ['сэмплирование', 'sampling'],
  ['отказ', 'rejection|refuse'],
  ['отказываться', 'refuse'],
  // Tasks and qualities
  ['суммаризация', 'summarization|summary'],
  ['саммари', 'summary'],
  ['краткое содержание', 'summary'],
  ['резюме', 'summary'],
  ['пересказ', 'summary'],
  ['диалог', 'dialogue'],
  ['полезный', 'helpful'],
  ['полезность', 'helpfulness'],
  ['безвредный', 'harmless'],
  ['безвредность', 'harmlessness|harmless'],
  ['вред', 'harm'],
  ['вредный', 'harmful'],
  ['токсичность', 'toxicity'],
  ['нетоксичность', 'toxicity'],
  ['токсичный', 'toxic'],
  ['честность', 'honesty'],
  ['безопасность', 'safety'],
  ['безопасный', 'safe'],
  ['уклончивый', 'evasive'],
  ['уклончивость', 'evasive|evasiveness'],
  ['человечность', 'human-like|humanlike'],
  ['качество', 'quality'],
  ['робастность', 'robustness'],
  ['устойчивость', 'robustness'],
  ['обобщающая способность', 'generalization|generalize'],
  ['обобщение', 'generalization'],
  ['обобщать', 'generalize'],
  ['домен', 'domain'],
  ['новый домен', 'new domain|transfer'],
  ['распределение', 'distribution'],
  ['смещение', 'bias|shift'],
  ['предвзятость', 'bias'],
  ['позиционное смещение', 'position bias'],
  ['угодничество', 'sycophancy'],
  ['подхалимство', 'sycophancy'],
  ['обман', 'deception|deceptive'],
  ['манипуляция', 'manipulation'],
  ['прозрачность', 'transparency'],
  ['затемняться', 'opaque|obscure|transparency'],
  ['непрозрачный', 'opaque'],
  ['принятие решений', 'decision-making'],
  ['решение', 'decision'],
  // People, data, cost
  ['человек', 'human'],
  ['люди', 'human|people'],
  ['человеческий', 'human'],
  ['разметчик', 'labeler|annotator'],
  ['аннотатор', 'annotator|labeler'],
  ['оценщик', 'evaluator|rater'],
  ['асессор', 'rater|annotator'],
  ['предпочтение', 'preference'],
  ['сравнение', 'comparison'],
  ['попарное сравнение', 'pairwise comparison'],
  ['данные', 'data'],
  ['разметка', 'label|annotation'],
  ['метка', 'label'],
  ['качество данных', 'data quality'],
  ['собирать', 'collect|gather'],
  ['сбор', 'collection|collecting'],
  ['дорогой', 'expensive|costly'],
  ['дороже', 'expensive|costly'],
  ['дешевый', 'cheap|cost'],
  ['дешевле', 'cheaper|cost'],
  ['стоимость', 'cost'],
  ['затраты', 'cost'],
  ['ресурс', 'resource|cost'],
  ['ограниченный', 'limited'],
  ['ограничение', 'limitation|constraint'],
  ['недостаток', 'limitation|drawback'],
  ['преимущество', 'advantage|benefit'],
  ['масштабирование', 'scaling|scale'],
  ['масштаб', 'scale'],
  ['размер', 'size'],
  ['мощность', 'capability|size|scale'],
  ['время', 'time'],
  ['дольше', 'time|slow'],
  ['долго', 'time|slow'],
  // Oversight
  ['надзор', 'oversight|supervision'],
  ['контроль', 'oversight|supervision|control'],
  ['автоматический', 'automated|automatic'],
  ['сложная система', 'complex system|capable system'],
  ['масштабируемый надзор', 'scalable oversight'],
  ['сложность надзора', 'difficulty oversight'],
  // Evaluation and results
  ['оценка', 'evaluation|rating|score'],
  ['оценивать', 'evaluate|rate'],
  ['процент побед', 'win rate'],
  ['доля побед', 'win rate'],
  ['победа', 'win'],
  ['выигрывать', 'win|outperform'],
  ['превосходить', 'outperform|better|exceed'],
  ['превзойти', 'outperform|better|exceed'],
  ['превосходит', 'outperform|better|exceed'],
  ['превзойдет', 'outperform|better|exceed'],
  ['лучше', 'better|outperform'],
  ['хуже', 'worse'],
  ['сильнейший', 'strong|larger'],
  ['сильный', 'strong'],
  ['немного', 'slightly|small'],
  ['статистически значимый', 'statistically significant'],
  ['значимый', 'significant'],
  ['сопоставимый', 'comparable|similar'],
  ['одинаково', 'comparable|similar|equal'],
  ['такой же', 'similar|comparable'],
  ['результат', 'result'],
  ['прирост', 'improvement|gain'],
  ['улучшение', 'improvement'],
  ['распознавать', 'detect|classify|identify'],
  ['классификатор', 'classifier'],
  ['точность', 'accuracy'],
  ['согласованность', 'agreement|alignment'],
  ['выравнивание', 'alignment'],
  ['заменить', 'replace|alternative|substitute'],
  ['замена', 'replacement|alternative'],
  ['ответ', 'response|answer'],
  ['текст', 'text'],
  ['задача', 'task'],
  ['метод', 'method'],
  ['подход', 'approach'],
  ['ошибка', 'error|mistake'],
  ['проблема', 'problem|challenge'],
  ['вызов', 'challenge'],
  ['фундаментальный', 'fundamental'],
  ['открытая проблема', 'open problem'],
  ['бинарный', 'binary'],
  ['бинарно', 'binary'],
  ['категориальный', 'categorical|scale|likert'],
  ['категориально', 'categorical|scale|likert'],
  ['шкала', 'scale|likert'],
  ['итеративный', 'iterative'],
  ['итерация', 'iteration|iterative'],
  ['еженедельно', 'weekly'],
  ['раз в неделю', 'weekly'],
  ['раса', 'race'],
  ['религия', 'religion'],
  ['пол', 'gender'],
  ['гендер', 'gender'],
  ['идентичность', 'identity'],
  ['группа', 'group'],
  ['вероятность', 'probability'],
  ['учить', 'train'],
  ['обучение', 'training'],
  ['обучать', 'train'],
  ['обученный', 'trained'],
  ['генерация', 'generation'],
  ['генерировать', 'generate'],
  ['выполнение', 'performance|perform'],
  ['работать', 'perform|work'],
  ['плохо', 'poorly|poor'],
  ['сложный', 'complex|difficult'],
  ['трудно', 'difficult|hard'],
  ['трудный', 'difficult|hard'],
  ['замечать', 'notice|detect'],
  ['развертывание', 'deployment'],
  ['верный', 'correct'],
  ['правильный', 'correct'],
  ['ценности', 'values'],
  ['репрезентативный', 'representative'],
  ['нерепрезентативный', 'unrepresentative|representative'],
  ['небольшой', 'small'],
  ['вводить в заблуждение', 'mislead|misleading'],
  ['злонамеренный', 'malicious'],
  ['цель', 'goal|objective'],
];

interface Translation {
  /** Russian stems of the entry's words, in order. */
  readonly source: readonly string[];
  /** English stems, one list per alternative. */
  readonly alternatives: readonly (readonly string[])[];
}

let table: Map<string, Translation[]> | undefined;

/** The lexicon indexed by the stem of each entry's first word, longest entries first. */
function lexicon(): Map<string, Translation[]> {
  if (table) return table;
  table = new Map();
  for (const [russian, english] of ENTRIES) {
    const source = tokenize(russian).map((token) => token.stem);
    if (source.length === 0) continue;
    const alternatives = english.split('|').map((alternative) => tokenize(alternative).map((token) => token.stem));
    const list = table.get(source[0]!) ?? [];
    list.push({ source, alternatives });
    table.set(source[0]!, list);
  }
  for (const list of table.values()) list.sort((a, b) => b.source.length - a.source.length);
  return table;
}

/** A query term and how much it counts. */
export interface WeightedTerm {
  readonly stem: string;
  readonly weight: number;
}

/**
 * Query terms of a text: English words as they are, Russian phrases found in the lexicon replaced by their
 * English words (alternatives weighted 1/√n), and Russian words not in the lexicon kept (they still match
 * Russian text, e.g. a person's own notes).
 */
export function translateQuery(tokens: readonly Token[]): WeightedTerm[] {
  const terms: WeightedTerm[] = [];
  const entries = lexicon();
  for (let index = 0; index < tokens.length; ) {
    const token = tokens[index]!;
    if (!token.russian) {
      terms.push({ stem: token.stem, weight: 1 });
      index++;
      continue;
    }
    const match = (entries.get(token.stem) ?? []).find((entry) => entry.source.every((stem, offset) => tokens[index + offset]?.russian && tokens[index + offset]!.stem === stem));
    if (!match) {
      terms.push({ stem: token.stem, weight: 1 });
      index++;
      continue;
    }
    const weight = 1 / Math.sqrt(match.alternatives.length);
    for (const alternative of match.alternatives) for (const stem of alternative) terms.push({ stem, weight });
    index += match.source.length;
  }
  return terms;
}
