/**
 * The claims core's public surface for the VS Code layer and the CLI: a talk's claims, each with its
 * verdict and evidence. Pure Node: no `vscode` import.
 */
export { loadClaims, loadClaimsFolder } from './load';
export { findInTalk, stripLineMarkup, type TalkSpan } from './talkText';
export { MISSING_MARK, OPPOSED_MARK, rationaleProblems } from './verdictRules';
export { formatClaimProblem, isVerifiedSource, VERDICTS, type Claim, type ClaimEvidence, type ClaimFolder, type ClaimProblem, type ClaimSet, type Verdict } from './model';
