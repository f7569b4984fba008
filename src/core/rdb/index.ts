export { bufferSource, type ByteSource } from './byteReader';
export { openFileSource } from './fileSource';
export { RdbError } from './rdbErrors';
export { RdbParser, type RdbParserOptions } from './rdbParser';
export type { RdbFileInfo, RdbKeyRecord, RdbValueType } from './valueTypes';
