import { escapeControls } from '../text/escapeControls';
import { toInertJson } from '../reporters/jsonReporter';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text as HTML text or attribute value: markup characters as entities, and the characters that
 * act on a viewer (controls, bidirectional overrides, invisible ones) shown escaped, as in every report.
 */
export function escapeHtml(text: unknown): string {
  return escapeControls(String(text)).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A value as the body of `<script type="application/json">`: no `<` can close the element. */
export function jsonForScript(value: unknown): string {
  return toInertJson(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
