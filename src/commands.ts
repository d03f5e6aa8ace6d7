// Every command id in one place (package.json declares the same ids with titles and categories).
export const Commands = {
  query: 'jmespathAws.query',
  /**
   * The palette from its key. Not contributed, so VS Code has no activation event to ask the
   * extension host about before it sends the command: the command arrives before the keys typed
   * after it (with `jmespathAws.query`, a busy extension host received them first).
   */
  queryFromKeyboard: 'jmespathAws.queryFromKeyboard',
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
  runAwsCommand: 'jmespathAws.runAwsCommand',
  rerunAwsCommand: 'jmespathAws.rerunAwsCommand',
  writeQueryBack: 'jmespathAws.writeQueryBack',
  newCloudInitSeed: 'jmespathAws.newCloudInitSeed',
} as const;

export const ContextKeys = {
  highlightsActive: 'jmespathAws.highlightsActive',
  /** Highlights active and at least one value highlighted: F8 / Shift+F8 have somewhere to go. */
  highlightsNavigable: 'jmespathAws.highlightsNavigable',
} as const;
