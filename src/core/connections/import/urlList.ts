import { ConnectionUrlError, defaultConnectionName, parseConnectionUrl } from '../../redis/connection/connectionConfig';
import { ConnectionImportError, type ImportedConnection } from './importedConnection';

const URL_LINE = /^rediss?:\/\//i;

/** Lines of a text file, blank lines and `#` comments left out, with their 1-based numbers. */
function contentLines(text: string): { line: number; text: string }[] {
  return text
    .split(/\r?\n/)
    .map((raw, index) => ({ line: index + 1, text: raw.trim() }))
    .filter(({ text: line }) => line !== '' && !line.startsWith('#'));
}

/** A file whose first line of content is a redis:// or rediss:// URL. */
export function looksLikeUrlList(text: string): boolean {
  const [first] = contentLines(text);
  return first !== undefined && URL_LINE.test(first.text);
}

/**
 * One `redis://` or `rediss://` URL per line (blank lines and `#` comments skipped), as
 * Add Connection reads them; a `#fragment` names the connection (`redis://cache:6379/1#Cache`).
 */
export function parseUrlList(text: string): ImportedConnection[] {
  return contentLines(text).map(({ line, text: url }) => {
    const hash = url.indexOf('#');
    const name = hash === -1 ? undefined : decodeName(url.slice(hash + 1), line);
    try {
      const { config, secrets } = parseConnectionUrl(hash === -1 ? url : url.slice(0, hash));
      return { config: { ...config, name: name || defaultConnectionName(config) }, secrets, notes: [] };
    } catch (error) {
      if (error instanceof ConnectionUrlError) throw new ConnectionImportError(`line ${line}: ${error.message.replace(/\.$/, '')}`);
      throw error;
    }
  });
}

function decodeName(fragment: string, line: number): string {
  try {
    return decodeURIComponent(fragment).trim();
  } catch {
    throw new ConnectionImportError(`line ${line}: the name after "#" has a "%" that does not start a %XX code`);
  }
}
