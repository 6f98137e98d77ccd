import * as vscode from 'vscode';
import type { DocumentClaim } from '../../core/claims/documentClaims';
import type { ClaimsService } from './service';
import type { ClaimsNode } from './view';

/** A claim named from outside its document (CodeLens, hover links, the claim panel): the document's URI and the claim's key. */
export interface ClaimRef {
  readonly document: string;
  readonly key: string;
}

export function claimRefOf(ref: ClaimRef | ClaimsNode | undefined): ClaimRef | undefined {
  if (!ref) return undefined;
  if ('key' in ref && 'document' in ref && typeof ref.document === 'string') return ref as ClaimRef;
  const node = ref as ClaimsNode;
  return node.kind === 'claim' ? { document: node.document.uri.toString(), key: node.claim.key } : undefined;
}

/** The claim as its document shows it now; undefined when it is no longer there. */
export async function findClaim(service: ClaimsService, ref: ClaimRef): Promise<{ claim: DocumentClaim; document: vscode.TextDocument } | undefined> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.document));
  const { claims } = await service.claimsOf(document);
  const claim = claims.find((candidate) => candidate.key === ref.key);
  return claim && { claim, document };
}
