// Every command id in one place (package.json declares the same ids with titles and categories).
export const Commands = {
  query: 'jmespathAws.query',
  runQuery: 'jmespathAws.runQuery',
  runQueryAtCursor: 'jmespathAws.runQueryAtCursor',
  newQueryFile: 'jmespathAws.newQueryFile',
  bindQueryFile: 'jmespathAws.bindQueryFile',
  clearHighlights: 'jmespathAws.clearHighlights',
  nextResult: 'jmespathAws.nextResult',
  previousResult: 'jmespathAws.previousResult',
  copyPath: 'jmespathAws.copyPath',
  chooseResultsFormat: 'jmespathAws.chooseResultsFormat',
  openCapacityCalculator: 'jmespathAws.openCapacityCalculator',
  computeCapacity: 'jmespathAws.computeCapacity',
  generateRunInstances: 'jmespathAws.generateRunInstances',
} as const;

export const ContextKeys = {
  highlightsActive: 'jmespathAws.highlightsActive',
} as const;
