// The two sides of a review diff live only in memory: read-only virtual documents under their own scheme, so a
// proposal never touches the disk and vanishes with its review. The file name is kept in the path so the diff
// editor can show it (the language is set explicitly, see ProposalReview).
import vscode = require('vscode');

export const PROPOSAL_SCHEME = 'bedrock-mantle-proposal';

export type ProposalSide = 'original' | 'proposal';

export function proposalUri(id: string, side: ProposalSide, fileName: string): vscode.Uri {
  return vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${id}/${side}/${fileName}` });
}

/** The proposal id a proposal URI belongs to, or undefined for any other URI. */
export function proposalIdOf(uri: vscode.Uri | undefined): string | undefined {
  if (uri?.scheme !== PROPOSAL_SCHEME) return undefined;
  return uri.path.split('/')[1] || undefined;
}

export class ProposalDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this);

  set(uri: vscode.Uri, text: string): void {
    this.contents.set(uri.toString(), text);
  }

  delete(uri: vscode.Uri): void {
    this.contents.delete(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.registration.dispose();
    this.contents.clear();
  }
}
