/**
 * Class fingerprints (`shapeFingerprint`) of the current version of a document's text, by range:
 * after an edit both member reuse and the class-shape check ask for the edited class's one.
 */
import type { Node } from 'web-tree-sitter';
import { shapeFingerprint } from './classShapes';

export class ClassFingerprints {
  private version = -1;
  private byRange = new Map<string, string>();

  /** `version` changes whenever the text does (comparing megabyte texts would cost more than the walk). */
  constructor(
    private readonly text: () => string,
    private readonly textVersion: () => number,
  ) {}

  readonly of = (decl: Node, className: string): string => {
    if (this.version !== this.textVersion()) {
      this.version = this.textVersion();
      this.byRange = new Map();
    }
    const range = `${decl.startIndex}:${decl.endIndex}:${className}`;
    let fingerprint = this.byRange.get(range);
    if (fingerprint === undefined) this.byRange.set(range, (fingerprint = shapeFingerprint(decl, this.text(), className)));
    return fingerprint;
  };
}
