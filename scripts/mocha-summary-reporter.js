// mocha's spec reporter plus the plain "N passed, N failed" line CI's log reader looks for.
'use strict';
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const s = runner.stats;
      console.log(`unit tests: ${s.passes} passed, ${s.failures} failed`);
    });
  }
}
module.exports = SummaryReporter;
