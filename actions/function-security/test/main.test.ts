import { run } from '../src/main.js';
import { describeGateAction } from '../../../packages/github/test/helpers/gate-action-suite.js';

describeGateAction({
  gate: 'function-security',
  run,
  passingHeading: '## ⚠️ Function security passes (fail-on: never)',
  expectedFinding: 'security-definer-search-path:definer_without_path',
  remediationContains: 'ALTER FUNCTION',
});
