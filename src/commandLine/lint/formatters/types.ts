import type { Finding } from '../../../core/analysis';

export interface FileFindings {
  /** Path relative to the working directory, `/`-separated. */
  file: string;
  findings: Finding[];
}
