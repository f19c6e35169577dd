import { serverParameterKind } from "../server-parameter.ts";
import { postgreSqlDefinition } from "./postgresql-definition.ts";
import { postgreSqlParameter } from "./postgresql-upgrade.ts";

/** Servers listed, then `ssl_min_protocol_version` read per server (also on the Resource Graph path). */
export const postgreSqlKind = serverParameterKind(postgreSqlDefinition, postgreSqlParameter);
