// The help dialog's page: every formula with how to write it and an example, safely escaped.
import { customFunctionDeclarations } from '../../src/core/customFunctions/declarations';
import { escapeHtml, renderHelpPage } from '../../src/core/helpPage';
import { messageFor } from '../../src/core/messages';

describe('renderHelpPage', () => {
  const page = renderHelpPage();

  test.each(customFunctionDeclarations.map((declaration) => [declaration.name, declaration]))(
    'explains %s with its usage, arguments and example',
    (name, declaration) => {
      expect(page).toContain(`<h2>${name}</h2>`);
      expect(page).toContain(`<code>${escapeHtml(declaration.usage)}</code>`);
      declaration.args.forEach((argument) => expect(page).toContain(`<b>${argument.name}</b>`));
      expect(page).toContain(escapeHtml(declaration.example.formula));
    },
  );

  test('opens with how ranges, blanks and pasted numbers behave', () => {
    expect(page).toContain(escapeHtml(messageFor('addon/help/intro')));
    expect(page).toContain(escapeHtml(messageFor('addon/help/text-numbers')));
  });
});

describe('escapeHtml', () => {
  test.each([
    ['plain text', 'plain text'],
    ['<script>', '&lt;script&gt;'],
    ['R&D', 'R&amp;D'],
    ['"quoted"', '&quot;quoted&quot;'],
    ["it's", 'it&#39;s'],
    ['&amp;', '&amp;amp;'],
    ['', ''],
  ])('writes %j as %j', (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });
});
