import { serverParameterKind } from "../server-parameter.ts";
import { mySqlDefinition } from "./mysql-definition.ts";
import { mySqlParameter } from "./mysql-upgrade.ts";

/** Servers listed, then `tls_version` read per server (also on the Resource Graph path). */
export const mySqlKind = serverParameterKind(mySqlDefinition, mySqlParameter);
