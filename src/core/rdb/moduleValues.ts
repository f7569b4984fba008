import { ModuleOpcode } from './rdbFormat';
import type { RdbPrimitives } from './rdbPrimitives';

const NAME_CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A module type's 9-character name, packed 6 bits a character above a 10-bit encoding version. */
export function moduleTypeName(moduleId: bigint): string {
  let id = moduleId >> 10n;
  let name = '';
  for (let j = 0; j < 9; j++) {
    name = NAME_CHARSET[Number(id & 63n)] + name;
    id >>= 6n;
  }
  return name;
}

/** Skips a module's self-described values (MODULE_2 and MODULE_AUX) up to their EOF opcode. */
export function skipModuleOpcodes(p: RdbPrimitives, moduleName: string): void {
  const what = `the value of module type ${moduleName}`;
  for (;;) {
    const at = p.position;
    const opcode = p.readLength(what);
    switch (opcode) {
      case ModuleOpcode.EOF:
        return;
      case ModuleOpcode.SINT:
      case ModuleOpcode.UINT:
        p.readLengthBig(what);
        break;
      case ModuleOpcode.FLOAT:
        p.reader.skip(4, what);
        break;
      case ModuleOpcode.DOUBLE:
        p.reader.skip(8, what);
        break;
      case ModuleOpcode.STRING:
        p.skipString(what);
        break;
      default:
        throw p.error(`module opcode ${opcode} at byte ${at} is unknown`);
    }
  }
}
