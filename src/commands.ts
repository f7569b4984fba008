/**
 * Every command the extension contributes. A host test checks that this table, the commands
 * registered at run time and `contributes.commands` in package.json are the same set.
 */
export const Commands = {
  addConnection: 'redisSpecialist.addConnection',
  editConnection: 'redisSpecialist.editConnection',
  duplicateConnection: 'redisSpecialist.duplicateConnection',
  testConnection: 'redisSpecialist.testConnection',
  removeConnection: 'redisSpecialist.removeConnection',
  connect: 'redisSpecialist.connect',
  disconnect: 'redisSpecialist.disconnect',
  refreshConnections: 'redisSpecialist.refreshConnections',
  importConnections: 'redisSpecialist.importConnections',
  exportConnections: 'redisSpecialist.exportConnections',
  copyConnectionUrl: 'redisSpecialist.copyConnectionUrl',
  showLog: 'redisSpecialist.showLog',
  insertPattern: 'redisSpecialist.insertPattern',
  openDashboard: 'redisSpecialist.openDashboard',
  analyzeDumpFile: 'redisSpecialist.analyzeDumpFile',
  analyzeMemory: 'redisSpecialist.analyzeMemory',
  loadMoreKeys: 'redisSpecialist.loadMoreKeys',
  filterKeys: 'redisSpecialist.filterKeys',
  clearKeyFilter: 'redisSpecialist.clearKeyFilter',
  refreshKeys: 'redisSpecialist.refreshKeys',
  stopLoadingKeys: 'redisSpecialist.stopLoadingKeys',
  copyKeyName: 'redisSpecialist.copyKeyName',
  openKey: 'redisSpecialist.openKey',
  renameKey: 'redisSpecialist.renameKey',
  deleteKey: 'redisSpecialist.deleteKey',
  setKeyTtl: 'redisSpecialist.setKeyTtl',
  persistKey: 'redisSpecialist.persistKey',
  duplicateKey: 'redisSpecialist.duplicateKey',
  copyKeyValue: 'redisSpecialist.copyKeyValue',
  editStringValue: 'redisSpecialist.editStringValue',
  newKey: 'redisSpecialist.newKey',
  deleteKeysMatching: 'redisSpecialist.deleteKeysMatching',
  openCli: 'redisSpecialist.openCli',
  analyzeWorkspace: 'redisSpecialist.analyzeWorkspace',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];
