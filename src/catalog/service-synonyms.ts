/**
 * How notices and people name each catalog service, in English and Japanese (after NFKC). Matched
 * case-insensitively with word boundaries; longer names first so "Azure SQL Managed Instance" wins
 * over "SQL". Keyed by catalog retirement id.
 */
export const SERVICE_SYNONYMS: Readonly<Record<string, { readonly en: readonly string[]; readonly ja: readonly string[] }>> = {
  "redis-tls10-11": { en: ["Azure Cache for Redis", "Azure Redis Cache", "Redis Cache", "Redis"], ja: ["Azure Cache for Redis", "Redis キャッシュ", "レディス", "キャッシュ for Redis"] },
  "iothub-tls10-11": { en: ["Azure IoT Hub", "IoT Hub", "IoT Hubs", "IoT hub"], ja: ["IoT ハブ", "IoTハブ", "IoT Hub"] },
  "storage-tls10-11": { en: ["Azure Storage", "Azure Blob Storage", "storage account", "storage accounts", "Blob Storage", "Azure Files", "Queue Storage", "Table Storage"], ja: ["ストレージ アカウント", "ストレージアカウント", "Azure ストレージ", "Azure Storage", "Blob ストレージ"] },
  "appservice-tls10-11": { en: ["Azure App Service", "App Service", "App Services", "Web Apps", "Web App", "Azure Functions", "Function Apps"], ja: ["App Service", "Web アプリ", "Azure Functions", "関数アプリ"] },
  "sql-tls10-11": { en: ["Azure SQL Database", "Azure SQL Managed Instance", "SQL Managed Instance", "Azure Synapse Analytics", "Azure SQL", "SQL Database"], ja: ["Azure SQL Database", "Azure SQL データベース", "SQL マネージド インスタンス", "Azure SQL"] },
  "cosmosdb-tls10-11": { en: ["Azure Cosmos DB", "Cosmos DB", "CosmosDB", "Azure Cosmos Database", "Cosmos Database"], ja: ["Azure Cosmos DB", "Cosmos DB"] },
  "servicebus-tls10-11": { en: ["Azure Service Bus", "Service Bus"], ja: ["Service Bus", "サービス バス"] },
  "eventhubs-tls10-11": { en: ["Azure Event Hubs", "Event Hubs", "Event Hub"], ja: ["Event Hubs", "イベント ハブ"] },
  "appgateway-tls10-11": { en: ["Azure Application Gateway", "Application Gateway", "App Gateway"], ja: ["Application Gateway", "アプリケーション ゲートウェイ"] },
  "backup-mars-tls10-11": { en: ["Microsoft Azure Recovery Services", "MARS agent", "MARS agents", "Azure Backup agent", "Azure Backup"], ja: ["MARS エージェント", "MARSエージェント", "Azure Backup", "Azure バックアップ"] },
  "aad-connect-agents-tls10-11": { en: ["Azure AD Connect", "Azure Active Directory Connect", "Microsoft Entra Connect", "Entra Connect", "Pass-through Authentication agent", "Provisioning agent", "Azure AD Connect Health"], ja: ["Azure AD Connect", "Entra Connect", "パススルー認証エージェント", "プロビジョニング エージェント"] },
  "appinsights-tls10-11": { en: ["Application Insights", "Azure Monitor Application Insights"], ja: ["Application Insights"] },
  "azure-wide-tls10-11": { en: [], ja: [] },
};
