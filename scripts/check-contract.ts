/**
 * Compares action.yml's inputs (with their defaults) and outputs with the product contract's tables. Run by
 * hand (`npm run contract`), as the contract lives outside this repository: `node scripts/check-contract.ts
 * [path/to/PRODUCT.md]`, by default ../shared/PRODUCT.md beside the checkout. Exits 1 on any difference.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readActionMetadata } from './readme-tables.ts';

const contractPath = process.argv[2] ?? fileURLToPath(new URL('../../shared/PRODUCT.md', import.meta.url));
const contract = readFileSync(contractPath, 'utf8');
const action = readActionMetadata();

/** The rows of a `## heading` section's table whose first cell is a name in backticks. */
function contractRows(heading: string): Map<string, string[]> {
  const start = contract.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`${contractPath} has no '## ${heading}' section`);
  const end = contract.indexOf('\n## ', start + 1);
  const rows = new Map<string, string[]>();
  for (const line of contract.slice(start, end === -1 ? undefined : end).split('\n')) {
    if (!line.startsWith('| `')) continue;
    const [name = '', ...cells] = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim());
    rows.set(name.replace(/`/g, ''), cells);
  }
  return rows;
}

/** `required`, `empty`, or the default in backticks, as the contract writes it. */
function contractDefault(input: { required?: boolean; default?: string }): string {
  if (input.required === true) return 'required';
  return input.default ? `\`${input.default}\`` : 'empty';
}

const problems: string[] = [];
const inputs = contractRows('Inputs');
for (const [name, declared] of Object.entries(action.inputs)) {
  const row = inputs.get(name);
  if (!row) problems.push(`input ${name}: in action.yml, not in the contract`);
  else if (row[0] !== contractDefault(declared))
    problems.push(
      `input ${name}: default ${contractDefault(declared)} in action.yml, ${row[0]} in the contract`,
    );
}
for (const name of inputs.keys())
  if (!(name in action.inputs)) problems.push(`input ${name}: in the contract, not in action.yml`);
const outputs = contractRows('Outputs');
for (const name of Object.keys(action.outputs))
  if (!outputs.has(name)) problems.push(`output ${name}: in action.yml, not in the contract`);
for (const name of outputs.keys())
  if (!(name in action.outputs)) problems.push(`output ${name}: in the contract, not in action.yml`);

if (problems.length > 0) {
  console.error(`action.yml and ${contractPath} differ:\n${problems.map((line) => `- ${line}`).join('\n')}`);
  process.exit(1);
}
console.log(`action.yml agrees with ${contractPath}.`);
