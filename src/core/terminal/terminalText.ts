/**
 * Text that goes to the CLI terminal comes from other clients (values, error replies, INFO
 * lines) and must never act on the terminal: an ESC or C1 control could retitle the window,
 * clear the screen or move the cursor to print fake output. Only line breaks and tabs stay live.
 */

// eslint-disable-next-line no-control-regex -- control characters are what this finds
const LIVE_CONTROLS = /\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;

/** `text` with every control character except "\n", "\t" and a CRLF pair shown as `\xNN`. */
export function escapeControls(text: string): string {
  return text.replace(LIVE_CONTROLS, (c) => '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}
