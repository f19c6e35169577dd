import type { KindCatalog } from "../kind-definition.ts";

/** The MySQL flexible server retirement and its text, carried by the kind's folder (facts: FACTS.md [M1]). */
export const mySqlCatalog: KindCatalog = {
  retirement: {
    id: "mysql-flexible-tls10-11",
    resourceTypes: ["Microsoft.DBforMySQL/flexibleServers"],
    property: "configurations/tls_version",
    deadline: "2025-08-31",
    history: [
      { date: "2025-08-31", url: "https://cdc.nedio.net/en-us/azure/mysql/flexible-server/security-tls", note: "planned for Sept 2024, extended; servers still allowing TLS 1.0/1.1 are upgraded from 2025-08-31 (copy of Learn 'security-tls')" },
    ],
    conflict: null,
    trackingIds: [],
    reversible: null,
    sideEffects: ["mysqlStaticParameter"],
    checklist: [],
  },
  text: {
    en: {
      services: { "mysql-flexible-tls10-11": "Azure Database for MySQL flexible server" },
      sideEffects: { mysqlStaticParameter: "tls_version is a static server parameter: the new value takes effect when the server restarts, and clients below it can no longer connect." },
    },
    ja: {
      services: { "mysql-flexible-tls10-11": "Azure Database for MySQL フレキシブル サーバー" },
      sideEffects: { mysqlStaticParameter: "tls_version は静的サーバー パラメーターのため、新しい値はサーバーの再起動後に有効になります。以後、これより古い TLS のクライアントは接続できません。" },
    },
  },
};
