// ESLint flat config: typescript-eslint recommended for all TypeScript, plus the Office Add-in
// rules from eslint-plugin-office-addins for code that talks to Office.js.
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';

// eslint-plugin-office-addins' own "recommended" config bundles a second copy of the
// typescript-eslint plugin and prettier's formatting rule; we take its Office rules (and the
// few core rules it sets) and leave formatting to the editor.
const officeRecommended = officeAddins.configs.recommended.find((c) => c.plugins?.['office-addins']);
const officeRules = Object.fromEntries(
  Object.entries(officeRecommended.rules).filter(
    ([name]) => name.startsWith('office-addins/') || !name.includes('/'),
  ),
);

const unusedVars = [
  'error',
  { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'coverage/**', 'test-artifacts/**', 'node_modules/**'],
  },
  {
    files: ['src/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: { '@typescript-eslint/no-unused-vars': unusedVars },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    // The Office rules recognise Excel proxy objects by shape (getCell, .values, ...), so they
    // misfire on ExcelJS code and on the in-memory fake of Excel, which are not Office.js.
    ignores: ['src/xlsx/**', 'src/fake-excel/**'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      ...officeRules,
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': unusedVars,
    },
  },
);
