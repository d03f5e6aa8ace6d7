// `npm run test:desktop`: the integration tests in desktop VS Code via @vscode/test-cli
// (downloads VS Code, so it needs internet; CI here uses code-server instead).
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/test/integration/**/*.test.js',
  version: '1.100.3',
  workspaceFolder: './test/fixtures/workspace',
  mocha: { ui: 'bdd', timeout: 30000 },
});
