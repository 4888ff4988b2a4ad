// The add-on's help dialog as HTML: what each formula does, how to write it, and an example.
import { customFunctionDeclarations } from './customFunctions/declarations';
import { messageFor } from './messages';

/**
 * The help page, built from the custom function table so it never drifts from the formulas.
 *
 * @example
 * renderHelpPage(); // '<!DOCTYPE html><html>...<h2>CAMPAIGN_ROI</h2>...'
 */
export function renderHelpPage(): string {
  const functions = customFunctionDeclarations.map((declaration) => {
    const args = declaration.args
      .map(
        (argument) =>
          `<li><b>${escapeHtml(argument.name)}</b>: ${escapeHtml(argument.summary)}</li>`,
      )
      .join('');
    const { formula, answer } = declaration.example;
    return [
      `<h2>${escapeHtml(declaration.name)}</h2>`,
      `<p>${escapeHtml(declaration.summary)}</p>`,
      `<p><code>${escapeHtml(declaration.usage)}</code></p>`,
      `<ul>${args}</ul>`,
      `<p>Example: <code>${escapeHtml(formula)}</code> gives <b>${escapeHtml(String(answer))}</b>.</p>`,
    ].join('\n');
  });
  return [
    '<!DOCTYPE html>',
    '<html><head><base target="_top"><style>',
    'body{font-family:Arial,sans-serif;font-size:13px;line-height:1.4;margin:0 8px}',
    'h2{font-size:14px;margin:16px 0 4px}code{background:#f1f3f4;padding:0 3px}',
    'ul{margin:4px 0;padding-left:20px}',
    '</style></head><body>',
    `<p>${escapeHtml(messageFor('addon/help/intro'))}</p>`,
    `<p>${escapeHtml(messageFor('addon/help/text-numbers'))}</p>`,
    ...functions,
    `<p>${escapeHtml(messageFor('addon/help/menu'))}</p>`,
    '</body></html>',
  ].join('\n');
}

/**
 * Escapes text for HTML element content and attribute values.
 *
 * @example
 * escapeHtml('<b>"R&D"</b>'); // '&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
