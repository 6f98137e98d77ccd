/** A talk's reference list linked to the corpus papers it names, with hints where they part ways. Pure Node. */
export { parseReferenceList, type CitedAddress, type ReferenceLine } from './referenceList';
export { describeReferenceHint, matchReferences, type ReferenceHint, type ReferenceMatch } from './matchReferences';
