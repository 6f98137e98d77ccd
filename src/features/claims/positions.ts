import * as vscode from 'vscode';
import { quoteChanged } from '../../core/annotations/model';
import { moveTo } from '../../core/annotations/reanchor';
import type { ClaimsService } from './service';

/** After a save, store the claims whose text or surroundings changed (not those that only moved: quoteChanged). */
export async function persistPositions(service: ClaimsService, document: vscode.TextDocument): Promise<void> {
  const store = await service.storeFor(document.uri).catch(() => undefined);
  if (!store) return;
  const { claims } = await service.claimsOf(document);
  const text = document.getText();
  let moved = false;
  for (const claim of claims) {
    const annotation = claim.annotation;
    if (!annotation) continue;
    if (!quoteChanged(annotation, text, claim.start, claim.end)) continue;
    store.upsert(moveTo(annotation, text, claim.start, claim.end));
    moved = true;
  }
  if (moved) await store.save().catch((error: Error) => void vscode.window.showErrorMessage(error.message));
}
