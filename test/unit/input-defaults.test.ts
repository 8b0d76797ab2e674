import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTION_YML, DEFAULTS_MODULE, inputDefaultsModule } from '../../scripts/input-defaults.ts';
import { inputDefaults } from '../../scripts/readme-tables.ts';
import { INPUT_DEFAULTS } from '../../src/action/input-defaults.ts';

describe('src/action/input-defaults.ts', () => {
  it('is what `npm run docs` writes from action.yml', () => {
    expect(
      readFileSync(DEFAULTS_MODULE, 'utf8'),
      'src/input-defaults.ts is not current: run `npm run docs`',
    ).toBe(inputDefaultsModule(readFileSync(ACTION_YML, 'utf8')));
  });

  it("holds action.yml's defaults, less the expressions only the runner evaluates", () => {
    expect(INPUT_DEFAULTS).toEqual(inputDefaults());
    expect(INPUT_DEFAULTS).not.toHaveProperty('github-token');
  });

  it('writes any default as the string it is', () => {
    const actionYml = [
      'inputs:',
      '  quote: { default: "it\'s \\\\ a \\"test\\"\\nline" }',
      '  number: { default: 7 }',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, as action.yml writes it
      '  token: { default: "${{ github.token }}" }',
      '  none: { required: true }',
    ].join('\n');
    const module = inputDefaultsModule(actionYml);
    const literal = module.slice(module.indexOf('= {') + 2, module.lastIndexOf('}') + 1);
    const values = new Function(`return ${literal}`)() as Record<string, string>;
    expect(values).toEqual({ quote: 'it\'s \\ a "test"\nline', number: '7' });
  });
});
