/**
 * Every command the extension contributes. A host test checks that this table, the commands
 * registered at run time and `contributes.commands` in package.json are the same set.
 */
export const Commands = {
  addConnection: 'redisSpecialist.addConnection',
  removeConnection: 'redisSpecialist.removeConnection',
  connect: 'redisSpecialist.connect',
  disconnect: 'redisSpecialist.disconnect',
  refreshConnections: 'redisSpecialist.refreshConnections',
  showLog: 'redisSpecialist.showLog',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];
