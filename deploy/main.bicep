// tlsbot on Azure Container Apps: N stateless replicas behind one ingress, Azure Database for PostgreSQL
// flexible server as the only shared state, a user-assigned managed identity for Azure, Key Vault for the
// chat credentials. See docs/scale-out.md.
targetScope = 'resourceGroup'

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('Short prefix for resource names (lower-case letters and digits).')
@minLength(3)
@maxLength(12)
param namePrefix string = 'tlsbot'

@description('Container image, e.g. myregistry.azurecr.io/tlsbot:1.0.0 (built from the Dockerfile).')
param image string

@description('Replicas. Any replica answers any request; schedules run once per slot across them.')
@minValue(1)
@maxValue(10)
param replicas int = 2

@description('Subscriptions tlsbot scans (Reader) and may upgrade (the custom write role), by id.')
param scannedSubscriptionIds array

@description('Grant the upgrade writes; false deploys a scan-only bot.')
param allowUpgrades bool = true

@description('PostgreSQL administrator login (used by tlsbot; a dedicated login can replace it).')
param postgresAdminLogin string = 'tlsbotadmin'

@secure()
@description('PostgreSQL administrator password.')
param postgresAdminPassword string

@description('Azure Bot app (client) id; empty: no Teams.')
param microsoftAppId string = ''

@secure()
@description('Azure Bot client secret (empty with a UserAssignedMSI bot).')
param microsoftAppPassword string = ''

@description('Tenant of the bot app registration. Its Teams users may use the bot; tlsbot refuses to start with an app id and no allowed tenant.')
param microsoftAppTenantId string = tenant().tenantId

@description('Other Microsoft Entra tenant ids whose Teams users may use the bot (TLSBOT_TEAMS_TENANTS, comma-separated); empty: only microsoftAppTenantId.')
param teamsTenants string = ''

@secure()
@description('Slack bot token (xoxb-…); empty: no Slack.')
param slackBotToken string = ''

@secure()
@description('Slack signing secret.')
param slackSigningSecret string = ''

@description('Approvers, as TLSBOT_APPROVERS takes them (teams:<aadObjectId>@<scope>,…).')
param approvers string = ''

var suffix = uniqueString(resourceGroup().id, namePrefix)
var databaseName = 'tlsbot'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id'
  location: location
}

module roles 'upgrade-roles.bicep' = [for subscriptionId in scannedSubscriptionIds: {
  name: 'tlsbot-roles-${subscriptionId}'
  scope: subscription(subscriptionId)
  params: {
    principalId: identity.properties.principalId
    allowUpgrades: allowUpgrades
  }
}]

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: '${namePrefix}-pg-${suffix}'
  location: location
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '15'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: { mode: 'Disabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// Container Apps' outbound addresses are not fixed on the consumption plan: allow Azure services. For a
// private server, put the environment in a VNet and use the server's private access instead.
resource allowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${namePrefix}-kv-${take(suffix, 8)}'
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
  }
}

var secretValues = {
  'database-url': 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=require'
  'microsoft-app-password': microsoftAppPassword
  'slack-bot-token': slackBotToken
  'slack-signing-secret': slackSigningSecret
}

resource secrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for s in items(secretValues): if (!empty(s.value)) {
  parent: vault
  name: s.key
  properties: { value: s.value }
}]

// Key Vault Secrets User: the identity reads the secrets, nothing more.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource secretsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUserRoleId)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

var secretRefs = filter(items(secretValues), s => !empty(s.value))
var envFromSecret = {
  'database-url': 'TLSBOT_DATABASE_URL'
  'microsoft-app-password': 'MicrosoftAppPassword'
  'slack-bot-token': 'SLACK_BOT_TOKEN'
  'slack-signing-secret': 'SLACK_SIGNING_SECRET'
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${namePrefix}-app'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  dependsOn: [secretsReader, secrets, database, allowAzure]
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 3978
        transport: 'http'
        allowInsecure: false
      }
      secrets: [for s in secretRefs: {
        name: s.key
        keyVaultUrl: '${vault.properties.vaultUri}secrets/${s.key}'
        identity: identity.id
      }]
    }
    template: {
      containers: [
        {
          name: 'tlsbot'
          image: image
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          // Unset rather than empty: tlsbot's configuration rejects an empty value.
          env: concat([
            { name: 'TLSBOT_HOST', value: '0.0.0.0' }
            { name: 'PORT', value: '3978' }
            // DefaultAzureCredential picks the user-assigned identity by its client id.
            { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
            { name: 'AZURE_SUBSCRIPTION_IDS', value: join(scannedSubscriptionIds, ',') }
          ], empty(approvers) ? [] : [
            { name: 'TLSBOT_APPROVERS', value: approvers }
          ], empty(microsoftAppId) ? [] : [
            { name: 'MicrosoftAppId', value: microsoftAppId }
            { name: 'MicrosoftAppTenantId', value: microsoftAppTenantId }
            { name: 'MicrosoftAppType', value: empty(microsoftAppPassword) ? 'UserAssignedMSI' : 'SingleTenant' }
          ], empty(microsoftAppId) || empty(teamsTenants) ? [] : [
            { name: 'TLSBOT_TEAMS_TENANTS', value: teamsTenants }
          ], map(secretRefs, s => { name: envFromSecret[s.key], secretRef: s.key }))
          probes: [
            {
              type: 'Liveness'
              httpGet: { path: '/healthz', port: 3978 }
              periodSeconds: 30
            }
            {
              // /readyz: the store answers and every migration is applied.
              type: 'Readiness'
              httpGet: { path: '/readyz', port: 3978 }
              periodSeconds: 10
            }
          ]
        }
      ]
      scale: {
        minReplicas: replicas
        maxReplicas: replicas
      }
    }
  }
}

output url string = 'https://${app.properties.configuration.ingress.fqdn}'
output identityPrincipalId string = identity.properties.principalId
output identityClientId string = identity.properties.clientId
