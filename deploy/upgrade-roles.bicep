// Per scanned subscription: Reader for scanning, and one custom role holding exactly the write actions
// tlsbot's upgrades send (README, "Azure permissions for upgrades") — nothing else is writable.
targetScope = 'subscription'

@description('Principal id of the user-assigned managed identity tlsbot runs as.')
param principalId string

@description('Also grant the upgrade writes (false: scan-only, Reader alone).')
param allowUpgrades bool = true

// Built-in Reader: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
var readerRoleId = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'

// One write action per upgradable kind, from each kind's upgrade (src/azure/kinds/<kind>/<kind>-upgrade.ts).
var upgradeActions = [
  'Microsoft.Cache/redis/write'
  'Microsoft.Devices/IotHubs/write'
  'Microsoft.Storage/storageAccounts/write'
  'Microsoft.ServiceBus/namespaces/write'
  'Microsoft.EventHub/namespaces/write'
  'Microsoft.DocumentDB/databaseAccounts/write'
  'Microsoft.Sql/servers/write'
  'Microsoft.Sql/managedInstances/write'
  'Microsoft.Web/sites/config/write'
  'Microsoft.Web/sites/slots/config/write'
  'Microsoft.Network/applicationGateways/write'
  // An Application Gateway PUT re-submits its subnet and public IP references, which ARM checks as joins.
  'Microsoft.Network/virtualNetworks/subnets/join/action'
  'Microsoft.Network/publicIPAddresses/join/action'
  'Microsoft.DBforMySQL/flexibleServers/configurations/write'
  'Microsoft.DBforPostgreSQL/flexibleServers/configurations/write'
  'Microsoft.Cdn/profiles/customDomains/write'
  'Microsoft.Network/frontDoors/frontendEndpoints/enableHttps/action'
]

resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, readerRoleId)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', readerRoleId)
  }
}

resource upgrader 'Microsoft.Authorization/roleDefinitions@2022-04-01' = if (allowUpgrades) {
  name: guid(subscription().id, 'tlsbot-tls-upgrader')
  properties: {
    roleName: 'tlsbot TLS upgrader (${subscription().subscriptionId})'
    description: 'Only the writes tlsbot sends to raise a resource\'s minimum TLS version.'
    type: 'CustomRole'
    assignableScopes: [subscription().id]
    permissions: [
      {
        actions: upgradeActions
        notActions: []
      }
    ]
  }
}

resource upgraderAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (allowUpgrades) {
  name: guid(subscription().id, principalId, 'tlsbot-tls-upgrader')
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: upgrader.id
  }
}
