// The evidence map's words, shared by the slide export (svg.ts) and the map webview (which gets them
// from the host, translated). Dependency-free, so the webview bundle can carry the English defaults.
import { verdictLooks } from '../claims/verdictStyle';
import { englishTexts } from '../l10n/displayText';

export const MAP_TEXT = englishTexts({
  title: 'Evidence map',
  quotes: '{0} quote|{0} quotes',
  papers: '{0} paper|{0} papers',
  challenges: '{0} challenge|{0} challenges',
  claims: '{0} claim|{0} claims',
  quotesTotal: 'Σ quotes',
  legendShade: 'Quotes linking a paper to a challenge:',
  legendClaims: 'Claims of the talk:',
  ...verdictLooks('label'),
});
export type MapTexts = typeof MAP_TEXT;
