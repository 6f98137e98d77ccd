/** Citations: parsing `[@key]`/`\cite{key}` with offsets, BibTeX and CSL-JSON export and import. Pure Node. */
export { citationAt, citationLanguageOf, parseCitations, type Citation, type CitationLanguage, type CitedKey } from './parse';
export { citationKey, cslName, escapeBibtex, toBibtex, toBibtexEntry, toCslItem, toCslJson, type CitablePaper, type CslItem, type CslName } from './export';
export { formatImportProblem, paperFileText, parseBibliography, parseBibtexPapers, parseCslJsonPapers, slugId, writeImportedPapers, type ImportedPaper, type ImportProblem, type ImportResult } from './import';
