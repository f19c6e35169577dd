import type { KindCatalog } from "../kind-definition.ts";

/**
 * No retirement: Microsoft has announced no TLS 1.0/1.1 date for PostgreSQL flexible servers, whose default
 * minimum is already TLSv1.2 (FACTS.md [P1]). What raising the minimum does still needs saying: the
 * parameter is dynamic (applied without a restart), and Azure's server-parameter table lists only
 * TLSv1.2/TLSv1.3 as allowed values, so a raised server cannot be set back to 1.0/1.1.
 */
export const postgreSqlCatalog: KindCatalog = {
  upgrade: { reversible: false, sideEffects: ["postgresDynamicParameter", "postgresNoRetirement", "postgresOnlyTls12Or13"], noRetirement: "postgresNoRetirement" },
  text: {
    en: {
      sideEffects: {
        postgresDynamicParameter: "ssl_min_protocol_version is a dynamic server parameter: the new minimum applies without a restart, and clients below it can no longer connect.",
        postgresNoRetirement: "Microsoft has announced no TLS 1.0/1.1 retirement date for PostgreSQL flexible servers.",
        postgresOnlyTls12Or13: "TLS 1.2 is already the default, and only TLSv1.2 or TLSv1.3 can be set.",
      },
    },
    ja: {
      sideEffects: {
        postgresDynamicParameter: "ssl_min_protocol_version は動的サーバー パラメーターのため、再起動なしで新しい最小バージョンが適用されます。以後、これより古い TLS のクライアントは接続できません。",
        postgresNoRetirement: "PostgreSQL フレキシブル サーバーについて、Microsoft は TLS 1.0/1.1 の廃止期限を発表していません。",
        postgresOnlyTls12Or13: "既定値はすでに TLS 1.2 で、設定できる値は TLSv1.2 と TLSv1.3 のみです。",
      },
    },
  },
};
